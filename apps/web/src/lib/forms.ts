import { fieldErrorsFromZod } from "@ensemble/contracts/errors";
import { type RefObject, useCallback, useEffect, useId, useMemo, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import type { z } from "zod";
import { useLatestActionStart } from "./actions.ts";
import { type ApiError, asApiError } from "./api.ts";
import { type FieldKind, fieldErrorMessage } from "./errors.ts";

/** Problem codes per field of a form ("required", "too_short", …), translated when shown. */
export type FieldErrors<F extends string> = Partial<Record<F, string>>;

/**
 * Checks form values with a contract schema. Errors are reduced to the form's fields; a field the
 * schema refuses while it is empty (or only blanks) is reported as "required".
 */
export function validate<S extends z.ZodType, F extends string>(
  schema: S,
  values: Record<F, string> & Record<string, unknown>,
  fields: readonly F[],
): { ok: true; data: z.output<S> } | { ok: false; errors: FieldErrors<F> } {
  const result = schema.safeParse(values);
  if (result.success) {
    return { ok: true, data: result.data };
  }
  const codes = fieldErrorsFromZod(result.error);
  const errors: FieldErrors<F> = {};
  for (const field of fields) {
    const code = codes[field];
    if (code !== undefined) {
      errors[field] = values[field].trim() === "" ? "required" : code;
    }
  }
  return { ok: false, errors };
}

/** Everything a form needs to show errors accessibly; see useForm. */
export interface FormState<F extends string> {
  formRef: RefObject<HTMLFormElement | null>;
  summaryRef: RefObject<HTMLDivElement | null>;
  /** DOM ids of the inputs, for labels and the error summary's links. */
  ids: Record<F, string>;
  busy: boolean;
  /** The server error of the last submit, if any. */
  formError: ApiError | null;
  fieldErrors: FieldErrors<F>;
  /** The translated message for a field, if it is invalid. */
  errorFor(field: F): string | undefined;
  /** Shows these field errors (and optionally a server error), then moves focus to them. */
  fail(errors: FieldErrors<F>, error?: ApiError | null): void;
  /** Runs a submit once at a time; a thrown API error is shown on the form. */
  submit(action: () => Promise<void>): Promise<void>;
  reset(): void;
}

/**
 * Form state with the accessibility rules built in: errors are announced through the summary
 * (role="alert"), invalid fields are marked and described, focus moves to the first invalid field
 * (or the summary), and a second submit while one is running is ignored. The errors go once
 * another action starts (a submit elsewhere on the page), so they never sit beside its outcome.
 */
export function useForm<F extends string>(
  fields: readonly F[],
  kinds: Partial<Record<F, FieldKind>> = {},
): FormState<F> {
  const { t } = useTranslation();
  const base = useId();
  const formRef = useRef<HTMLFormElement>(null);
  const summaryRef = useRef<HTMLDivElement>(null);
  const busyRef = useRef(false);
  const [busy, setBusy] = useState(false);
  const [fieldErrors, setFieldErrors] = useState<FieldErrors<F>>({});
  const [formError, setFormError] = useState<ApiError | null>(null);
  const [focusRequest, setFocusRequest] = useState(0);
  const [failedAt, setFailedAt] = useState(0);
  const stale = useLatestActionStart() > failedAt;

  useEffect(() => {
    if (focusRequest === 0) {
      return;
    }
    const invalid = formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]');
    (invalid ?? summaryRef.current)?.focus();
  }, [focusRequest]);

  const ids = useMemo(() => {
    const out = {} as Record<F, string>;
    for (const field of fields) {
      out[field] = `${base}-${field}`;
    }
    return out;
  }, [base, fields]);

  const fail = useCallback((errors: FieldErrors<F>, error: ApiError | null = null) => {
    setFieldErrors(errors);
    setFormError(error);
    setFailedAt(Date.now());
    setFocusRequest((n) => n + 1);
  }, []);

  const submit = useCallback(
    async (action: () => Promise<void>) => {
      if (busyRef.current) {
        return;
      }
      busyRef.current = true;
      setBusy(true);
      setFieldErrors({});
      setFormError(null);
      try {
        await action();
      } catch (error) {
        const apiError = asApiError(error);
        const errors: FieldErrors<F> = {};
        for (const field of fields) {
          const code = apiError.fields[field];
          if (code !== undefined) {
            errors[field] = code;
          }
        }
        fail(errors, apiError);
      } finally {
        busyRef.current = false;
        setBusy(false);
      }
    },
    [fields, fail],
  );

  const reset = useCallback(() => {
    setFieldErrors({});
    setFormError(null);
  }, []);

  const shownErrors: FieldErrors<F> = stale ? {} : fieldErrors;
  const errorFor = (field: F) => {
    const code = shownErrors[field];
    return code === undefined ? undefined : fieldErrorMessage(t, code, kinds[field] ?? "text");
  };

  return {
    formRef,
    summaryRef,
    ids,
    busy,
    formError: stale ? null : formError,
    fieldErrors: shownErrors,
    errorFor,
    fail,
    submit,
    reset,
  };
}

/** The problem with a repeated new password: missing, or not the same as the first entry. */
export function repeatProblem(password: string, repeat: string): "required" | "mismatch" | undefined {
  if (repeat === "") {
    return "required";
  }
  return repeat === password ? undefined : "mismatch";
}
