import { ChangePasswordInput } from "@ensemble/contracts/account";
import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import { Button } from "../../components/Button.tsx";
import { CardSection } from "../../components/CardSection.tsx";
import { FormErrorSummary } from "../../components/FormErrorSummary.tsx";
import { NewPasswordFields, PasswordField } from "../../components/PasswordField.tsx";
import { StatusMessage } from "../../components/StatusMessage.tsx";
import { type FieldErrors, repeatProblem, useForm, validate } from "../../lib/forms.ts";
import { useChangePassword } from "./account.queries.ts";

const FIELDS = ["currentPassword", "newPassword", "repeat"] as const;
type Field = (typeof FIELDS)[number];

/** Change the password (needs the current one); the other sessions end. */
export function ChangePasswordSection() {
  const { t } = useTranslation();
  const form = useForm(FIELDS, { newPassword: "password", repeat: "password" });
  const change = useChangePassword();
  const [currentPassword, setCurrentPassword] = useState("");
  const [newPassword, setNewPassword] = useState("");
  const [repeat, setRepeat] = useState("");
  const [done, setDone] = useState(false);

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setDone(false);
    void form.submit(async () => {
      const checked = validate(ChangePasswordInput, { currentPassword, newPassword }, [
        "currentPassword",
        "newPassword",
      ] as const);
      const errors: FieldErrors<Field> = checked.ok ? {} : { ...checked.errors };
      const repeatError = repeatProblem(newPassword, repeat);
      if (repeatError) {
        errors.repeat = repeatError;
      }
      if (!checked.ok || errors.repeat) {
        form.fail(errors);
        return;
      }
      await change.mutateAsync(checked.data);
      setCurrentPassword("");
      setNewPassword("");
      setRepeat("");
      setDone(true);
    });
  }

  return (
    <CardSection title={t("settings.password.heading")}>
      <form ref={form.formRef} className="form" noValidate onSubmit={onSubmit}>
        <FormErrorSummary
          form={form}
          labels={{
            currentPassword: t("settings.password.current"),
            newPassword: t("settings.password.new"),
            repeat: t("settings.password.repeat"),
          }}
        />
        <p className="form__required-hint">{t("form.requiredHint")}</p>
        <PasswordField
          id={form.ids.currentPassword}
          label={t("settings.password.current")}
          autoComplete="current-password"
          required
          value={currentPassword}
          onValueChange={setCurrentPassword}
          error={form.errorFor("currentPassword")}
        />
        <NewPasswordFields
          ids={{ password: form.ids.newPassword, repeat: form.ids.repeat }}
          labels={{ password: t("settings.password.new"), repeat: t("settings.password.repeat") }}
          password={newPassword}
          repeat={repeat}
          onPasswordChange={setNewPassword}
          onRepeatChange={setRepeat}
          errors={{ password: form.errorFor("newPassword"), repeat: form.errorFor("repeat") }}
        />
        <div className="form__actions">
          <Button type="submit" busy={form.busy}>
            {t("settings.password.submit")}
          </Button>
        </div>
        <StatusMessage message={done ? t("settings.password.success") : null} />
      </form>
    </CardSection>
  );
}
