import { ResetPasswordInput } from "@ensemble/contracts/auth";
import { type FormEvent, useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { Button } from "../../components/Button.tsx";
import { FormErrorSummary } from "../../components/FormErrorSummary.tsx";
import { NewPasswordFields } from "../../components/PasswordField.tsx";
import { ApiError } from "../../lib/api.ts";
import { type FieldErrors, repeatProblem, useForm, validate } from "../../lib/forms.ts";
import { useDocumentTitle } from "../../lib/useDocumentTitle.ts";
import { useResetPassword } from "./auth.queries.ts";
import { useTokenFromUrl } from "./useTokenFromUrl.ts";

const FIELDS = ["password", "repeat"] as const;
type Field = (typeof FIELDS)[number];

/** /reset-password?token=…: a new password from the mailed link; then every session has ended. */
export function ResetPasswordPage() {
  const { t } = useTranslation();
  useDocumentTitle(t("reset.title"));
  const token = useTokenFromUrl();
  const form = useForm(FIELDS, { password: "password", repeat: "password" });
  const reset = useResetPassword();
  const [password, setPassword] = useState("");
  const [repeat, setRepeat] = useState("");
  const [done, setDone] = useState(false);
  const doneRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (done) {
      doneRef.current?.focus();
    }
  }, [done]);

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    void form.submit(async () => {
      const checked = validate(ResetPasswordInput, { token: token ?? "", password }, ["password"]);
      const errors: FieldErrors<Field> = checked.ok ? {} : { ...checked.errors };
      const repeatError = repeatProblem(password, repeat);
      if (repeatError) {
        errors.repeat = repeatError;
      }
      if (!checked.ok || errors.repeat) {
        // A token the schema refuses leaves no field to blame: say the link is broken.
        const tokenBroken = Object.keys(errors).length === 0;
        form.fail(
          errors,
          tokenBroken ? new ApiError({ status: 400, code: "invalid_token", message: "" }) : null,
        );
        return;
      }
      await reset.mutateAsync(checked.data);
      setDone(true);
    });
  }

  if (!token) {
    return (
      <>
        <h1>{t("reset.heading")}</h1>
        <p className="notice notice--error">{t("reset.missingToken")}</p>
        <p>
          <Link to="/forgot-password">{t("reset.requestNew")}</Link>
        </p>
      </>
    );
  }

  if (done) {
    return (
      <>
        <h1>{t("reset.heading")}</h1>
        <div ref={doneRef} tabIndex={-1} role="status" className="notice notice--success">
          <p>{t("reset.success")}</p>
          <p>{t("reset.successHint")}</p>
        </div>
        <p>
          <Link to="/sign-in">{t("reset.toSignIn")}</Link>
        </p>
      </>
    );
  }

  return (
    <>
      <h1>{t("reset.heading")}</h1>
      <form ref={form.formRef} className="form" noValidate onSubmit={onSubmit}>
        <FormErrorSummary
          form={form}
          labels={{ password: t("reset.newPassword"), repeat: t("reset.repeat") }}
        />
        {form.formError?.code === "invalid_token" ? (
          <p>
            <Link to="/forgot-password">{t("reset.requestNew")}</Link>
          </p>
        ) : null}
        <p className="form__required-hint">{t("form.requiredHint")}</p>
        <NewPasswordFields
          ids={{ password: form.ids.password, repeat: form.ids.repeat }}
          labels={{ password: t("reset.newPassword"), repeat: t("reset.repeat") }}
          password={password}
          repeat={repeat}
          onPasswordChange={setPassword}
          onRepeatChange={setRepeat}
          errors={{ password: form.errorFor("password"), repeat: form.errorFor("repeat") }}
        />
        <div className="form__actions">
          <Button type="submit" busy={form.busy}>
            {t("reset.submit")}
          </Button>
        </div>
      </form>
    </>
  );
}
