import type { Db } from "@ensemble/db/db";
import type { NetworkRow, NetworksTable } from "@ensemble/db/schema";
import { type Insertable, sql, type Updateable } from "kysely";

/** Networks any of my organisations is in, with the coordinator's name. */
export function listForUser(db: Db, userId: string) {
  return db
    .selectFrom("networks as n")
    .innerJoin("organisations as c", "c.id", "n.coordinator_id")
    .select([
      "n.id",
      "n.name",
      "n.coordinator_id",
      "c.name as coordinator_name",
      (eb) =>
        eb
          .selectFrom("network_partners as x")
          .select((e) => e.fn.countAll<string>().as("n"))
          .whereRef("x.network_id", "=", "n.id")
          .as("partner_count"),
      (eb) =>
        eb
          .exists(
            eb
              .selectFrom("organisation_members as cm")
              .select("cm.user_id")
              .whereRef("cm.organisation_id", "=", "n.coordinator_id")
              .where("cm.user_id", "=", userId),
          )
          .as("is_coordinator"),
    ])
    .where("n.id", "in", (eb) =>
      eb
        .selectFrom("network_partners as p")
        .innerJoin("organisation_members as m", "m.organisation_id", "p.organisation_id")
        .select("p.network_id")
        .where("m.user_id", "=", userId),
    )
    .orderBy(sql`lower(n.name)`)
    .execute();
}

export function findById(db: Db, id: string) {
  return db
    .selectFrom("networks as n")
    .innerJoin("organisations as c", "c.id", "n.coordinator_id")
    .selectAll("n")
    .select("c.name as coordinator_name")
    .where("n.id", "=", id)
    .executeTakeFirst();
}

export function insertNetwork(db: Db, values: Insertable<NetworksTable>): Promise<NetworkRow> {
  return db.insertInto("networks").values(values).returningAll().executeTakeFirstOrThrow();
}

export function updateNetwork(db: Db, id: string, patch: Updateable<NetworksTable>) {
  return db.updateTable("networks").set(patch).where("id", "=", id).returningAll().executeTakeFirst();
}

export async function insertPartner(
  db: Db,
  networkId: string,
  organisationId: string,
  at: Date,
): Promise<boolean> {
  const rows = await db
    .insertInto("network_partners")
    .values({ network_id: networkId, organisation_id: organisationId, joined_at: at })
    .onConflict((oc) => oc.columns(["network_id", "organisation_id"]).doNothing())
    .returning("organisation_id")
    .execute();
  return rows.length > 0;
}

export async function deletePartner(db: Db, networkId: string, organisationId: string): Promise<boolean> {
  const rows = await db
    .deleteFrom("network_partners")
    .where("network_id", "=", networkId)
    .where("organisation_id", "=", organisationId)
    .returning("organisation_id")
    .execute();
  await db
    .deleteFrom("network_checklist_checks")
    .where("network_id", "=", networkId)
    .where("organisation_id", "=", organisationId)
    .execute();
  return rows.length > 0;
}

