import { DeleteAccountInput } from "@ensemble/contracts/account";
import { type FormEvent, useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { Button } from "../../components/Button.tsx";
import { CardSection } from "../../components/CardSection.tsx";
import { FormErrorSummary } from "../../components/FormErrorSummary.tsx";
import { PasswordField } from "../../components/PasswordField.tsx";
import { useForm, validate } from "../../lib/forms.ts";
import { useDeleteAccount } from "./account.queries.ts";

const FIELDS = ["password"] as const;

/** Delete the account: first an explicit step to confirm, then the password. */
export function DeleteAccountSection() {
  const { t } = useTranslation();
  const form = useForm(FIELDS);
  const remove = useDeleteAccount();
  const [confirming, setConfirming] = useState(false);
  const [password, setPassword] = useState("");
  const startRef = useRef<HTMLButtonElement>(null);
  const passwordId = form.ids.password;
  const wasConfirming = useRef(false);

  useEffect(() => {
    if (confirming) {
      document.getElementById(passwordId)?.focus();
    } else if (wasConfirming.current) {
      startRef.current?.focus();
    }
    wasConfirming.current = confirming;
  }, [confirming, passwordId]);

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    void form.submit(async () => {
      const checked = validate(DeleteAccountInput, { password }, FIELDS);
      if (!checked.ok) {
        form.fail(checked.errors);
        return;
      }
      await remove.mutateAsync(checked.data);
      // A full page load: nothing of the deleted account stays in memory.
      window.location.assign("/sign-in?notice=account-deleted");
    });
  }

  function cancel() {
    setPassword("");
    form.reset();
    setConfirming(false);
  }

  return (
    <CardSection title={t("settings.delete.heading")} tone="danger">
      <p>{t("settings.delete.intro")}</p>
      {confirming ? (
        <form ref={form.formRef} className="form" noValidate onSubmit={onSubmit}>
          <FormErrorSummary form={form} labels={{ password: t("settings.delete.password") }} />
          <p className="form__required-hint">{t("form.requiredHint")}</p>
          <p className="notice notice--warning">{t("settings.delete.confirmText")}</p>
          <PasswordField
            id={passwordId}
            label={t("settings.delete.password")}
            autoComplete="current-password"
            required
            value={password}
            onValueChange={setPassword}
            error={form.errorFor("password")}
          />
          <div className="form__actions">
            <Button type="submit" variant="danger" busy={form.busy}>
              {t("settings.delete.confirm")}
            </Button>
            <Button variant="secondary" onClick={cancel} disabled={form.busy}>
              {t("app.cancel")}
            </Button>
          </div>
        </form>
      ) : (
        <div className="form__actions">
          <Button ref={startRef} variant="danger" onClick={() => setConfirming(true)}>
            {t("settings.delete.start")}
          </Button>
        </div>
      )}
    </CardSection>
  );
}
