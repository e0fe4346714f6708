import type { AppType } from "@ensemble/api/app";
import { ErrorCode } from "@ensemble/contracts/errors";
import { hc } from "hono/client";
import { z } from "zod";

/**
 * The one typed client of the Ensemble API. Same-origin fetch sends the `Origin` header and the
 * session cookie by itself; `json` bodies get `Content-Type: application/json` from hono.
 */
export const api = hc<AppType>("/").api;

/** Codes the client adds to the API's own when there is no usable answer. */
export type ApiErrorCode = ErrorCode | "network_error" | "unexpected_response";

/** A failed API call, with everything the UI needs to explain it. */
export class ApiError extends Error {
  readonly status: number;
  readonly code: ApiErrorCode;
  readonly fields: Record<string, string>;
  /** Seconds to wait before retrying (from Retry-After), when the server said so. */
  readonly retryAfter: number | undefined;

  constructor(init: {
    status: number;
    code: ApiErrorCode;
    message: string;
    fields?: Record<string, string> | undefined;
    retryAfter?: number | undefined;
    cause?: unknown;
  }) {
    super(init.message, { cause: init.cause });
    this.name = "ApiError";
    this.status = init.status;
    this.code = init.code;
    this.fields = init.fields ?? {};
    this.retryAfter = init.retryAfter;
  }
}

// Lenient on purpose: an unknown code from a newer server still yields the message and status.
const ErrorEnvelope = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    fields: z.record(z.string(), z.string()).optional(),
  }),
});

function codeForStatus(status: number): ApiErrorCode {
  switch (status) {
    case 400:
      return "malformed_request";
    case 401:
      return "unauthenticated";
    case 403:
      return "forbidden";
    case 404:
      return "not_found";
    case 413:
      return "payload_too_large";
    case 415:
      return "unsupported_media_type";
    case 422:
      return "validation_failed";
    case 429:
      return "rate_limited";
    case 503:
      return "busy";
    default:
      return status >= 500 ? "internal_error" : "unexpected_response";
  }
}

/** Seconds from a Retry-After header (delta-seconds or an HTTP date). */
export function parseRetryAfter(value: string | null, now: number = Date.now()): number | undefined {
  if (!value) {
    return undefined;
  }
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) {
    return Number(trimmed);
  }
  const at = Date.parse(trimmed);
  if (Number.isNaN(at)) {
    return undefined;
  }
  return Math.max(0, Math.ceil((at - now) / 1000));
}

interface ResponseLike {
  status: number;
  headers: Headers;
  json(): Promise<unknown>;
}

/** Turns a non-OK response into a typed ApiError (reads the body). */
export async function toApiError(res: ResponseLike): Promise<ApiError> {
  let body: unknown = null;
  try {
    body = await res.json();
  } catch {
    body = null;
  }
  const retryAfter = parseRetryAfter(res.headers.get("Retry-After"));
  const parsed = ErrorEnvelope.safeParse(body);
  if (!parsed.success) {
    return new ApiError({
      status: res.status,
      code: codeForStatus(res.status),
      message: `HTTP ${res.status}`,
      retryAfter,
    });
  }
  const known = ErrorCode.safeParse(parsed.data.error.code);
  return new ApiError({
    status: res.status,
    code: known.success ? known.data : codeForStatus(res.status),
    message: parsed.data.error.message,
    fields: parsed.data.error.fields,
    retryAfter,
  });
}

type SuccessStatus = 200 | 201 | 202 | 203 | 204 | 205 | 206 | 207 | 208 | 226;

/** The body type of the successful answers among a typed client call's possible responses. */
export type OkBody<R> = R extends { status: infer S; json(): Promise<infer T> }
  ? S extends SuccessStatus
    ? T
    : never
  : never;

interface ClientResponseLike extends ResponseLike {
  ok: boolean;
}

/**
 * Awaits a typed client call: resolves with the parsed body of a successful answer, or throws an
 * ApiError (also for network failures and unreadable answers).
 */
export async function call<R extends ClientResponseLike>(request: Promise<R>): Promise<OkBody<R>> {
  let res: R;
  try {
    res = await request;
  } catch (cause) {
    throw new ApiError({ status: 0, code: "network_error", message: "Network request failed", cause });
  }
  if (!res.ok) {
    throw await toApiError(res);
  }
  try {
    return (await res.json()) as OkBody<R>;
  } catch (cause) {
    throw new ApiError({
      status: res.status,
      code: "unexpected_response",
      message: "Unreadable answer",
      cause,
    });
  }
}

/** The error as an ApiError; anything else (a bug, most likely) becomes "unexpected_response". */
export function asApiError(error: unknown): ApiError {
  if (error instanceof ApiError) {
    return error;
  }
  return new ApiError({ status: 0, code: "unexpected_response", message: String(error), cause: error });
}
