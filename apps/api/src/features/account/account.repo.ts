import type { Db } from "@ensemble/db/db";
import type { Session } from "@ensemble/db/schema";

/** The user's sessions, most recently used first. */
export function listSessions(db: Db, userId: string): Promise<Session[]> {
  return db
    .selectFrom("sessions")
    .selectAll()
    .where("user_id", "=", userId)
    .orderBy("last_verified_at", "desc")
    .execute();
}

/** Deletes one of the user's sessions; false when the user has no session with that id. */
export async function deleteOwnSession(db: Db, userId: string, sessionId: string): Promise<boolean> {
  const result = await db
    .deleteFrom("sessions")
    .where("id", "=", sessionId)
    .where("user_id", "=", userId)
    .executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}
