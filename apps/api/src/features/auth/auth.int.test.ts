import { sha256Hex } from "@ensemble/auth/tokens";
import { describe, expect, it } from "vitest";
import { Client, GOOD_PASSWORD, signUp, uniqueEmail, useTestApp } from "../../test/harness.ts";

const t = useTestApp();

describe("sign-up", () => {
  it("makes the first account instance administrator, and only the first", async () => {
    const first = await signUp(t);
    const second = await signUp(t);
    expect((await first.client.get("/api/account/me")).json.user.isInstanceAdmin).toBe(true);
    expect((await second.client.get("/api/account/me")).json.user.isInstanceAdmin).toBe(false);
  });

  it("signs in at once, stores the email normalised, and mails a verification link", async () => {
    const email = uniqueEmail("Mixed.Case");
    const { client, user } = await signUp(t, { email: `  ${email.toUpperCase()} ` });
    expect(user.email).toBe(email.toLowerCase());
    const me = await client.get("/api/account/me");
    expect(me.status).toBe(200);
    expect(me.json.user.emailVerified).toBe(false);
    const link = t.lastLink(email.toLowerCase(), "/verify-email");
    expect(link.startsWith("http://localhost:3000/verify-email?token=")).toBe(true);
  });

  it("sets an HttpOnly, SameSite=Lax, Path=/ session cookie whose secret is stored only hashed", async () => {
    const client = new Client(t);
    const res = await client.request("POST", "/api/auth/sign-up", {
      email: uniqueEmail(),
      displayName: "Cookie",
      password: GOOD_PASSWORD,
    });
    const cookie = res.headers.get("set-cookie") ?? "";
    expect(cookie).toMatch(/^ensemble_session=/);
    expect(cookie).toContain("HttpOnly");
    expect(cookie).toContain("SameSite=Lax");
    expect(cookie).toContain("Path=/");
    const token = decodeURIComponent(client.cookie?.split("=")[1] ?? "");
    const [id, secret] = token.split(".") as [string, string];
    const row = await t.db.db
      .selectFrom("sessions")
      .selectAll()
      .where("id", "=", id)
      .executeTakeFirstOrThrow();
    expect(row.secret_hash).toBe(sha256Hex(secret));
    const everything = JSON.stringify(await t.db.db.selectFrom("sessions").selectAll().execute());
    expect(everything).not.toContain(secret);
  });

  it("refuses a taken address with 409", async () => {
    const { email } = await signUp(t);
    const res = await new Client(t).post("/api/auth/sign-up", {
      email,
      displayName: "Again",
      password: GOOD_PASSWORD,
    });
    expect(res.status).toBe(409);
    expect(res.json.error.code).toBe("email_taken");
  });

  it("accepts 10-, 64- and 256-character passwords exactly as typed, refuses 9 and 257", async () => {
    for (const pw of [
      "Zq8#pL2!vX",
      `${"ü".repeat(32)}${"Probebühne 7".repeat(2)}${"x".repeat(8)}`,
      "é🎭".repeat(128),
    ]) {
      expect([10, 64, 256]).toContain([...pw].length);
      const email = uniqueEmail("len");
      const up = await new Client(t).post("/api/auth/sign-up", { email, displayName: "Len", password: pw });
      expect(up.status, `length ${[...pw].length}`).toBe(201);
      const c = new Client(t);
      expect((await c.post("/api/auth/sign-in", { email, password: pw })).status).toBe(200);
      expect((await c.post("/api/auth/sign-in", { email, password: `${pw} ` })).status).toBe(401);
    }
    for (const pw of ["Zq8#pL2!v", "é".repeat(257)]) {
      const res = await new Client(t).post("/api/auth/sign-up", {
        email: uniqueEmail(),
        displayName: "L",
        password: pw,
      });
      expect(res.status).toBe(422);
      expect(res.json.error.fields.password).toMatch(/too_(short|long)/);
    }
  });

  it("refuses a common password with a field error", async () => {
    const before = await t.rowCount("users");
    const res = await new Client(t).post("/api/auth/sign-up", {
      email: uniqueEmail(),
      displayName: "Common",
      password: "password1234",
    });
    expect(res.status).toBe(422);
    expect(res.json.error.fields).toEqual({ password: "common_password" });
    expect(await t.rowCount("users")).toBe(before);
  });
});

