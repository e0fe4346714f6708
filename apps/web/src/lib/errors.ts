import type { TFunction } from "i18next";
import { asApiError } from "./api.ts";

/**
 * How a field's problems are worded: passwords and names have their own limits, and a select is
 * chosen, not filled in.
 */
export type FieldKind = "text" | "password" | "displayName" | "select";

/** Codes that, on a select, all mean that no (valid) option was chosen. */
const NOTHING_CHOSEN = new Set(["required", "invalid", "invalid_type", "invalid_format", "invalid_value"]);

/** A readable, translated sentence for any error from an API call. */
export function errorMessage(t: TFunction, error: unknown): string {
  const e = asApiError(error);
  if (e.code === "rate_limited" && e.retryAfter !== undefined && e.retryAfter > 0) {
    if (e.retryAfter >= 90) {
      return t("errors.rateLimitedMinutes", { count: Math.ceil(e.retryAfter / 60) });
    }
    return t("errors.rateLimitedSeconds", { count: e.retryAfter });
  }
  return t(`errors.code.${e.code}`);
}

/** A translated message for a field problem code (from the API or from client-side validation). */
export function fieldErrorMessage(t: TFunction, code: string, kind: FieldKind = "text"): string {
  if (kind === "select" && NOTHING_CHOSEN.has(code)) {
    return t("errors.field.select_required");
  }
  switch (code) {
    case "required":
      return t("errors.field.required");
    case "too_short":
    case "too_small":
      return kind === "password" ? t("errors.field.password_too_short") : t("errors.field.too_short");
    case "too_long":
    case "too_big":
      if (kind === "password") {
        return t("errors.field.password_too_long");
      }
      return kind === "displayName" ? t("errors.field.displayName_too_long") : t("errors.field.too_long");
    case "invalid_email":
      return t("errors.field.invalid_email");
    case "common_password":
      return t("errors.field.common_password");
    case "email_taken":
      return t("errors.field.email_taken");
    case "wrong_password":
      return t("errors.field.wrong_password");
    case "unchanged":
      return t("errors.field.unchanged");
    case "invalid_characters":
      return t("errors.field.invalid_characters");
    case "mismatch":
      return t("errors.field.mismatch");
    case "invalid_url":
      return t("errors.field.invalid_url");
    case "duplicate":
      return t("errors.field.duplicate");
    case "already_member":
      return t("errors.field.already_member");
    case "not_allowed":
      return t("errors.field.not_allowed");
    case "not_a_member":
      return t("errors.field.not_a_member");
    default:
      // invalid_type, invalid_format, unknown_field and anything new: nothing more specific to say.
      return t("errors.field.invalid");
  }
}
