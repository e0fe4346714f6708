import { HasherBusyError } from "@ensemble/auth/passwords";
import { AppError, type ErrorBody } from "@ensemble/contracts/errors";
import type { Context } from "hono";
import { HTTPException } from "hono/http-exception";
import { statusForCode } from "../lib/http-errors.ts";
import type { AppEnv } from "../types.ts";

/** Maps any thrown error to the wire shape; unknown errors are logged and answer 500. */
export function handleError(err: Error, c: Context<AppEnv>) {
  let appError: AppError;
  if (err instanceof AppError) {
    appError = err;
  } else if (err instanceof HasherBusyError) {
    appError = new AppError("busy", "The server is busy; please try again in a moment.", { retryAfter: 5 });
  } else if (err instanceof HTTPException && err.status === 413) {
    appError = new AppError("payload_too_large", "The request body is larger than 1 MB.");
  } else if (err instanceof HTTPException && err.status < 500) {
    appError = new AppError("malformed_request", "The request could not be read.");
  } else {
    c.get("log")?.error({ err, requestId: c.get("requestId") }, "unhandled error");
    appError = new AppError("internal_error", "Something went wrong on our side.");
  }
  const body: ErrorBody = { error: { code: appError.code, message: appError.message } };
  if (appError.fields && Object.keys(appError.fields).length > 0) {
    body.error.fields = appError.fields;
  }
  if (appError.retryAfter !== undefined) {
    c.header("Retry-After", String(Math.max(1, Math.ceil(appError.retryAfter))));
  }
  return c.json(body, statusForCode[appError.code]);
}
