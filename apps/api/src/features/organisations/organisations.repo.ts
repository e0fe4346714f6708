import type { Db } from "@ensemble/db/db";
import type { OrganisationMembersTable, OrganisationRow, OrganisationsTable } from "@ensemble/db/schema";
import { type Insertable, sql, type Updateable } from "kysely";

type Role = OrganisationMembersTable["role"];

/** My organisations with my role, by name. */
export function listForUser(db: Db, userId: string) {
  return db
    .selectFrom("organisation_members as m")
    .innerJoin("organisations as o", "o.id", "m.organisation_id")
    .select(["o.id", "o.name", "o.kind", "m.role"])
    .where("m.user_id", "=", userId)
    .orderBy(sql`lower(o.name)`)
    .execute();
}

/** One organisation. */
export function findById(db: Db, id: string): Promise<OrganisationRow | undefined> {
  return db.selectFrom("organisations").selectAll().where("id", "=", id).executeTakeFirst();
}

/** Organisations whose name contains the text (instance-wide, for network invitations). */
export function searchByName(db: Db, text: string, limit: number) {
  const pattern = `%${text.toLowerCase().replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`;
  return db
    .selectFrom("organisations")
    .select(["id", "name", "kind", "district"])
    .where(sql<boolean>`lower(name) like ${pattern}`)
    .orderBy(sql`lower(name)`)
    .limit(limit)
    .execute();
}

/** Takes the organisation's row lock, so role changes and removals are decided one at a time. */
export async function lockOrganisation(db: Db, id: string): Promise<void> {
  await db.selectFrom("organisations").select("id").where("id", "=", id).forNoKeyUpdate().execute();
}

export async function countMembers(db: Db, organisationId: string): Promise<number> {
  const row = await db
    .selectFrom("organisation_members")
    .select((eb) => eb.fn.countAll<string>().as("n"))
    .where("organisation_id", "=", organisationId)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function countOwners(db: Db, organisationId: string): Promise<number> {
  const row = await db
    .selectFrom("organisation_members")
    .select((eb) => eb.fn.countAll<string>().as("n"))
    .where("organisation_id", "=", organisationId)
    .where("role", "=", "owner")
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export function insertOrganisation(db: Db, values: Insertable<OrganisationsTable>): Promise<OrganisationRow> {
  return db.insertInto("organisations").values(values).returningAll().executeTakeFirstOrThrow();
}

export function updateOrganisation(
  db: Db,
  id: string,
  patch: Updateable<OrganisationsTable>,
): Promise<OrganisationRow | undefined> {
  return db.updateTable("organisations").set(patch).where("id", "=", id).returningAll().executeTakeFirst();
}

export async function insertMember(
  db: Db,
  organisationId: string,
  userId: string,
  role: Role,
  at: Date,
): Promise<void> {
  await db
    .insertInto("organisation_members")
    .values({ organisation_id: organisationId, user_id: userId, role, created_at: at })
    .execute();
}

/** The members with their account names, owners first. */
export function listMembers(db: Db, organisationId: string) {
  return db
    .selectFrom("organisation_members as m")
    .innerJoin("users as u", "u.id", "m.user_id")
    .select(["m.user_id", "m.role", "m.created_at", "u.display_name", "u.email"])
    .where("m.organisation_id", "=", organisationId)
    .orderBy(sql`case m.role when 'owner' then 0 when 'admin' then 1 else 2 end`)
    .orderBy(sql`lower(u.display_name)`)
    .execute();
}

export function findMember(db: Db, organisationId: string, userId: string) {
  return db
    .selectFrom("organisation_members as m")
    .innerJoin("users as u", "u.id", "m.user_id")
    .select(["m.user_id", "m.role", "u.display_name", "u.email"])
    .where("m.organisation_id", "=", organisationId)
    .where("m.user_id", "=", userId)
    .executeTakeFirst();
}

/** Is a person with this address a member? */
export async function isMemberByEmail(db: Db, organisationId: string, email: string): Promise<boolean> {
  const row = await db
    .selectFrom("organisation_members as m")
    .innerJoin("users as u", "u.id", "m.user_id")
    .select("m.user_id")
    .where("m.organisation_id", "=", organisationId)
    .where("u.email", "=", email)
    .executeTakeFirst();
  return row !== undefined;
}

export async function setRole(db: Db, organisationId: string, userId: string, role: Role): Promise<void> {
  await db
    .updateTable("organisation_members")
    .set({ role })
    .where("organisation_id", "=", organisationId)
    .where("user_id", "=", userId)
    .execute();
}

/**
 * Removes a member, and with them their memberships in the organisation's own projects (their
 * access came through the organisation). Returns the ids of those projects.
 */
export async function deleteMember(db: Db, organisationId: string, userId: string): Promise<string[]> {
  await db
    .deleteFrom("organisation_members")
    .where("organisation_id", "=", organisationId)
    .where("user_id", "=", userId)
    .execute();
  const removed = await db
    .deleteFrom("project_members")
    .where("user_id", "=", userId)
    .where("project_id", "in", (eb) =>
      eb.selectFrom("projects").select("id").where("organisation_id", "=", organisationId),
    )
    .returning("project_id")
    .execute();
  return removed.map((r) => r.project_id);
}
