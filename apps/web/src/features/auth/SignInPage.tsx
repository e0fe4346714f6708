import { SignInInput } from "@ensemble/contracts/auth";
import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useSearchParams } from "react-router";
import { Button } from "../../components/Button.tsx";
import { FormErrorSummary } from "../../components/FormErrorSummary.tsx";
import { PasswordField } from "../../components/PasswordField.tsx";
import { EmailField } from "../../components/TextField.tsx";
import { useForm, validate } from "../../lib/forms.ts";
import { useDocumentTitle } from "../../lib/useDocumentTitle.ts";
import { useSignIn } from "./auth.queries.ts";

const FIELDS = ["email", "password"] as const;

/** /sign-in. On success GuestOnly sends the user on to `?next=` (or home). */
export function SignInPage() {
  const { t } = useTranslation();
  useDocumentTitle(t("signIn.title"));
  const [params] = useSearchParams();
  const next = params.get("next");
  const form = useForm(FIELDS);
  const signIn = useSignIn();
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    void form.submit(async () => {
      const checked = validate(SignInInput, { email, password }, FIELDS);
      if (!checked.ok) {
        form.fail(checked.errors);
        return;
      }
      await signIn.mutateAsync(checked.data);
    });
  }

  return (
    <>
      <h1>{t("signIn.heading")}</h1>
      {params.get("notice") === "account-deleted" ? (
        <p className="notice notice--success">{t("signIn.accountDeleted")}</p>
      ) : null}
      <form ref={form.formRef} className="form" noValidate onSubmit={onSubmit}>
        <FormErrorSummary form={form} labels={{ email: t("signIn.email"), password: t("signIn.password") }} />
        <p className="form__required-hint">{t("form.requiredHint")}</p>
        <EmailField
          id={form.ids.email}
          label={t("signIn.email")}
          required
          value={email}
          onValueChange={setEmail}
          error={form.errorFor("email")}
        />
        <PasswordField
          id={form.ids.password}
          label={t("signIn.password")}
          autoComplete="current-password"
          required
          value={password}
          onValueChange={setPassword}
          error={form.errorFor("password")}
        />
        <div className="form__actions">
          <Button type="submit" busy={form.busy}>
            {t("signIn.submit")}
          </Button>
          <Link to="/forgot-password">{t("signIn.forgot")}</Link>
        </div>
      </form>
      <p className="form__footer">
        {t("signIn.noAccount")}{" "}
        <Link to={next ? `/sign-up?next=${encodeURIComponent(next)}` : "/sign-up"}>{t("signIn.signUp")}</Link>
      </p>
    </>
  );
}
