import { SignUpInput } from "@ensemble/contracts/auth";
import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useSearchParams } from "react-router";
import { Button } from "../../components/Button.tsx";
import { FormErrorSummary } from "../../components/FormErrorSummary.tsx";
import { PasswordField } from "../../components/PasswordField.tsx";
import { EmailField, TextField } from "../../components/TextField.tsx";
import { currentLanguage } from "../../i18n/i18n.ts";
import { useForm, validate } from "../../lib/forms.ts";
import { useDocumentTitle } from "../../lib/useDocumentTitle.ts";
import { useSignUp } from "./auth.queries.ts";

const FIELDS = ["email", "displayName", "password"] as const;

/** /sign-up: creates the account in the current language and signs in; then on to `?next=` (GuestOnly). */
export function SignUpPage() {
  const { t } = useTranslation();
  useDocumentTitle(t("signUp.title"));
  const [params] = useSearchParams();
  const next = params.get("next");
  const form = useForm(FIELDS, { displayName: "displayName", password: "password" });
  const signUp = useSignUp();
  // an invitation link hands over the invited address (`?email=`), to be checked and changed if need be
  const [email, setEmail] = useState(() => params.get("email") ?? "");
  const [displayName, setDisplayName] = useState("");
  const [password, setPassword] = useState("");

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    void form.submit(async () => {
      const values = { email, displayName, password, locale: currentLanguage() };
      const checked = validate(SignUpInput, values, FIELDS);
      if (!checked.ok) {
        form.fail(checked.errors);
        return;
      }
      await signUp.mutateAsync(checked.data);
    });
  }

  return (
    <>
      <h1>{t("signUp.heading")}</h1>
      <form ref={form.formRef} className="form" noValidate onSubmit={onSubmit}>
        <FormErrorSummary
          form={form}
          labels={{
            email: t("signUp.email"),
            displayName: t("signUp.displayName"),
            password: t("signUp.password"),
          }}
        />
        <p className="form__required-hint">{t("form.requiredHint")}</p>
        <EmailField
          id={form.ids.email}
          label={t("signUp.email")}
          required
          value={email}
          onValueChange={setEmail}
          error={form.errorFor("email")}
        />
        <TextField
          id={form.ids.displayName}
          label={t("signUp.displayName")}
          hint={t("signUp.displayNameHint")}
          autoComplete="name"
          required
          value={displayName}
          onValueChange={setDisplayName}
          error={form.errorFor("displayName")}
        />
        <PasswordField
          id={form.ids.password}
          label={t("signUp.password")}
          hint={t("form.passwordHint")}
          autoComplete="new-password"
          required
          value={password}
          onValueChange={setPassword}
          error={form.errorFor("password")}
        />
        <div className="form__actions">
          <Button type="submit" busy={form.busy}>
            {t("signUp.submit")}
          </Button>
        </div>
      </form>
      <p className="form__footer">
        {t("signUp.haveAccount")}{" "}
        <Link to={next ? `/sign-in?next=${encodeURIComponent(next)}` : "/sign-in"}>{t("signUp.signIn")}</Link>
      </p>
    </>
  );
}
