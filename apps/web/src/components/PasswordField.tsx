import { useState } from "react";
import { useTranslation } from "react-i18next";
import { TextField, type TextFieldProps } from "./TextField.tsx";

interface PasswordFieldProps extends Omit<TextFieldProps, "type" | "addon" | "autoComplete"> {
  autoComplete: "current-password" | "new-password";
}

/** A password input with a toggle to show what was typed (a pressed/unpressed button). */
export function PasswordField({ id, label, autoComplete, ...rest }: PasswordFieldProps) {
  const { t } = useTranslation();
  const [visible, setVisible] = useState(false);
  return (
    <TextField
      {...rest}
      id={id}
      label={label}
      type={visible ? "text" : "password"}
      autoComplete={autoComplete}
      autoCapitalize="off"
      autoCorrect="off"
      spellCheck={false}
      addon={
        <button
          type="button"
          className="field__toggle"
          aria-controls={id}
          aria-pressed={visible}
          onClick={() => setVisible((v) => !v)}
        >
          {/* The name comes from the content (not aria-label), starts with the visible word and says
              which field: a settings page has four of these. */}
          <span aria-hidden="true">{t("form.show")}</span>
          <span className="visually-hidden">{t("form.showField", { label })}</span>
        </button>
      }
    />
  );
}

interface NewPasswordFieldsProps {
  ids: { password: string; repeat: string };
  labels: { password: string; repeat: string };
  password: string;
  repeat: string;
  onPasswordChange(value: string): void;
  onRepeatChange(value: string): void;
  errors: { password?: string | undefined; repeat?: string | undefined };
}

/** A new password and its repetition, as on the reset page and in settings (see `repeatProblem`). */
export function NewPasswordFields(props: NewPasswordFieldsProps) {
  const { t } = useTranslation();
  return (
    <>
      <PasswordField
        id={props.ids.password}
        label={props.labels.password}
        hint={t("form.passwordHint")}
        autoComplete="new-password"
        required
        value={props.password}
        onValueChange={props.onPasswordChange}
        error={props.errors.password}
      />
      <PasswordField
        id={props.ids.repeat}
        label={props.labels.repeat}
        autoComplete="new-password"
        required
        value={props.repeat}
        onValueChange={props.onRepeatChange}
        error={props.errors.repeat}
      />
    </>
  );
}
