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
  conflict: 409,
  last_owner: 409,
  last_lead: 409,
  already_member: 409,
  project_archived: 409,
  invitation_expired: 410,
  invitation_wrong_account: 403,
  email_unverified: 403,
  invalid_token: 400,
  wrong_password: 403,
  payload_too_large: 413,
  unsupported_media_type: 415,
  rate_limited: 429,
  busy: 503,
  internal_error: 500,
};
