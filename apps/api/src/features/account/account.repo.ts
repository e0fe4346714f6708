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

/**
 * Locks the organisations this person owns (in id order, so two deletions cannot deadlock), so
 * the owner counts read next cannot change before the account is gone.
 */
export async function lockOwnedOrganisations(db: Db, userId: string): Promise<void> {
  await db
    .selectFrom("organisations as o")
    .innerJoin("organisation_members as m", "m.organisation_id", "o.id")
    .select("o.id")
    .where("m.user_id", "=", userId)
    .where("m.role", "=", "owner")
    .orderBy("o.id")
    .forNoKeyUpdate()
    .execute();
}

/** Does the organisation coordinate a network that has other partners? */
export async function coordinatesPartners(db: Db, organisationId: string): Promise<boolean> {
  const row = await db
    .selectFrom("networks as n")
    .innerJoin("network_partners as p", "p.network_id", "n.id")
    .select("p.organisation_id")
    .where("n.coordinator_id", "=", organisationId)
    .where("p.organisation_id", "<>", organisationId)
    .executeTakeFirst();
  return row !== undefined;
}

/** Organisations where this person is the only owner, with how many members each has. */
export async function soleOwnerships(db: Db, userId: string): Promise<{ id: string; members: number }[]> {
  const rows = await db
    .selectFrom("organisation_members as m")
    .select([
      "m.organisation_id as id",
      (eb) =>
        eb
          .selectFrom("organisation_members as o")
          .select((e) => e.fn.countAll<string>().as("n"))
          .whereRef("o.organisation_id", "=", "m.organisation_id")
          .where("o.role", "=", "owner")
          .as("owners"),
      (eb) =>
        eb
          .selectFrom("organisation_members as a")
          .select((e) => e.fn.countAll<string>().as("n"))
          .whereRef("a.organisation_id", "=", "m.organisation_id")
          .as("members"),
    ])
    .where("m.user_id", "=", userId)
    .where("m.role", "=", "owner")
    .execute();
  return rows.filter((r) => Number(r.owners) === 1).map((r) => ({ id: r.id, members: Number(r.members) }));
}

/** Deletes an organisation with everything that belongs to it. */
export async function deleteOrganisation(db: Db, id: string): Promise<void> {
  await db.deleteFrom("organisations").where("id", "=", id).execute();
}
