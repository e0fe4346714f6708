import { describe, expect, it } from "vitest";
import { Client, GOOD_PASSWORD, signUp, uniqueEmail, useTestApp } from "../../test/harness.ts";

const t = useTestApp();

/** Signs the same account in on another "device". */
async function anotherDevice(email: string, userAgent: string, password = GOOD_PASSWORD) {
  const c = new Client(t, { "user-agent": userAgent });
  const res = await c.post("/api/auth/sign-in", { email, password });
  expect(res.status).toBe(200);
  return c;
}

const FIREFOX = "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0";
const SAFARI =
  "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1";

describe("profile", () => {
  it("changes display name and language", async () => {
    const { client } = await signUp(t);
    const res = await client.patch("/api/account/profile", { displayName: "  Ada Lovelace ", locale: "en" });
    expect(res.status).toBe(200);
    expect(res.json.user).toMatchObject({ displayName: "Ada Lovelace", locale: "en" });
    expect((await client.patch("/api/account/profile", {})).status).toBe(422);
    expect((await client.patch("/api/account/profile", { locale: "fr" })).json.error.fields).toEqual({
      locale: "invalid",
    });
    expect((await client.patch("/api/account/profile", { displayName: "   " })).status).toBe(422);
  });
});

describe("sessions", () => {
  it("lists my devices with the current one marked, and revokes one at once", async () => {
    const { client, email } = await signUp(t);
    const firefox = await anotherDevice(email, FIREFOX);
    await anotherDevice(email, SAFARI);
    const list = (await client.get("/api/account/sessions")).json.sessions as Array<Record<string, unknown>>;
    expect(list).toHaveLength(3);
    expect(list.filter((s) => s.current)).toHaveLength(1);
    expect(list.map((s) => `${s.browser} on ${s.os}`)).toEqual(
      expect.arrayContaining(["Firefox on Linux", "Safari on iOS"]),
    );
    expect(list.find((s) => s.current)).toMatchObject({ browser: null, os: null }); // no user agent sent
    const ff = list.find((s) => s.browser === "Firefox");
    expect((await client.delete(`/api/account/sessions/${ff?.id}`)).status).toBe(200);
    expect((await firefox.get("/api/account/me")).status).toBe(401);
    expect((await client.get("/api/account/sessions")).json.sessions).toHaveLength(2);
  });

  it("signs out everywhere else at once, keeping this device", async () => {
    const { client, email } = await signUp(t);
    const others = [await anotherDevice(email, FIREFOX), await anotherDevice(email, SAFARI)];
    const res = await client.post("/api/account/sessions/sign-out-others");
    expect(res.json).toEqual({ ended: 2 });
    for (const o of others) {
      expect((await o.get("/api/account/me")).status).toBe(401);
    }
    expect((await client.get("/api/account/me")).status).toBe(200);
  });
});

describe("change password", () => {
  it("asks for the current password and ends every other session", async () => {
    const { client, email } = await signUp(t);
    const other = await anotherDevice(email, FIREFOX);
    const wrong = await client.post("/api/account/password", {
      currentPassword: "not-it-at-all",
      newPassword: "Ganz neues Passwort 9",
    });
    expect(wrong.status).toBe(403);
    expect(wrong.json.error.fields).toEqual({ currentPassword: "wrong_password" });
    const common = await client.post("/api/account/password", {
      currentPassword: GOOD_PASSWORD,
      newPassword: "1234567890",
    });
    expect(common.json.error.fields).toEqual({ newPassword: "common_password" });
    expect((await other.get("/api/account/me")).status).toBe(200);
    const ok = await client.post("/api/account/password", {
      currentPassword: GOOD_PASSWORD,
      newPassword: "Ganz neues Passwort 9",
    });
    expect(ok.status).toBe(200);
    expect((await other.get("/api/account/me")).status).toBe(401);
    expect((await client.get("/api/account/me")).status).toBe(200);
    expect(
      (await new Client(t).post("/api/auth/sign-in", { email, password: "Ganz neues Passwort 9" })).status,
    ).toBe(200);
  });
});

describe("password checks on account changes", () => {
  it("are throttled per account, so a stolen session cannot guess the password", async () => {
    const { client } = await signUp(t);
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) {
      statuses.push((await client.delete("/api/account", { password: `guess-${i}-wrong` })).status);
    }
    expect(statuses).toEqual([403, 403, 403, 403, 403, 429]);
    expect((await client.delete("/api/account", { password: GOOD_PASSWORD })).status).toBe(429);
    expect((await client.get("/api/account/me")).status).toBe(200);
  });
});

