import type { DbHandle } from "@ensemble/db/db";
import { createTestDb } from "@ensemble/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  createSession,
  defaultSessionPolicy,
  invalidateSession,
  invalidateUserSessions,
  validateSessionToken,
} from "./sessions.ts";
import { sha256Hex } from "./tokens.ts";

let handle: DbHandle;
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

async function user(id: string) {
  await handle.db
    .insertInto("users")
    .values({ id, email: `${id}@example.org`, display_name: id, password_hash: "x", updated_at: new Date() })
    .execute();
}

beforeAll(async () => {
  handle = await createTestDb();
  await user("alice");
  await user("bob");
});
afterAll(async () => {
  await handle.close();
});

describe("sessions", () => {
  it("stores only the SHA-256 of the secret", async () => {
    const { token, session } = await createSession(handle.db, "alice");
    const [id, secret] = token.split(".") as [string, string];
    expect(id).toBe(session.id);
    expect(secret.length).toBeGreaterThanOrEqual(32); // ≥ 160 bits at 5 bits per char
    const row = await handle.db
      .selectFrom("sessions")
      .selectAll()
      .where("id", "=", id)
      .executeTakeFirstOrThrow();
    expect(row.secret_hash).toBe(sha256Hex(secret));
    expect(JSON.stringify(row)).not.toContain(secret);
  });

  it("accepts the right token and refuses a wrong secret, a bare id or garbage", async () => {
    const { token } = await createSession(handle.db, "alice");
    expect((await validateSessionToken(handle.db, token))?.user.id).toBe("alice");
    const [id] = token.split(".");
    expect(await validateSessionToken(handle.db, `${id}.${"a".repeat(32)}`)).toBeNull();
    expect(await validateSessionToken(handle.db, `${id}`)).toBeNull();
    expect(await validateSessionToken(handle.db, "'; drop table sessions; --.x")).toBeNull();
  });

  it("refuses a session past its inactivity timeout and deletes it", async () => {
    const start = new Date("2026-01-01T00:00:00Z");
    const { token, session } = await createSession(handle.db, "alice", {}, start);
    const late = new Date(start.getTime() + defaultSessionPolicy.idleTimeoutMs + 1);
    expect(await validateSessionToken(handle.db, token, defaultSessionPolicy, late)).toBeNull();
    const row = await handle.db
      .selectFrom("sessions")
      .select("id")
      .where("id", "=", session.id)
      .executeTakeFirst();
    expect(row).toBeUndefined();
  });

  it("renews the inactivity window at most once an hour, so an active session lives on", async () => {
    const start = new Date("2026-02-01T00:00:00Z");
    const { token, session } = await createSession(handle.db, "alice", {}, start);
    const read = async () =>
      (
        await handle.db
          .selectFrom("sessions")
          .select("last_verified_at")
          .where("id", "=", session.id)
          .executeTakeFirstOrThrow()
      ).last_verified_at;
    await validateSessionToken(
      handle.db,
      token,
      defaultSessionPolicy,
      new Date(start.getTime() + 30 * 60_000),
    );
    expect((await read()).getTime()).toBe(start.getTime()); // no write within the hour
    const later = new Date(start.getTime() + 10 * DAY);
    await validateSessionToken(handle.db, token, defaultSessionPolicy, later);
    expect((await read()).getTime()).toBe(later.getTime());
    // 20 days after start is past the 14-day idle window from start, but not from the renewal
    const stillAlive = new Date(start.getTime() + 20 * DAY);
    expect(await validateSessionToken(handle.db, token, defaultSessionPolicy, stillAlive)).not.toBeNull();
  });

  it("refuses a session past its absolute lifetime, however active", async () => {
    const start = new Date("2026-03-01T00:00:00Z");
    const { token } = await createSession(handle.db, "alice", {}, start);
    for (let d = 10; d < 90; d += 10) {
      expect(
        await validateSessionToken(
          handle.db,
          token,
          defaultSessionPolicy,
          new Date(start.getTime() + d * DAY),
        ),
      ).not.toBeNull();
    }
    const end = new Date(start.getTime() + defaultSessionPolicy.absoluteLifetimeMs);
    expect(await validateSessionToken(handle.db, token, defaultSessionPolicy, end)).toBeNull();
  });

  it("invalidates one session, or all but the current one, at once", async () => {
    const a = await createSession(handle.db, "bob");
    const b = await createSession(handle.db, "bob");
    const c = await createSession(handle.db, "bob");
    await invalidateSession(handle.db, a.session.id);
    expect(await validateSessionToken(handle.db, a.token)).toBeNull();
    expect(await invalidateUserSessions(handle.db, "bob", c.session.id)).toBe(1);
    expect(await validateSessionToken(handle.db, b.token)).toBeNull();
    expect(await validateSessionToken(handle.db, c.token)).not.toBeNull();
  });
});
