import { useState } from "react";
import { useTranslation } from "react-i18next";
import { TextField, type TextFieldProps } from "./TextField.tsx";

interface PasswordFieldProps extends Omit<TextFieldProps, "type" | "addon" | "autoComplete"> {
  autoComplete: "current-password" | "new-password";
}

/** A password input with a toggle to show what was typed (a pressed/unpressed button). */
export function PasswordField({ id, autoComplete, ...rest }: PasswordFieldProps) {
  const { t } = useTranslation();
  const [visible, setVisible] = useState(false);
  return (
    <TextField
      {...rest}
      id={id}
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
          {/* The name comes from the content (not aria-label), and includes the visible word. */}
          <span aria-hidden="true">{t("form.show")}</span>
          <span className="visually-hidden">{t("form.showPassword")}</span>
        </button>
      }
    />
  );
}