describe("sign-in and sign-out", () => {
  it("issues a new token at every sign-in", async () => {
    const { email } = await signUp(t);
    const a = new Client(t);
    const b = new Client(t);
    await a.post("/api/auth/sign-in", { email, password: GOOD_PASSWORD });
    await b.post("/api/auth/sign-in", { email, password: GOOD_PASSWORD });
    expect(a.cookie).toBeDefined();
    expect(a.cookie).not.toBe(b.cookie);
  });

  it("answers unknown email and wrong password identically", async () => {
    const { email } = await signUp(t);
    const wrong = await new Client(t).post("/api/auth/sign-in", { email, password: "not the password" });
    const unknown = await new Client(t).post("/api/auth/sign-in", {
      email: uniqueEmail("nobody"),
      password: "not the password",
    });
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(unknown.json).toEqual(wrong.json);
    expect(wrong.json.error.code).toBe("invalid_credentials");
  });

  it("delays repeated failed sign-ins for an address with 429 and Retry-After, also for the right password", async () => {
    const { email } = await signUp(t);
    const c = new Client(t);
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) {
      statuses.push((await c.post("/api/auth/sign-in", { email, password: `wrong-${i}-password` })).status);
    }
    expect(statuses.slice(0, 5)).toEqual([401, 401, 401, 401, 401]);
    expect(statuses[5]).toBe(429);
    const locked = await c.post("/api/auth/sign-in", { email, password: GOOD_PASSWORD });
    expect(locked.status).toBe(429);
    expect(Number(locked.headers.get("retry-after"))).toBeGreaterThan(0);
    // the delay grows with each further failure once the lock has passed
    t.clock.now = new Date(t.clock.now.getTime() + 31_000);
    expect((await c.post("/api/auth/sign-in", { email, password: "wrong-again-pw" })).status).toBe(401);
    const second = await c.post("/api/auth/sign-in", { email, password: GOOD_PASSWORD });
    expect(second.status).toBe(429);
    expect(Number(second.headers.get("retry-after"))).toBeGreaterThan(31);
    t.clock.now = new Date(t.clock.now.getTime() + 61_000);
    expect((await c.post("/api/auth/sign-in", { email, password: GOOD_PASSWORD })).status).toBe(200);
    t.clock.now = new Date();
  });

  it("counts parallel guesses one by one: only the free attempts reach the password check", async () => {
    const { email } = await signUp(t);
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        new Client(t).post("/api/auth/sign-in", { email, password: `guess-${i}-wrong` }),
      ),
    );
    const statuses = results.map((r) => r.status);
    expect(statuses.filter((s) => s === 401)).toHaveLength(5);
    expect(statuses.filter((s) => s === 429)).toHaveLength(15);
    const row = await t.db.db
      .selectFrom("auth_throttle")
      .selectAll()
      .where("key", "=", `sign-in:${email}`)
      .executeTakeFirstOrThrow();
    expect(row.failures).toBe(5);
  });

  it("sign-out deletes the session at once", async () => {
    const { client } = await signUp(t);
    const stolen = new Client(t);
    stolen.cookie = client.cookie;
    expect((await client.post("/api/auth/sign-out")).status).toBe(200);
    expect((await stolen.get("/api/account/me")).status).toBe(401);
    expect((await client.get("/api/account/me")).status).toBe(401);
  });

  it("refuses routes that need a session without one (401)", async () => {
    const anon = new Client(t);
    expect((await anon.get("/api/account/me")).status).toBe(401);
    expect((await anon.post("/api/auth/sign-out")).status).toBe(401);
    expect((await anon.get("/api/account/sessions")).json.error.code).toBe("unauthenticated");
  });
});

