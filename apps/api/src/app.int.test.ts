import { describe, expect, it } from "vitest";
import { Client, GOOD_PASSWORD, ORIGIN, signUp, uniqueEmail, useTestApp } from "./test/harness.ts";

const t = useTestApp();

const counts = async () => ({
  users: await t.rowCount("users"),
  sessions: await t.rowCount("sessions"),
  tokens: await t.rowCount("email_tokens"),
});

/** Sends a raw request (no Client niceties). */
function raw(
  method: string,
  path: string,
  init: { headers?: Record<string, string>; body?: string | Uint8Array } = {},
) {
  return t.app.request(path, { method, headers: init.headers, body: init.body });
}

describe("CSRF: unsafe methods need our Origin, whatever the content type", () => {
  const contentTypes = [
    "application/json",
    "application/x-www-form-urlencoded",
    "multipart/form-data; boundary=x",
    "text/plain",
    undefined,
  ];
  const cases: Array<[string, string]> = [
    ["POST", "/api/auth/sign-out"],
    ["PATCH", "/api/account/profile"],
    ["DELETE", "/api/account"],
    ["POST", "/api/auth/sign-in"],
  ];

  it.each(cases)("%s %s is refused cross-origin, without Origin and cross-site", async (method, path) => {
    const { client } = await signUp(t);
    const before = await counts();
    for (const contentType of contentTypes) {
      for (const origin of ["https://evil.example", undefined, "null", `${ORIGIN}.evil.example`]) {
        const headers: Record<string, string> = { cookie: client.cookie ?? "" };
        if (origin) {
          headers.origin = origin;
        }
        if (contentType) {
          headers["content-type"] = contentType;
        }
        const res = await raw(method, path, {
          headers,
          body: contentType ? '{"displayName":"X","password":"y"}' : undefined,
        });
        expect(res.status, `${method} ${path} ${contentType} ${origin}`).toBe(403);
        expect(((await res.json()) as any).error.code).toBe("origin_mismatch");
      }
      const crossSite = await raw(method, path, {
        headers: { origin: ORIGIN, "sec-fetch-site": "cross-site", cookie: client.cookie ?? "" },
      });
      expect(crossSite.status).toBe(403);
    }
    expect(await counts()).toEqual(before);
    expect((await client.get("/api/account/me")).status).toBe(200);
  });

  it("refuses Sec-Fetch-Site same-site and none as well", async () => {
    const { client } = await signUp(t);
    for (const site of ["same-site", "none"]) {
      const res = await client.patch(
        "/api/account/profile",
        { displayName: "X" },
        { "sec-fetch-site": site },
      );
      expect(res.status).toBe(403);
    }
  });

  it("lets same-origin requests through (Sec-Fetch-Site: same-origin)", async () => {
    const { client } = await signUp(t);
    const res = await client.patch(
      "/api/account/profile",
      { displayName: "Neu" },
      { "sec-fetch-site": "same-origin" },
    );
    expect(res.status).toBe(200);
  });
});

