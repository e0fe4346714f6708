import type { ErrorCode } from "@ensemble/contracts/errors";
import type { ContentfulStatusCode } from "hono/utils/http-status";

/** The one mapping from error code to HTTP status. */
export const statusForCode: Record<ErrorCode, ContentfulStatusCode> = {
  malformed_request: 400,
  validation_failed: 422,
  unauthenticated: 401,
  invalid_credentials: 401,
  forbidden: 403,
  origin_mismatch: 403,
  not_found: 404,
  email_taken: 409,
  invalid_token: 400,
  wrong_password: 403,
  payload_too_large: 413,
  unsupported_media_type: 415,
  rate_limited: 429,
  busy: 503,
  internal_error: 500,
};