describe("session lifetime through the API", () => {
  it("refuses a session past its inactivity timeout, and renews an active one", async () => {
    const { client } = await signUp(t);
    const start = t.clock.now;
    try {
      t.clock.now = new Date(start.getTime() + 30 * 60_000);
      const fresh = await client.get("/api/account/me");
      expect(fresh.headers.get("set-cookie")).toBeNull(); // nothing written within the hour
      t.clock.now = new Date(start.getTime() + 10 * 86_400_000);
      const renewed = await client.get("/api/account/me");
      expect(renewed.status).toBe(200);
      expect(renewed.headers.get("set-cookie")).toContain("ensemble_session=");
      t.clock.now = new Date(start.getTime() + 20 * 86_400_000); // 10 days after the renewal
      expect((await client.get("/api/account/me")).status).toBe(200);
      t.clock.now = new Date(start.getTime() + 35 * 86_400_000); // 15 days idle
      expect((await client.get("/api/account/me")).status).toBe(401);
    } finally {
      t.clock.now = new Date();
    }
  });

  it("refuses a session past its absolute lifetime", async () => {
    const { client } = await signUp(t);
    const start = t.clock.now;
    try {
      for (let day = 10; day < 90; day += 10) {
        t.clock.now = new Date(start.getTime() + day * 86_400_000);
        expect((await client.get("/api/account/me")).status).toBe(200);
      }
      t.clock.now = new Date(start.getTime() + 90 * 86_400_000 + 1000);
      expect((await client.get("/api/account/me")).status).toBe(401);
    } finally {
      t.clock.now = new Date();
    }
  });
});

describe("email verification", () => {
  it("verifies with the mailed token once", async () => {
    const { client, email } = await signUp(t);
    const token = new URL(t.lastLink(email, "/verify-email")).searchParams.get("token");
    const anon = new Client(t);
    expect((await anon.post("/api/auth/verify-email", { token })).status).toBe(200);
    expect((await client.get("/api/account/me")).json.user.emailVerified).toBe(true);
    const again = await anon.post("/api/auth/verify-email", { token });
    expect(again.status).toBe(400);
    expect(again.json.error.code).toBe("invalid_token");
  });

  it("stores mail tokens only as hashes, with at least 112 bits", async () => {
    const { email, user } = await signUp(t);
    const token = new URL(t.lastLink(email, "/verify-email")).searchParams.get("token") ?? "";
    expect(token.length * 5).toBeGreaterThanOrEqual(112); // 5 bits per character of the alphabet
    const rows = await t.db.db
      .selectFrom("email_tokens")
      .selectAll()
      .where("user_id", "=", user.id)
      .execute();
    expect(rows).toHaveLength(1);
    expect(rows[0]?.token_hash).toBe(sha256Hex(token));
    expect(JSON.stringify(rows)).not.toContain(token);
  });

  it("does not verify after 48 hours", async () => {
    const { client, email } = await signUp(t);
    const token = new URL(t.lastLink(email, "/verify-email")).searchParams.get("token");
    t.clock.now = new Date(Date.now() + 48 * 3_600_000 + 1000);
    try {
      expect((await new Client(t).post("/api/auth/verify-email", { token })).status).toBe(400);
    } finally {
      t.clock.now = new Date();
    }
    expect((await client.get("/api/account/me")).json.user.emailVerified).toBe(false);
  });

  it("voids the old link when a new one is sent", async () => {
    const { client, email } = await signUp(t);
    const oldToken = new URL(t.lastLink(email, "/verify-email")).searchParams.get("token");
    expect((await client.post("/api/auth/resend-verification")).status).toBe(200);
    const newToken = new URL(t.lastLink(email, "/verify-email")).searchParams.get("token");
    expect(newToken).not.toBe(oldToken);
    expect((await client.post("/api/auth/verify-email", { token: oldToken })).status).toBe(400);
    expect((await client.post("/api/auth/verify-email", { token: newToken })).status).toBe(200);
  });
});