describe("bad input gets a clear 4xx and stores nothing", () => {
  const signUpBody = () => ({ email: uniqueEmail("bad"), displayName: "Bad Input", password: GOOD_PASSWORD });

  async function expectRefused(
    res: { status: number; json: Record<string, any> },
    status: number,
    code: string,
  ) {
    expect(res.status).toBe(status);
    expect(res.json.error.code).toBe(code);
    expect(typeof res.json.error.message).toBe("string");
  }

  it("malformed JSON → 400", async () => {
    const before = await counts();
    const res = await new Client(t).post("/api/auth/sign-up", '{"email": "a@b.de",');
    await expectRefused(res, 400, "malformed_request");
    expect(await counts()).toEqual(before);
  });

  it("an empty body with a JSON content type → 400", async () => {
    const before = await counts();
    const variants: Array<Record<string, string>> = [
      { origin: ORIGIN, "content-type": "application/json", "content-length": "0" },
      { origin: ORIGIN, "content-type": "application/json" },
    ];
    for (const headers of variants) {
      const res = await raw("POST", "/api/auth/sign-in", { headers, body: "" });
      expect(res.status).toBe(400);
      expect(((await res.json()) as any).error.code).toBe("malformed_request");
    }
    const missing = await raw("POST", "/api/auth/sign-in", { headers: { origin: ORIGIN } });
    expect(missing.status).toBe(422); // no body at all: the required fields are missing
    expect(await counts()).toEqual(before);
  });

  it("invalid UTF-8 → 400", async () => {
    const before = await counts();
    const body = new Uint8Array([
      ...new TextEncoder().encode('{"email":"a@b.de","displayName":"'),
      0xff,
      0xfe,
      ...new TextEncoder().encode('","password":"Kulturnetz Bochum 2026!"}'),
    ]);
    const res = await raw("POST", "/api/auth/sign-up", {
      headers: { origin: ORIGIN, "content-type": "application/json" },
      body,
    });
    expect(res.status).toBe(400);
    expect(((await res.json()) as any).error.code).toBe("malformed_request");
    expect(await counts()).toEqual(before);
  });

  it("wrong types → 422 with the field", async () => {
    const before = await counts();
    const res = await new Client(t).post("/api/auth/sign-up", { ...signUpBody(), displayName: 42 });
    await expectRefused(res, 422, "validation_failed");
    expect(res.json.error.fields).toEqual({ displayName: "invalid_type" });
    const arr = await new Client(t).post("/api/auth/sign-up", [1, 2]);
    await expectRefused(arr, 422, "validation_failed");
    expect(await counts()).toEqual(before);
  });

  it("missing fields → 422 required", async () => {
    const res = await new Client(t).post("/api/auth/sign-up", { email: uniqueEmail() });
    await expectRefused(res, 422, "validation_failed");
    expect(res.json.error.fields).toMatchObject({ displayName: "required", password: "required" });
  });

  it("unknown fields (role, isInstanceAdmin, __proto__) → 422, never applied", async () => {
    const before = await counts();
    for (const extra of [
      '"role":"admin"',
      '"isInstanceAdmin":true',
      '"__proto__":{"isInstanceAdmin":true}',
    ]) {
      const b = signUpBody();
      const json = `{"email":"${b.email}","displayName":"X","password":"${b.password}",${extra}}`;
      const res = await new Client(t).post("/api/auth/sign-up", json);
      await expectRefused(res, 422, "validation_failed");
      expect(Object.values(res.json.error.fields)).toContain("unknown_field");
    }
    const { client } = await signUp(t);
    const patch = await client.patch("/api/account/profile", { displayName: "Ok", isInstanceAdmin: true });
    await expectRefused(patch, 422, "validation_failed");
    expect(patch.json.error.fields).toEqual({ isInstanceAdmin: "unknown_field" });
    expect((await client.get("/api/account/me")).json.user.displayName).toBe("Test Person");
    expect(await counts()).toEqual({
      ...before,
      users: before.users + 1,
      sessions: before.sessions + 1,
      tokens: before.tokens + 1,
    });
  });

  it("10,000-character names and emails → 422", async () => {
    const before = await counts();
    const long = await new Client(t).post("/api/auth/sign-up", {
      ...signUpBody(),
      displayName: "x".repeat(10_000),
    });
    await expectRefused(long, 422, "validation_failed");
    expect(long.json.error.fields).toEqual({ displayName: "too_long" });
    const email = await new Client(t).post("/api/auth/sign-up", {
      ...signUpBody(),
      email: `${"a".repeat(10_000)}@example.org`,
    });
    expect(email.json.error.fields.email).toBe("too_long");
    const control = await new Client(t).post("/api/auth/sign-up", {
      ...signUpBody(),
      displayName: "Tab\there",
    });
    expect(control.json.error.fields).toEqual({ displayName: "invalid_characters" });
    expect(await counts()).toEqual(before);
  });

  it("bodies over 1 MB → 413", async () => {
    const before = await counts();
    const big = JSON.stringify({ ...signUpBody(), displayName: "x".repeat(1_100_000) });
    const res = await new Client(t).post("/api/auth/sign-up", big);
    await expectRefused(res, 413, "payload_too_large");
    // without a Content-Length the limit holds as well (chunked upload)
    const stream = new ReadableStream({
      start(controller) {
        controller.enqueue(new TextEncoder().encode(big));
        controller.close();
      },
    });
    const chunked = await t.app.request("/api/auth/sign-up", {
      method: "POST",
      headers: { origin: ORIGIN, "content-type": "application/json", "transfer-encoding": "chunked" },
      body: stream,
      duplex: "half",
    });
    expect(chunked.status).toBe(413);
    expect(await counts()).toEqual(before);
  });

  it("other content types → 415", async () => {
    const before = await counts();
    const b = signUpBody();
    const form = await raw("POST", "/api/auth/sign-up", {
      headers: { origin: ORIGIN, "content-type": "application/x-www-form-urlencoded" },
      body: `email=${b.email}&displayName=X&password=${encodeURIComponent(b.password)}`,
    });
    expect(form.status).toBe(415);
    expect(((await form.json()) as any).error.code).toBe("unsupported_media_type");
    const text = await raw("POST", "/api/auth/sign-up", {
      headers: { origin: ORIGIN, "content-type": "text/plain" },
      body: JSON.stringify(b),
    });
    expect(text.status).toBe(415);
    expect(await counts()).toEqual(before);
  });

  it("SQL metacharacters: refused where invalid, stored literally where valid", async () => {
    const before = await counts();
    const res = await new Client(t).post("/api/auth/sign-up", {
      ...signUpBody(),
      email: "x'; DROP TABLE users; --@example.org",
    });
    await expectRefused(res, 422, "validation_failed");
    const signIn = await new Client(t).post("/api/auth/sign-in", {
      email: "' OR '1'='1",
      password: "' OR '1'='1",
    });
    expect(signIn.status).toBe(401);
    expect(await counts()).toEqual(before);
    const name = "Robert'); DROP TABLE users; --";
    const { client } = await signUp(t, { displayName: name });
    expect((await client.get("/api/account/me")).json.user.displayName).toBe(name);
    expect((await counts()).users).toBe(before.users + 1);
  });

  it("a malformed session id in the URL and someone else's session both answer 404", async () => {
    const a = await signUp(t);
    const b = await signUp(t);
    const bSessions = (await b.client.get("/api/account/sessions")).json.sessions;
    const res = await a.client.delete(`/api/account/sessions/${"x".repeat(100)}`);
    expect(res.status).toBe(404);
    expect(res.json.error.code).toBe("not_found");
    const other = await a.client.delete(`/api/account/sessions/${bSessions[0].id}`);
    expect(other.status).toBe(404);
    expect((await b.client.get("/api/account/me")).status).toBe(200);
  });
});

