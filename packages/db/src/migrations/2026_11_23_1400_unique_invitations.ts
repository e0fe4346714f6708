import { type Kysely, sql } from "kysely";

/**
 * At most one invitation per target and recipient, enforced by the database: two invitations
 * sent at the same moment used to leave two valid links. (NULLs are distinct, so each index only
 * binds the rows of its own kind.)
 */
export async function up(db: Kysely<any>): Promise<void> {
  // keep the newest of any duplicates made before these indexes existed
  await sql`delete from invitations a using invitations b
    where a.created_at < b.created_at
      and a.kind = b.kind
      and coalesce(a.organisation_id, a.network_id, a.project_id) = coalesce(b.organisation_id, b.network_id, b.project_id)
      and coalesce(a.email, a.invited_organisation_id) = coalesce(b.email, b.invited_organisation_id)`.execute(
    db,
  );
  const keys = [
    ["invitations_organisation_email_key", ["organisation_id", "email"]],
    ["invitations_network_email_key", ["network_id", "email"]],
    ["invitations_network_organisation_key", ["network_id", "invited_organisation_id"]],
    ["invitations_project_email_key", ["project_id", "email"]],
  ] as const;
  for (const [name, columns] of keys) {
    await db.schema
      .createIndex(name)
      .on("invitations")
      .columns([...columns])
      .unique()
      .execute();
  }
}
