import { AppError } from "@ensemble/contracts/errors";
import type { MiddlewareHandler } from "hono";
import { bodyLimit } from "hono/body-limit";
import type { AppEnv } from "../types.ts";

const UNSAFE = new Set(["POST", "PUT", "PATCH", "DELETE"]);
export const MAX_JSON_BODY = 1024 * 1024;

const FIXED_HEADERS: ReadonlyArray<readonly [string, string]> = [
  ["X-Content-Type-Options", "nosniff"],
  ["Referrer-Policy", "no-referrer"],
  ["X-Frame-Options", "DENY"],
  ["Cross-Origin-Opener-Policy", "same-origin"],
  ["Permissions-Policy", "camera=(), microphone=(), geolocation=(), interest-cohort=()"],
];
const DEFAULT_CSP = "default-src 'none'; frame-ancestors 'none'";

/**
 * Headers every answer carries; the web app's pages set their own CSP over the default (see
 * web-static.ts). They are set before the handler runs, so the answers it makes with the context
 * (`c.json`, `c.html`, `c.body`) carry them from the start. Set afterwards, Hono rebuilds the
 * finished response around its body as a stream, and the Node adapter then streams it in chunks
 * instead of writing the text at once: for the 1.4 MB board of the benchmark that was several
 * milliseconds of CPU per load. A handler that returns a Response it built itself does not take
 * prepared headers: an answer without `X-Content-Type-Options` gets them all afterwards.
 */
export function baseSecurityHeaders(): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    for (const [name, value] of FIXED_HEADERS) {
      c.header(name, value);
    }
    c.header("Content-Security-Policy", DEFAULT_CSP);
    await next();
    if (!c.res.headers.has("X-Content-Type-Options")) {
      for (const [name, value] of FIXED_HEADERS) {
        c.header(name, value);
      }
      if (!c.res.headers.has("Content-Security-Policy")) {
        c.header("Content-Security-Policy", DEFAULT_CSP);
      }
    }
  };
}

/**
 * CSRF defence for every unsafe method, whatever the content type: the Origin header must be our
 * public origin, and Sec-Fetch-Site, when the browser sends it, must be same-origin.
 */
export function requireSameOrigin(publicOrigin: string): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    if (UNSAFE.has(c.req.method)) {
      const origin = c.req.header("origin");
      const site = c.req.header("sec-fetch-site");
      if (origin !== publicOrigin || (site !== undefined && site !== "same-origin")) {
        throw new AppError("origin_mismatch", "This request did not come from Ensemble's own pages.");
      }
    }
    await next();
  };
}

function isJsonType(contentType: string): boolean {
  const type = contentType.split(";")[0]?.trim().toLowerCase();
  return type === "application/json";
}

/** A route that takes a larger JSON body than the rest (a file upload in base64). */
export interface LargerBody {
  method: string;
  /** Matches the request path. */
  path: RegExp;
  maxSize: number;
}

function limitOf(maxSize: number) {
  const mb = Math.round(maxSize / (1024 * 1024));
  return bodyLimit({
    maxSize,
    onError: () => {
      throw new AppError("payload_too_large", `The request body is larger than ${mb} MB.`);
    },
  });
}

/**
 * For unsafe methods: a body must be JSON (415 otherwise), at most 1 MB (413) unless the route is
 * one of `larger`, valid UTF-8 and valid JSON (400). The checked bytes stay cached on the request
 * for the route's validator.
 */
export function jsonBodies(larger: readonly LargerBody[] = []): MiddlewareHandler<AppEnv> {
  const standard = limitOf(MAX_JSON_BODY);
  const exceptions = larger.map((l) => ({ ...l, limit: limitOf(l.maxSize) }));
  const decoder = new TextDecoder("utf-8", { fatal: true, ignoreBOM: false });
  return async (c, next) => {
    if (!UNSAFE.has(c.req.method)) {
      return next();
    }
    const contentType = c.req.header("content-type");
    const length = c.req.header("content-length");
    const hasBody =
      (length !== undefined && length !== "0") || c.req.header("transfer-encoding") !== undefined;
    if (!hasBody && contentType === undefined) {
      return next();
    }
    if (!contentType || !isJsonType(contentType)) {
      throw new AppError("unsupported_media_type", "Send the request body as application/json.");
    }
    const limit =
      exceptions.find((e) => e.method === c.req.method && e.path.test(c.req.path))?.limit ?? standard;
    return limit(c, async () => {
      const bytes = await c.req.arrayBuffer();
      if (bytes.byteLength === 0) {
        throw new AppError("malformed_request", "The request body is empty; send a JSON object.");
      }
      let text: string;
      try {
        text = decoder.decode(bytes);
      } catch {
        throw new AppError("malformed_request", "The request body is not valid UTF-8.");
      }
      try {
        JSON.parse(text);
      } catch {
        throw new AppError("malformed_request", "The request body is not valid JSON.");
      }
      await next();
    });
  };
}
