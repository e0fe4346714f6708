import { ChangeEmailInput } from "@ensemble/contracts/account";
import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import { Button } from "../../components/Button.tsx";
import { CardSection } from "../../components/CardSection.tsx";
import { FormErrorSummary } from "../../components/FormErrorSummary.tsx";
import { PasswordField } from "../../components/PasswordField.tsx";
import { StatusMessage } from "../../components/StatusMessage.tsx";
import { EmailField } from "../../components/TextField.tsx";
import { useForm, validate } from "../../lib/forms.ts";
import type { CurrentUser } from "../auth/auth.queries.ts";
import { useChangeEmail } from "./account.queries.ts";

const FIELDS = ["newEmail", "password"] as const;

/** Change the email address: it counts once the link mailed to the new address is opened. */
export function ChangeEmailSection({ me }: { me: CurrentUser }) {
  const { t } = useTranslation();
  const form = useForm(FIELDS);
  const change = useChangeEmail();
  const [newEmail, setNewEmail] = useState("");
  const [password, setPassword] = useState("");
  const [pending, setPending] = useState<string | null>(null);

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setPending(null);
    void form.submit(async () => {
      const checked = validate(ChangeEmailInput, { newEmail, password }, FIELDS);
      if (!checked.ok) {
        form.fail(checked.errors);
        return;
      }
      const { pendingEmail } = await change.mutateAsync(checked.data);
      setPending(pendingEmail);
      setNewEmail("");
      setPassword("");
    });
  }

  return (
    <CardSection title={t("settings.email.heading")}>
      <p>{t("settings.email.current", { email: me.email })}</p>
      <form ref={form.formRef} className="form" noValidate onSubmit={onSubmit}>
        <FormErrorSummary
          form={form}
          labels={{ newEmail: t("settings.email.newEmail"), password: t("settings.email.password") }}
        />
        <p className="form__required-hint">{t("form.requiredHint")}</p>
        <EmailField
          id={form.ids.newEmail}
          label={t("settings.email.newEmail")}
          required
          value={newEmail}
          onValueChange={setNewEmail}
          error={form.errorFor("newEmail")}
        />
        <PasswordField
          id={form.ids.password}
          label={t("settings.email.password")}
          hint={t("settings.email.passwordHint")}
          autoComplete="current-password"
          required
          value={password}
          onValueChange={setPassword}
          error={form.errorFor("password")}
        />
        <div className="form__actions">
          <Button type="submit" busy={form.busy}>
            {t("settings.email.submit")}
          </Button>
        </div>
        <StatusMessage message={pending ? t("settings.email.pending", { email: pending }) : null} />
      </form>
    </CardSection>
  );
}
