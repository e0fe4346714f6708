import { createSession } from "@ensemble/auth/sessions";
import { expect, it } from "vitest";
import { Client, signUp, uniqueEmail, useTestApp } from "../../test/harness.ts";
import { purgeExpiredAuthData } from "./auth.maintenance.ts";

const t = useTestApp();

it("purges expired sessions and mail tokens and stale sign-in counters, and nothing live", async () => {
  const { user, client } = await signUp(t);
  const old = await createSession(t.db.db, user.id, {}, new Date(Date.now() - 15 * 86_400_000));
  await new Client(t).post("/api/auth/sign-in", { email: uniqueEmail(), password: "wrong-password-1" });
  const db = t.db.db;
  const tokensBefore = await db
    .selectFrom("email_tokens")
    .select("id")
    .where("user_id", "=", user.id)
    .execute();
  expect(tokensBefore).toHaveLength(1);

  await purgeExpiredAuthData(t.deps);
  expect(await db.selectFrom("sessions").select("id").where("id", "=", old.session.id).execute()).toEqual([]);
  expect((await client.get("/api/account/me")).status).toBe(200);
  expect(
    await db.selectFrom("email_tokens").select("id").where("user_id", "=", user.id).execute(),
  ).toHaveLength(1);
  expect((await db.selectFrom("auth_throttle").select("key").execute()).length).toBeGreaterThan(0);

  t.clock.now = new Date(Date.now() + 3 * 86_400_000); // the 48 h verification link and the counters are stale
  try {
    await purgeExpiredAuthData(t.deps);
  } finally {
    t.clock.now = new Date();
  }
  expect(await db.selectFrom("email_tokens").select("id").where("user_id", "=", user.id).execute()).toEqual(
    [],
  );
  expect(await db.selectFrom("auth_throttle").select("key").execute()).toEqual([]);
});
