import { ForgotPasswordInput } from "@ensemble/contracts/auth";
import { type FormEvent, useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { Button } from "../../components/Button.tsx";
import { FormErrorSummary } from "../../components/FormErrorSummary.tsx";
import { EmailField } from "../../components/TextField.tsx";
import { useForm, validate } from "../../lib/forms.ts";
import { useDocumentTitle } from "../../lib/useDocumentTitle.ts";
import { useForgotPassword } from "./auth.queries.ts";

const FIELDS = ["email"] as const;

/** /forgot-password: always the same confirmation, so it does not reveal who has an account. */
export function ForgotPasswordPage() {
  const { t } = useTranslation();
  useDocumentTitle(t("forgot.title"));
  const form = useForm(FIELDS);
  const forgot = useForgotPassword();
  const [email, setEmail] = useState("");
  const [sent, setSent] = useState(false);
  const sentRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (sent) {
      sentRef.current?.focus();
    }
  }, [sent]);

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    void form.submit(async () => {
      const checked = validate(ForgotPasswordInput, { email }, FIELDS);
      if (!checked.ok) {
        form.fail(checked.errors);
        return;
      }
      await forgot.mutateAsync(checked.data);
      setSent(true);
    });
  }

  return (
    <>
      <h1>{t("forgot.heading")}</h1>
      {sent ? (
        <div ref={sentRef} tabIndex={-1} className="notice notice--success" role="status">
          <p>{t("forgot.sent")}</p>
        </div>
      ) : (
        <>
          <p>{t("forgot.intro")}</p>
          <form ref={form.formRef} className="form" noValidate onSubmit={onSubmit}>
            <FormErrorSummary form={form} labels={{ email: t("forgot.email") }} />
            <p className="form__required-hint">{t("form.requiredHint")}</p>
            <EmailField
              id={form.ids.email}
              label={t("forgot.email")}
              required
              value={email}
              onValueChange={setEmail}
              error={form.errorFor("email")}
            />
            <div className="form__actions">
              <Button type="submit" busy={form.busy}>
                {t("forgot.submit")}
              </Button>
            </div>
          </form>
        </>
      )}
      <p className="form__footer">
        <Link to="/sign-in">{t("forgot.backToSignIn")}</Link>
      </p>
    </>
  );
}
