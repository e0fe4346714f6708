import type { Db } from "@ensemble/db/db";
import type { Database, DocumentTemplatesTable } from "@ensemble/db/schema";
import { type ExpressionBuilder, type Insertable, sql } from "kysely";

/** Whose templates a project offers: its organisation's, or its network's (and my partner organisations'). */
export type ProjectOwner = { kind: "organisation" | "network"; id: string };

/** A saved template with its owner's name (no state: lists never carry the content). */
export interface TemplateListRow {
  id: string;
  organisation_id: string | null;
  network_id: string | null;
  name: string;
  description: string;
  created_by: string | null;
  created_at: Date;
  owner_name: string;
}

/**
 * The templates a project offers to the user: the owning organisation's, or for a network
 * project the network's and those of the user's own organisations that are its partners (two
 * indexed lookups joined by a union, so the templates table is read by key, never scanned).
 */
function offeredTo(owner: ProjectOwner, userId: string) {
  return (eb: ExpressionBuilder<Database & { t: Database["document_templates"] }, "t">) =>
    owner.kind === "organisation"
      ? eb("t.organisation_id", "=", owner.id)
      : eb(
          "t.id",
          "in",
          eb
            .selectFrom("document_templates as nt")
            .select("nt.id")
            .where("nt.network_id", "=", owner.id)
            .union(
              eb
                .selectFrom("organisation_members as om")
                .innerJoin("network_partners as np", "np.organisation_id", "om.organisation_id")
                .innerJoin("document_templates as pt", "pt.organisation_id", "om.organisation_id")
                .select("pt.id")
                .where("om.user_id", "=", userId)
                .where("np.network_id", "=", owner.id),
            ),
        );
}

/** Saved templates (as `t`) with the list columns and the name of their organisation or network. */
function withOwnerName(db: Db) {
  return db
    .selectFrom("document_templates as t")
    .leftJoin("organisations as o", "o.id", "t.organisation_id")
    .leftJoin("networks as n", "n.id", "t.network_id")
    .select([
      "t.id",
      "t.organisation_id",
      "t.network_id",
      "t.name",
      "t.description",
      "t.created_by",
      "t.created_at",
      sql<string>`coalesce(o.name, n.name)`.as("owner_name"),
    ]);
}

/** The saved templates a project offers to the user, by name. */
export function listOffered(db: Db, owner: ProjectOwner, userId: string): Promise<TemplateListRow[]> {
  return withOwnerName(db)
    .where(offeredTo(owner, userId))
    .orderBy(sql`lower(t.name)`)
    .orderBy("t.id")
    .execute() as Promise<TemplateListRow[]>;
}

/** The state of a template the project offers to the user (undefined: not offered, or none). */
export async function findOfferedState(
  db: Db,
  owner: ProjectOwner,
  userId: string,
  id: string,
): Promise<Uint8Array | undefined> {
  const row = await db
    .selectFrom("document_templates as t")
    .select("t.state")
    .where("t.id", "=", id)
    .where(offeredTo(owner, userId))
    .executeTakeFirst();
  return row?.state;
}

/** The user's roles in these organisations (for what they may do with the listed templates). */
export async function rolesIn(
  db: Db,
  userId: string,
  organisationIds: readonly string[],
): Promise<Map<string, "owner" | "admin" | "member">> {
  if (organisationIds.length === 0) {
    return new Map();
  }
  const rows = await db
    .selectFrom("organisation_members")
    .select(["organisation_id", "role"])
    .where("user_id", "=", userId)
    .where("organisation_id", "in", [...organisationIds])
    .execute();
  return new Map(rows.map((r) => [r.organisation_id, r.role]));
}

/** Is the organisation a partner of the network? */
export async function isPartner(db: Db, networkId: string, organisationId: string): Promise<boolean> {
  const row = await db
    .selectFrom("network_partners")
    .select("organisation_id")
    .where("network_id", "=", networkId)
    .where("organisation_id", "=", organisationId)
    .executeTakeFirst();
  return row !== undefined;
}

export async function insertTemplate(db: Db, values: Insertable<DocumentTemplatesTable>): Promise<void> {
  await db.insertInto("document_templates").values(values).execute();
}

/** One saved template with its owner's name. */
export function findTemplate(db: Db, id: string): Promise<TemplateListRow | undefined> {
  return withOwnerName(db).where("t.id", "=", id).executeTakeFirst() as Promise<TemplateListRow | undefined>;
}

export async function deleteTemplate(db: Db, id: string): Promise<void> {
  await db.deleteFrom("document_templates").where("id", "=", id).execute();
}

/** An organisation or network a document's template could be saved into, with its name. */
export interface OwnerCandidate {
  kind: "organisation" | "network";
  id: string;
  name: string;
}

/**
 * The owners that take part in a project, as seen by the user: its organisation, or its network
 * and then the user's own organisations among the network's partners (by name). Whether the user
 * may save for each is the service's question.
 */
export async function ownerCandidates(
  db: Db,
  owner: ProjectOwner,
  userId: string,
): Promise<OwnerCandidate[]> {
  if (owner.kind === "organisation") {
    const org = await db
      .selectFrom("organisations")
      .select(["id", "name"])
      .where("id", "=", owner.id)
      .executeTakeFirst();
    return org ? [{ kind: "organisation", id: org.id, name: org.name }] : [];
  }
  const network = await db
    .selectFrom("networks")
    .select(["id", "name"])
    .where("id", "=", owner.id)
    .executeTakeFirst();
  const partners = await db
    .selectFrom("organisation_members as om")
    .innerJoin("network_partners as np", "np.organisation_id", "om.organisation_id")
    .innerJoin("organisations as o", "o.id", "om.organisation_id")
    .select(["o.id", "o.name"])
    .where("om.user_id", "=", userId)
    .where("np.network_id", "=", owner.id)
    .orderBy(sql`lower(o.name)`)
    .orderBy("o.id")
    .execute();
  return [
    ...(network ? [{ kind: "network" as const, id: network.id, name: network.name }] : []),
    ...partners.map((p) => ({ kind: "organisation" as const, id: p.id, name: p.name })),
  ];
}