describe("conventions", () => {
  it("answers unknown API routes with 404 JSON", async () => {
    const res = await raw("GET", "/api/nope");
    expect(res.status).toBe(404);
    expect((await res.json()) as any).toEqual({ error: { code: "not_found", message: expect.any(String) } });
    const post = await new Client(t).post("/api/nope", { a: 1 });
    expect(post.status).toBe(404);
  });

  it("puts a request id and security headers on every answer", async () => {
    const res = await raw("GET", "/api/health");
    expect(res.headers.get("x-request-id")).toMatch(/^[0-9a-f-]{36}$/);
    expect(res.headers.get("x-content-type-options")).toBe("nosniff");
    expect(res.headers.get("referrer-policy")).toBe("no-referrer");
    expect(res.headers.get("content-security-policy")).toContain("frame-ancestors 'none'");
    // answers made by the error handler and by a handler's own Response (a download) too
    for (const other of [await raw("GET", "/api/nope"), await raw("GET", "/api/openapi.json")]) {
      expect(other.headers.get("x-content-type-options")).toBe("nosniff");
      expect(other.headers.get("x-frame-options")).toBe("DENY");
      expect(other.headers.get("content-security-policy")).toContain("frame-ancestors 'none'");
    }
    const echoed = await raw("GET", "/api/health", { headers: { "x-request-id": "trace-123" } });
    expect(echoed.headers.get("x-request-id")).toBe("trace-123");
  });

  it("reports database reachability at /api/health", async () => {
    const res = await raw("GET", "/api/health");
    expect(res.status).toBe(200);
    expect((await res.json()) as any).toEqual({ status: "ok", database: "ok" });
  });

  it("describes every route in /api/openapi.json and serves the reference page", async () => {
    const res = await raw("GET", "/api/openapi.json");
    expect(res.status).toBe(200);
    const doc = (await res.json()) as any;
    expect(doc.openapi).toBe("3.1.0");
    const paths = Object.keys(doc.paths);
    for (const p of [
      "/api/auth/sign-up",
      "/api/auth/sign-in",
      "/api/auth/sign-out",
      "/api/auth/verify-email",
      "/api/auth/forgot-password",
      "/api/auth/reset-password",
      "/api/account/me",
      "/api/account/sessions/{id}",
      "/api/health",
    ]) {
      expect(paths).toContain(p);
    }
    expect(
      doc.paths["/api/auth/sign-up"].post.requestBody.content["application/json"].schema.properties,
    ).toHaveProperty("password");
    const page = await raw("GET", "/api/reference");
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain("/api/reference/scalar.js");
    const nonce = /nonce="([^"]+)"/.exec(html)?.[1];
    expect(page.headers.get("content-security-policy")).toContain(`'nonce-${nonce}'`);
    expect((await raw("GET", "/api/reference/scalar.js")).status).toBe(200);
  });

  it("changes nothing with GET", async () => {
    const { client, email } = await signUp(t);
    const before = await counts();
    const token = new URL(t.lastLink(email, "/verify-email")).searchParams.get("token");
    expect((await raw("GET", `/api/auth/verify-email?token=${token}`)).status).toBe(404);
    expect(
      (await raw("GET", "/api/auth/sign-out", { headers: { cookie: client.cookie ?? "" } })).status,
    ).toBe(404);
    expect(await counts()).toEqual(before);
    expect((await client.get("/api/account/me")).json.user.emailVerified).toBe(false);
  });
});
