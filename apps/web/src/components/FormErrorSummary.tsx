import { useTranslation } from "react-i18next";
import { errorMessage } from "../lib/errors.ts";
import type { FormState } from "../lib/forms.ts";

interface FormErrorSummaryProps<F extends string> {
  form: FormState<F>;
  /** The visible label of each field, for the links to the invalid fields. */
  labels: Record<F, string>;
}

/**
 * The form-level error message (role="alert": announced when it appears), with links to the
 * invalid fields; it takes focus itself when no single field is to blame.
 */
export function FormErrorSummary<F extends string>({ form, labels }: FormErrorSummaryProps<F>) {
  const { t } = useTranslation();
  const invalid = (Object.keys(labels) as F[]).filter((field) => form.fieldErrors[field] !== undefined);
  if (invalid.length === 0 && form.formError === null) {
    return null;
  }
  return (
    <div role="alert" className="error-summary" ref={form.summaryRef} tabIndex={-1}>
      <p className="error-summary__title">
        {invalid.length > 0 ? t("form.summaryFieldsTitle") : t("form.summaryTitle")}
      </p>
      {invalid.length > 0 ? (
        <ul className="error-summary__list">
          {invalid.map((field) => (
            <li key={field}>
              <a
                href={`#${form.ids[field]}`}
                onClick={(event) => {
                  event.preventDefault();
                  document.getElementById(form.ids[field])?.focus();
                }}
              >
                {labels[field]}: {form.errorFor(field)}
              </a>
            </li>
          ))}
        </ul>
      ) : (
        <p>{errorMessage(t, form.formError)}</p>
      )}
    </div>
  );
}