describe("password reset", () => {
  const resetToken = (email: string) =>
    new URL(t.lastLink(email, "/reset-password")).searchParams.get("token");

  it("answers the same for unknown addresses and mails nothing", async () => {
    const nobody = uniqueEmail("nobody");
    const res = await new Client(t).post("/api/auth/forgot-password", { email: nobody });
    expect(res.status).toBe(200);
    expect(t.mails(nobody)).toHaveLength(0);
  });

  it("works once, ends every session, and the new password signs in", async () => {
    const { client, email } = await signUp(t);
    await new Client(t).post("/api/auth/forgot-password", { email });
    const token = resetToken(email);
    const newPassword = "Ein ganz neues Passwort 7";
    const reset = await new Client(t).post("/api/auth/reset-password", { token, password: newPassword });
    expect(reset.status).toBe(200);
    expect((await client.get("/api/account/me")).status).toBe(401);
    const again = await new Client(t).post("/api/auth/reset-password", {
      token,
      password: "Noch ein anderes 8",
    });
    expect(again.status).toBe(400);
    expect(again.json.error.code).toBe("invalid_token");
    expect((await new Client(t).post("/api/auth/sign-in", { email, password: GOOD_PASSWORD })).status).toBe(
      401,
    );
    expect((await new Client(t).post("/api/auth/sign-in", { email, password: newPassword })).status).toBe(
      200,
    );
  });

  it("does not work after an hour", async () => {
    const { email } = await signUp(t);
    await new Client(t).post("/api/auth/forgot-password", { email });
    const token = resetToken(email);
    t.clock.now = new Date(Date.now() + 3_600_000 + 1000);
    try {
      const res = await new Client(t).post("/api/auth/reset-password", {
        token,
        password: "Ein ganz neues Passwort 7",
      });
      expect(res.status).toBe(400);
    } finally {
      t.clock.now = new Date();
    }
    expect((await new Client(t).post("/api/auth/sign-in", { email, password: GOOD_PASSWORD })).status).toBe(
      200,
    );
  });

  it("does not work after a newer token was issued", async () => {
    const { email } = await signUp(t);
    await new Client(t).post("/api/auth/forgot-password", { email });
    const first = resetToken(email);
    await new Client(t).post("/api/auth/forgot-password", { email });
    const second = resetToken(email);
    expect(second).not.toBe(first);
    expect(
      (
        await new Client(t).post("/api/auth/reset-password", {
          token: first,
          password: "Ein ganz neues Passwort 7",
        })
      ).status,
    ).toBe(400);
    expect(
      (
        await new Client(t).post("/api/auth/reset-password", {
          token: second,
          password: "Ein ganz neues Passwort 7",
        })
      ).status,
    ).toBe(200);
  });

  it("a reset token pasted into email verification is refused and stays usable", async () => {
    const { email } = await signUp(t);
    await new Client(t).post("/api/auth/forgot-password", { email });
    const token = resetToken(email);
    expect((await new Client(t).post("/api/auth/verify-email", { token })).status).toBe(400);
    expect(
      (await new Client(t).post("/api/auth/reset-password", { token, password: "Ein ganz neues Passwort 7" }))
        .status,
    ).toBe(200);
  });

  it("is bound to the address it was sent to: after a change of email it no longer works", async () => {
    const { client, email } = await signUp(t);
    await new Client(t).post("/api/auth/forgot-password", { email });
    const token = resetToken(email);
    const newEmail = uniqueEmail("moved");
    await client.post("/api/account/email", { newEmail, password: GOOD_PASSWORD });
    const verify = new URL(t.lastLink(newEmail, "/verify-email")).searchParams.get("token");
    expect((await client.post("/api/auth/verify-email", { token: verify })).status).toBe(200);
    const res = await new Client(t).post("/api/auth/reset-password", {
      token,
      password: "Ein ganz neues Passwort 7",
    });
    expect(res.status).toBe(400);
    expect(
      (await new Client(t).post("/api/auth/sign-in", { email: newEmail, password: GOOD_PASSWORD })).status,
    ).toBe(200);
  });

  it("keeps the token when the new password is refused as common", async () => {
    const { email } = await signUp(t);
    await new Client(t).post("/api/auth/forgot-password", { email });
    const token = resetToken(email);
    const common = await new Client(t).post("/api/auth/reset-password", { token, password: "qwertyuiop" });
    expect(common.status).toBe(422);
    expect(
      (await new Client(t).post("/api/auth/reset-password", { token, password: "Ein ganz neues Passwort 7" }))
        .status,
    ).toBe(200);
  });
});
