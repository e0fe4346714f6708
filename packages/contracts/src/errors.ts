import { z } from "zod";

/** Every error code the API answers with. The HTTP status for each lives in the API's onError. */
export const ErrorCode = z.enum([
  "malformed_request",
  "validation_failed",
  "unauthenticated",
  "invalid_credentials",
  "forbidden",
  "origin_mismatch",
  "not_found",
  "email_taken",
  "conflict",
  "last_owner",
  "last_lead",
  "already_member",
  "project_archived",
  "invitation_expired",
  "invitation_wrong_account",
  "email_unverified",
  "invalid_token",
  "wrong_password",
  "payload_too_large",
  "unsupported_media_type",
  "rate_limited",
  "busy",
  "internal_error",
]);
export type ErrorCode = z.infer<typeof ErrorCode>;

/**
 * Per-field problems: a short machine code per field path ("too_short", "too_long", "required",
 * "invalid_type", "invalid_format", "unknown_field", "common_password", …) that the UI translates.
 */
export const FieldErrors = z.record(z.string(), z.string());
export type FieldErrors = z.infer<typeof FieldErrors>;

/** The one wire shape of every error answer. */
export const ErrorBody = z.object({
  error: z.object({
    code: ErrorCode,
    message: z.string(),
    fields: FieldErrors.optional(),
  }),
});
export type ErrorBody = z.infer<typeof ErrorBody>;

/** Thrown by services; the API's error handler turns it into the wire shape and a status. */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly fields: FieldErrors | undefined;
  /** Seconds after which a retry may succeed (429). */
  readonly retryAfter: number | undefined;

  constructor(
    code: ErrorCode,
    message: string,
    options: { fields?: FieldErrors; retryAfter?: number; cause?: unknown } = {},
  ) {
    super(message, { cause: options.cause });
    this.name = "AppError";
    this.code = code;
    this.fields = options.fields;
    this.retryAfter = options.retryAfter;
  }
}

/** Turns zod issues into the field map of the wire shape (first problem per field wins). */
export function fieldErrorsFromZod(error: z.ZodError): FieldErrors {
  // No prototype: a field named "__proto__" must become a key, not change the object.
  const fields: FieldErrors = Object.create(null);
  const put = (path: string, code: string) => {
    const key = path || "_";
    if (!(key in fields)) {
      fields[key] = code;
    }
  };
  for (const issue of error.issues) {
    const path = issue.path.map(String).join(".");
    switch (issue.code) {
      case "unrecognized_keys":
        for (const key of issue.keys) {
          put(path ? `${path}.${key}` : key, "unknown_field");
        }
        break;
      case "too_small":
        put(path, issue.origin === "string" ? "too_short" : "too_small");
        break;
      case "too_big":
        put(path, issue.origin === "string" ? "too_long" : "too_big");
        break;
      case "invalid_type":
        // zod 4 leaves `input` out of issues unless asked; its message names what was received
        put(path, /received undefined$/.test(issue.message) ? "required" : "invalid_type");
        break;
      case "invalid_format":
        put(path, issue.format === "email" ? "invalid_email" : "invalid_format");
        break;
      case "custom":
        put(path, typeof issue.params?.code === "string" ? issue.params.code : "invalid");
        break;
      default:
        put(path, "invalid");
    }
  }
  return fields;
}
