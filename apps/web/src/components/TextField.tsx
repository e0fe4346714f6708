import type { InputHTMLAttributes, ReactNode } from "react";
import { useTranslation } from "react-i18next";

export interface TextFieldProps
  extends Omit<InputHTMLAttributes<HTMLInputElement>, "id" | "value" | "onChange" | "children"> {
  id: string;
  label: string;
  value: string;
  onValueChange(value: string): void;
  /** The translated error; marks the input invalid and describes it. */
  error?: string | undefined;
  hint?: string | undefined;
  /** Rendered next to the input (e.g. the show-password toggle). */
  addon?: ReactNode;
}

/**
 * A labelled input. The required marker sits outside the <label> (and is hidden from assistive
 * technology, which hears `required` instead), so the accessible name is exactly the label.
 */
export function TextField({
  id,
  label,
  value,
  onValueChange,
  error,
  hint,
  addon,
  required,
  type = "text",
  ...rest
}: TextFieldProps) {
  const { t } = useTranslation();
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  const describedBy = [hint ? hintId : null, error ? errorId : null].filter(Boolean).join(" ") || undefined;
  return (
    <div className={error ? "field field--invalid" : "field"}>
      <div className="field__label-row">
        <label className="field__label" htmlFor={id}>
          {label}
        </label>
        {required ? (
          <span className="field__required" aria-hidden="true">
            *
          </span>
        ) : null}
      </div>
      {hint ? (
        <p className="field__hint" id={hintId}>
          {hint}
        </p>
      ) : null}
      {error ? (
        <p className="field__error" id={errorId}>
          <span className="visually-hidden">{t("form.errorPrefix")} </span>
          {error}
        </p>
      ) : null}
      <div className="field__control">
        <input
          {...rest}
          id={id}
          type={type}
          value={value}
          required={required}
          aria-invalid={error ? true : undefined}
          aria-describedby={describedBy}
          onChange={(event) => onValueChange(event.target.value)}
        />
        {addon}
      </div>
    </div>
  );
}

/** An email address field: the email keyboard and autofill, no automatic capitals or spelling fixes. */
export function EmailField(props: Omit<TextFieldProps, "type">) {
  return <TextField type="email" autoComplete="email" autoCapitalize="off" spellCheck={false} {...props} />;
}
