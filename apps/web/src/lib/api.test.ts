import { describe, expect, it } from "vitest";
import { ApiError, call, parseRetryAfter, toApiError } from "./api.ts";

function response(status: number, body: unknown, headers: Record<string, string> = {}) {
  return new Response(typeof body === "string" ? body : JSON.stringify(body), {
    status,
    headers: { "Content-Type": "application/json", ...headers },
  });
}

describe("parseRetryAfter", () => {
  it("reads seconds and HTTP dates", () => {
    const now = Date.parse("2026-01-01T10:00:00Z");
    expect(parseRetryAfter("30")).toBe(30);
    expect(parseRetryAfter("Thu, 01 Jan 2026 10:01:00 GMT", now)).toBe(60);
    expect(parseRetryAfter(null)).toBeUndefined();
    expect(parseRetryAfter("soon")).toBeUndefined();
  });
});

describe("toApiError", () => {
  it("keeps code, message, fields and Retry-After of the wire shape", async () => {
    const error = await toApiError(
      response(
        429,
        { error: { code: "rate_limited", message: "Slow down", fields: { email: "too_long" } } },
        { "Retry-After": "12" },
      ),
    );
    expect(error).toMatchObject({
      status: 429,
      code: "rate_limited",
      message: "Slow down",
      fields: { email: "too_long" },
      retryAfter: 12,
    });
  });

  it("falls back to the status when the body is not ours", async () => {
    expect((await toApiError(response(503, "<html>busy</html>"))).code).toBe("busy");
    expect((await toApiError(response(401, { error: { code: "new_code", message: "?" } }))).code).toBe(
      "unauthenticated",
    );
    expect((await toApiError(response(502, ""))).code).toBe("internal_error");
  });
});

describe("call", () => {
  it("answers the body of a successful response", async () => {
    await expect(call(Promise.resolve(response(200, { ok: true })))).resolves.toEqual({ ok: true });
  });

  it("throws an ApiError for error answers and network failures", async () => {
    const failed = call(
      Promise.resolve(response(422, { error: { code: "validation_failed", message: "x" } })),
    );
    await expect(failed).rejects.toBeInstanceOf(ApiError);
    await expect(call(Promise.reject(new TypeError("Failed to fetch")))).rejects.toMatchObject({
      code: "network_error",
      status: 0,
    });
  });
});