describe("change email", () => {
  it("needs the password, and the new address counts only once verified", async () => {
    const { client, email } = await signUp(t);
    const newEmail = uniqueEmail("new");
    const wrong = await client.post("/api/account/email", { newEmail, password: "not-it-at-all" });
    expect(wrong.status).toBe(403);
    const res = await client.post("/api/account/email", { newEmail, password: GOOD_PASSWORD });
    expect(res.status).toBe(202);
    expect(res.json).toEqual({ pendingEmail: newEmail });
    expect((await client.get("/api/account/me")).json.user.email).toBe(email);
    expect(t.mails(email).some((m) => m.text.includes(newEmail))).toBe(true); // notice to the old address
    const token = new URL(t.lastLink(newEmail, "/verify-email")).searchParams.get("token");
    expect((await new Client(t).post("/api/auth/verify-email", { token })).status).toBe(200);
    const me = (await client.get("/api/account/me")).json.user;
    expect(me).toMatchObject({ email: newEmail, emailVerified: true });
    expect(
      (await new Client(t).post("/api/auth/sign-in", { email: newEmail, password: GOOD_PASSWORD })).status,
    ).toBe(200);
    expect((await new Client(t).post("/api/auth/sign-in", { email, password: GOOD_PASSWORD })).status).toBe(
      401,
    );
  });

  it("refuses an address another account has", async () => {
    const a = await signUp(t);
    const b = await signUp(t);
    const res = await a.client.post("/api/account/email", { newEmail: b.email, password: GOOD_PASSWORD });
    expect(res.status).toBe(409);
    expect(res.json.error.fields).toEqual({ newEmail: "email_taken" });
  });
});

describe("delete account", () => {
  it("needs the password, then removes the account, its sessions and tokens", async () => {
    const { client, email, user } = await signUp(t);
    const other = await anotherDevice(email, FIREFOX);
    expect((await client.delete("/api/account", { password: "not-it-at-all" })).status).toBe(403);
    const res = await client.delete("/api/account", { password: GOOD_PASSWORD });
    expect(res.status).toBe(200);
    expect((await client.get("/api/account/me")).status).toBe(401);
    expect((await other.get("/api/account/me")).status).toBe(401);
    const db = t.db.db;
    expect(
      await db.selectFrom("users").select("id").where("id", "=", user.id).executeTakeFirst(),
    ).toBeUndefined();
    expect(await db.selectFrom("sessions").select("id").where("user_id", "=", user.id).execute()).toEqual([]);
    expect(await db.selectFrom("email_tokens").select("id").where("user_id", "=", user.id).execute()).toEqual(
      [],
    );
    expect((await new Client(t).post("/api/auth/sign-in", { email, password: GOOD_PASSWORD })).status).toBe(
      401,
    );
  });
});

describe("delete account with organisations", () => {
  it("refuses while I am the only owner of an organisation with other members, and takes my solo organisation along", async () => {
    const me = await signUp(t);
    const shared = await me.client.post("/api/organisations", {
      name: "Gemeinsam e.V.",
      kind: "association",
    });
    const solo = await me.client.post("/api/organisations", { name: "Nur ich", kind: "artist" });
    const other = await signUp(t);
    await t.deps.db
      .insertInto("organisation_members")
      .values({ organisation_id: shared.json.organisation.id, user_id: other.user.id, role: "member" })
      .execute();

    const refused = await me.client.delete("/api/account", { password: GOOD_PASSWORD });
    expect(refused.status).toBe(409);
    expect(refused.json.error.code).toBe("last_owner");
    expect((await me.client.get("/api/account/me")).status).toBe(200);

    await me.client.patch(`/api/organisations/${shared.json.organisation.id}/members/${other.user.id}`, {
      role: "owner",
    });
    expect((await me.client.delete("/api/account", { password: GOOD_PASSWORD })).status).toBe(200);
    expect((await other.client.get(`/api/organisations/${shared.json.organisation.id}`)).status).toBe(200);
    const gone = await t.deps.db
      .selectFrom("organisations")
      .select("id")
      .where("id", "=", solo.json.organisation.id)
      .executeTakeFirst();
    expect(gone).toBeUndefined();
  });
});
