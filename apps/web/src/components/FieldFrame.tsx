import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";

export interface FieldFrameProps {
  id: string;
  label: string;
  required?: boolean | undefined;
  error?: string | undefined;
  hint?: string | undefined;
  children: ReactNode;
}

/** The ids that describe a field's control: its hint and its error, when shown. */
export function describedByFor(id: string, hint?: string, error?: string): string | undefined {
  return [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(" ") || undefined;
}

/**
 * Label, required marker, hint and error around any control (input, select, textarea), so every
 * field looks and reads the same. The required marker sits outside the <label> (and is hidden from
 * assistive technology, which hears `required` instead), so the accessible name is exactly the label.
 */
export function FieldFrame({ id, label, required, error, hint, children }: FieldFrameProps) {
  const { t } = useTranslation();
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
        <p className="field__hint" id={`${id}-hint`}>
          {hint}
        </p>
      ) : null}
      {error ? (
        <p className="field__error" id={`${id}-error`}>
          <span className="visually-hidden">{t("form.errorPrefix")} </span>
          {error}
        </p>
      ) : null}
      <div className="field__control">{children}</div>
    </div>
  );
}
