import type { SessionPolicy } from "@ensemble/auth/sessions";
import type { Db } from "@ensemble/db/db";

/**
 * Is the session still there and within its lifetimes? Read only: an open stream must not keep
 * a session alive that its person left idle (validating would renew it).
 */
export async function sessionStillOpen(
  db: Db,
  sessionId: string,
  policy: SessionPolicy,
  now: Date,
): Promise<boolean> {
  const row = await db
    .selectFrom("sessions")
    .select(["created_at", "last_verified_at"])
    .where("id", "=", sessionId)
    .executeTakeFirst();
  if (!row) {
    return false;
  }
  const t = now.getTime();
  return (
    t - row.last_verified_at.getTime() < policy.idleTimeoutMs &&
    t - row.created_at.getTime() < policy.absoluteLifetimeMs
  );
}
