import { AppError, ErrorBody, fieldErrorsFromZod } from "@ensemble/contracts/errors";
import { OpenAPIHono } from "@hono/zod-openapi";
import type { ZodType } from "zod";
import type { AppEnv } from "../types.ts";

/** A JSON request body that must be present. */
export function jsonBody<T extends ZodType>(schema: T) {
  return { content: { "application/json": { schema } }, required: true } as const;
}

/** A JSON response for the OpenAPI document. */
export function jsonResponse<T extends ZodType>(schema: T, description: string) {
  return { content: { "application/json": { schema } }, description } as const;
}

const error = (description: string) => jsonResponse(ErrorBody, description);

/** The error answers every route may give, described once. */
export const errorResponses = {
  400: error("Malformed request (not JSON, not UTF-8)"),
  401: error("Not signed in, or wrong credentials"),
  403: error("Refused (cross-origin request, wrong password)"),
  413: error("Body larger than 1 MB"),
  415: error("Body is not application/json"),
  422: error("Input fails validation; `fields` says where"),
  429: error("Too many requests; see Retry-After"),
} as const;

/** A sub-app whose validation failures become our `validation_failed` error with field codes. */
export function router() {
  return new OpenAPIHono<AppEnv>({
    defaultHook: (result) => {
      if (!result.success && result.target === "param") {
        // a malformed id cannot name anything: the same answer as an id that names nothing
        throw new AppError("not_found", "There is nothing at this address.");
      }
      if (!result.success) {
        throw new AppError("validation_failed", "Some fields are not valid.", {
          fields: fieldErrorsFromZod(result.error),
        });
      }
    },
  });
}
