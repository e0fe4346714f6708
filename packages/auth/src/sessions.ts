import type { Db } from "@ensemble/db/db";
import type { Session, User } from "@ensemble/db/schema";
import { equalDigests, randomToken, sha256Hex } from "./tokens.ts";

const HOUR = 60 * 60 * 1000;
const DAY = 24 * HOUR;

/** How long sessions live. Lucia's design: sliding inactivity window plus an absolute cap. */
export interface SessionPolicy {
  /** A session unused for this long is over. */
  idleTimeoutMs: number;
  /** A session older than this is over, however active. */
  absoluteLifetimeMs: number;
  /** `last_verified_at` is written at most this often. */
  renewIntervalMs: number;
}

export const defaultSessionPolicy: SessionPolicy = {
  idleTimeoutMs: 14 * DAY,
  absoluteLifetimeMs: 90 * DAY,
  renewIntervalMs: HOUR,
};

export type SessionUser = Pick<
  User,
  "id" | "email" | "email_verified_at" | "display_name" | "is_instance_admin" | "locale" | "created_at"
>;

export interface ValidSession {
  session: Session;
  user: SessionUser;
}

/** Creates a session and returns its token `id.secret` (120-bit id, 160-bit secret). */
export async function createSession(
  db: Db,
  userId: string,
  meta: { userAgent?: string | null; ip?: string | null } = {},
  now = new Date(),
): Promise<{ token: string; session: Session }> {
  const id = randomToken(120);
  const secret = randomToken(160);
  const session = await db
    .insertInto("sessions")
    .values({
      id,
      user_id: userId,
      secret_hash: sha256Hex(secret),
      created_at: now,
      last_verified_at: now,
      user_agent: meta.userAgent?.slice(0, 512) ?? null,
      ip: meta.ip ?? null,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  return { token: `${id}.${secret}`, session };
}

/**
 * Checks a token: the secret's hash must match in constant time, and the session must be within
 * both its inactivity window and its absolute lifetime. Expired sessions are deleted. Renews the
 * inactivity window at most once per `renewIntervalMs`. Returns null for any invalid token.
 */
export async function validateSessionToken(
  db: Db,
  token: string,
  policy: SessionPolicy = defaultSessionPolicy,
  now = new Date(),
): Promise<ValidSession | null> {
  const dot = token.indexOf(".");
  if (dot <= 0 || dot > 64 || token.length > 200) {
    return null;
  }
  const id = token.slice(0, dot);
  const secret = token.slice(dot + 1);
  const row = await db
    .selectFrom("sessions")
    .innerJoin("users", "users.id", "sessions.user_id")
    .select([
      "sessions.id",
      "sessions.user_id",
      "sessions.secret_hash",
      "sessions.created_at",
      "sessions.last_verified_at",
      "sessions.user_agent",
      "sessions.ip",
      "users.email",
      "users.email_verified_at",
      "users.display_name",
      "users.is_instance_admin",
      "users.locale",
      "users.created_at as user_created_at",
    ])
    .where("sessions.id", "=", id)
    .executeTakeFirst();
  if (!row || !equalDigests(row.secret_hash, sha256Hex(secret))) {
    return null;
  }
  const t = now.getTime();
  const idleOver = t - row.last_verified_at.getTime() >= policy.idleTimeoutMs;
  const lifeOver = t - row.created_at.getTime() >= policy.absoluteLifetimeMs;
  if (idleOver || lifeOver) {
    await db.deleteFrom("sessions").where("id", "=", id).execute();
    return null;
  }
  let lastVerifiedAt = row.last_verified_at;
  if (t - lastVerifiedAt.getTime() >= policy.renewIntervalMs) {
    lastVerifiedAt = now;
    await db.updateTable("sessions").set({ last_verified_at: now }).where("id", "=", id).execute();
  }
  return {
    session: {
      id: row.id,
      user_id: row.user_id,
      secret_hash: row.secret_hash,
      created_at: row.created_at,
      last_verified_at: lastVerifiedAt,
      user_agent: row.user_agent,
      ip: row.ip,
    },
    user: {
      id: row.user_id,
      email: row.email,
      email_verified_at: row.email_verified_at,
      display_name: row.display_name,
      is_instance_admin: row.is_instance_admin,
      locale: row.locale,
      created_at: row.user_created_at,
    },
  };
}

/** When the session ends at the latest, given its policy: for the cookie's expiry. */
export function sessionExpiresAt(session: Session, policy: SessionPolicy = defaultSessionPolicy): Date {
  const idle = session.last_verified_at.getTime() + policy.idleTimeoutMs;
  const absolute = session.created_at.getTime() + policy.absoluteLifetimeMs;
  return new Date(Math.min(idle, absolute));
}

/** Ends one session. */
export async function invalidateSession(db: Db, sessionId: string): Promise<void> {
  await db.deleteFrom("sessions").where("id", "=", sessionId).execute();
}

/** Ends every session of a user, except `keepSessionId` when given; returns how many ended. */
export async function invalidateUserSessions(
  db: Db,
  userId: string,
  keepSessionId?: string,
): Promise<number> {
  let q = db.deleteFrom("sessions").where("user_id", "=", userId);
  if (keepSessionId) {
    q = q.where("id", "!=", keepSessionId);
  }
  const result = await q.executeTakeFirst();
  return Number(result.numDeletedRows);
}

/** Deletes every session past its inactivity window or absolute lifetime; returns how many. */
export async function deleteExpiredSessions(
  db: Db,
  policy: SessionPolicy = defaultSessionPolicy,
  now = new Date(),
): Promise<number> {
  const idleCutoff = new Date(now.getTime() - policy.idleTimeoutMs);
  const lifeCutoff = new Date(now.getTime() - policy.absoluteLifetimeMs);
  const result = await db
    .deleteFrom("sessions")
    .where((eb) => eb.or([eb("last_verified_at", "<=", idleCutoff), eb("created_at", "<=", lifeCutoff)]))
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}