export async function countPartners(db: Db, networkId: string): Promise<number> {
  const row = await db
    .selectFrom("network_partners")
    .select((eb) => eb.fn.countAll<string>().as("n"))
    .where("network_id", "=", networkId)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** My organisations in the network, with my role in each. */
export function myOrganisations(db: Db, networkId: string, userId: string) {
  return db
    .selectFrom("network_partners as p")
    .innerJoin("organisation_members as m", (j) =>
      j.onRef("m.organisation_id", "=", "p.organisation_id").on("m.user_id", "=", userId),
    )
    .innerJoin("organisations as o", "o.id", "p.organisation_id")
    .select(["o.id", "o.name", "m.role"])
    .where("p.network_id", "=", networkId)
    .orderBy(sql`lower(o.name)`)
    .execute();
}

/** The partners' organisation rows with join date and whether any of their people is in a network project. */
export function listPartners(db: Db, networkId: string) {
  return db
    .selectFrom("network_partners as p")
    .innerJoin("organisations as o", "o.id", "p.organisation_id")
    .selectAll("o")
    .select([
      "p.joined_at",
      (eb) =>
        eb
          .exists(
            eb
              .selectFrom("projects as pr")
              .innerJoin("project_members as pm", "pm.project_id", "pr.id")
              .innerJoin("organisation_members as om", "om.user_id", "pm.user_id")
              .select("pr.id")
              .where("pr.network_id", "=", networkId)
              .where("pr.deleted_at", "is", null)
              .whereRef("om.organisation_id", "=", "p.organisation_id"),
          )
          .as("in_project"),
    ])
    .where("p.network_id", "=", networkId)
    .orderBy(sql`lower(o.name)`)
    .execute();
}

/** Directory search over the partners' profiles. */
export function searchDirectory(
  db: Db,
  networkId: string,
  filter: { q?: string | undefined; sparte?: string | undefined; district?: string | undefined },
) {
  let q = db
    .selectFrom("network_partners as p")
    .innerJoin("organisations as o", "o.id", "p.organisation_id")
    .selectAll("o")
    .where("p.network_id", "=", networkId);
  if (filter.q) {
    const pattern = `%${filter.q.toLowerCase().replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`;
    q = q.where((eb) =>
      eb.or([eb(sql`lower(o.name)`, "like", pattern), eb(sql`lower(o.description)`, "like", pattern)]),
    );
  }
  if (filter.sparte) {
    q = q.where(sql<boolean>`o.sparten @> array[${filter.sparte}]::text[]`);
  }
  if (filter.district) {
    q = q.where(sql`lower(o.district)`, "=", filter.district.toLowerCase());
  }
  return q.orderBy(sql`lower(o.name)`).execute();
}

/**
 * The districts partners name, for the directory's filter: one entry per district however it is
 * capitalised (the filter ignores case), spelled the same way on every database collation.
 */
export async function districts(db: Db, networkId: string): Promise<string[]> {
  const rows = await db
    .selectFrom("network_partners as p")
    .innerJoin("organisations as o", "o.id", "p.organisation_id")
    .select(sql<string>`min(o.district collate "C")`.as("district"))
    .where("p.network_id", "=", networkId)
    .where("o.district", "<>", "")
    .groupBy(sql`lower(o.district)`)
    .orderBy(sql`lower(o.district)`)
    .execute();
  return rows.map((r) => r.district);
}

export function listChecklist(db: Db, networkId: string) {
  return db
    .selectFrom("network_checklist_items")
    .select(["id", "label", "position"])
    .where("network_id", "=", networkId)
    .orderBy("position")
    .execute();
}

export function listChecks(db: Db, networkId: string) {
  return db
    .selectFrom("network_checklist_checks")
    .select(["organisation_id", "item_id", "checked_at"])
    .where("network_id", "=", networkId)
    .execute();
}

export async function insertChecklistItem(db: Db, id: string, networkId: string, label: string, at: Date) {
  const max = await db
    .selectFrom("network_checklist_items")
    .select((eb) => eb.fn.max("position").as("p"))
    .where("network_id", "=", networkId)
    .executeTakeFirst();
  return db
    .insertInto("network_checklist_items")
    .values({ id, network_id: networkId, label, position: (Number(max?.p ?? 0) || 0) + 1, created_at: at })
    .returning(["id", "label", "position"])
    .executeTakeFirstOrThrow();
}

export function renameChecklistItem(db: Db, networkId: string, itemId: string, label: string) {
  return db
    .updateTable("network_checklist_items")
    .set({ label })
    .where("network_id", "=", networkId)
    .where("id", "=", itemId)
    .returning(["id", "label", "position"])
    .executeTakeFirst();
}

export async function deleteChecklistItem(db: Db, networkId: string, itemId: string): Promise<boolean> {
  const rows = await db
    .deleteFrom("network_checklist_items")
    .where("network_id", "=", networkId)
    .where("id", "=", itemId)
    .returning("id")
    .execute();
  return rows.length > 0;
}

export async function findChecklistItem(db: Db, networkId: string, itemId: string) {
  return db
    .selectFrom("network_checklist_items")
    .select("id")
    .where("network_id", "=", networkId)
    .where("id", "=", itemId)
    .executeTakeFirst();
}

export async function isPartner(db: Db, networkId: string, organisationId: string): Promise<boolean> {
  const row = await db
    .selectFrom("network_partners")
    .select("organisation_id")
    .where("network_id", "=", networkId)
    .where("organisation_id", "=", organisationId)
    .executeTakeFirst();
  return row !== undefined;
}

export async function setCheck(
  db: Db,
  networkId: string,
  organisationId: string,
  itemId: string,
  done: boolean,
  by: string,
  at: Date,
): Promise<void> {
  if (!done) {
    await db
      .deleteFrom("network_checklist_checks")
      .where("network_id", "=", networkId)
      .where("organisation_id", "=", organisationId)
      .where("item_id", "=", itemId)
      .execute();
    return;
  }
  await db
    .insertInto("network_checklist_checks")
    .values({
      network_id: networkId,
      organisation_id: organisationId,
      item_id: itemId,
      checked_by: by,
      checked_at: at,
    })
    .onConflict((oc) => oc.columns(["network_id", "organisation_id", "item_id"]).doNothing())
    .execute();
}

/** The members of an organisation (to tell the revocation bus who lost a network). */
export async function memberIds(db: Db, organisationId: string): Promise<string[]> {
  const rows = await db
    .selectFrom("organisation_members")
    .select("user_id")
    .where("organisation_id", "=", organisationId)
    .execute();
  return rows.map((r) => r.user_id);
}
