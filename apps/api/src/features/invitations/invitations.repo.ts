import type { Db } from "@ensemble/db/db";
import type { InvitationRow, InvitationsTable } from "@ensemble/db/schema";
import type { Insertable } from "kysely";

/** What an invitation invites into. */
export type InvitationTarget =
  | { kind: "organisation"; id: string }
  | { kind: "network"; id: string }
  | { kind: "project"; id: string };

const targetColumn = {
  organisation: "organisation_id",
  network: "network_id",
  project: "project_id",
} as const;

/** Inserts an invitation, or renews the one of the same target and recipient (one unique key each). */
export function upsertInvitation(db: Db, values: Insertable<InvitationsTable>): Promise<InvitationRow> {
  const target = values.organisation_id ? "organisation_id" : values.network_id ? "network_id" : "project_id";
  const recipient = values.email ? "email" : "invited_organisation_id";
  return db
    .insertInto("invitations")
    .values(values)
    .onConflict((oc) =>
      oc.columns([target, recipient]).doUpdateSet((eb) => ({
        role: eb.ref("excluded.role"),
        token_hash: eb.ref("excluded.token_hash"),
        invited_by: eb.ref("excluded.invited_by"),
        invited_by_name: eb.ref("excluded.invited_by_name"),
        expires_at: eb.ref("excluded.expires_at"),
        created_at: eb.ref("excluded.created_at"),
        declined_at: null,
      })),
    )
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** Every invitation into a target, newest first (served by the target's index). */
export function listForTarget(db: Db, target: InvitationTarget): Promise<InvitationRow[]> {
  return db
    .selectFrom("invitations")
    .selectAll()
    .where(targetColumn[target.kind], "=", target.id)
    .orderBy("created_at", "desc")
    .execute();
}

/** One invitation, only if it belongs to the target (another target's id is "not found"). */
export function findForTarget(
  db: Db,
  target: InvitationTarget,
  id: string,
): Promise<InvitationRow | undefined> {
  return db
    .selectFrom("invitations")
    .selectAll()
    .where(targetColumn[target.kind], "=", target.id)
    .where("id", "=", id)
    .executeTakeFirst();
}

export function findById(db: Db, id: string): Promise<InvitationRow | undefined> {
  return db.selectFrom("invitations").selectAll().where("id", "=", id).executeTakeFirst();
}

export function findByTokenHash(db: Db, tokenHash: string): Promise<InvitationRow | undefined> {
  return db.selectFrom("invitations").selectAll().where("token_hash", "=", tokenHash).executeTakeFirst();
}

/**
 * Invitations addressed to me: by my address (null: none counts, as long as it is unconfirmed), or
 * network invitations to organisations I administer.
 */
export async function listReceived(
  db: Db,
  email: string | null,
  adminOrganisationIds: string[],
): Promise<InvitationRow[]> {
  if (email === null && adminOrganisationIds.length === 0) {
    return [];
  }
  return db
    .selectFrom("invitations")
    .selectAll()
    .where((eb) =>
      eb.or([
        ...(email === null ? [] : [eb("email", "=", email)]),
        ...(adminOrganisationIds.length > 0
          ? [eb("invited_organisation_id", "in", adminOrganisationIds)]
          : []),
      ]),
    )
    .where("declined_at", "is", null)
    .orderBy("created_at", "desc")
    .execute();
}

/** Network invitations to one organisation, newest first. */
export function listForInvitedOrganisation(db: Db, organisationId: string): Promise<InvitationRow[]> {
  return db
    .selectFrom("invitations")
    .selectAll()
    .where("invited_organisation_id", "=", organisationId)
    .where("declined_at", "is", null)
    .orderBy("created_at", "desc")
    .execute();
}

/** Takes (deletes) an invitation; answers it only if it was still there, so it is used once. */
export function takeInvitation(db: Db, id: string): Promise<InvitationRow | undefined> {
  return db.deleteFrom("invitations").where("id", "=", id).returningAll().executeTakeFirst();
}

export async function deleteInvitation(db: Db, id: string): Promise<void> {
  await db.deleteFrom("invitations").where("id", "=", id).execute();
}

export async function markDeclined(db: Db, id: string, at: Date): Promise<void> {
  await db
    .updateTable("invitations")
    .set({ declined_at: at, token_hash: null })
    .where("id", "=", id)
    .execute();
}

/** A new token and expiry for a resent invitation. */
export function renewInvitation(
  db: Db,
  id: string,
  patch: { token_hash: string | null; expires_at: Date; declined_at: null; created_at: Date },
): Promise<InvitationRow | undefined> {
  return db.updateTable("invitations").set(patch).where("id", "=", id).returningAll().executeTakeFirst();
}

/** Names of the targets, for presenting invitations. */
export async function targetNames(db: Db, rows: InvitationRow[]): Promise<Map<string, string>> {
  const names = new Map<string, string>();
  const ids = (pick: (r: InvitationRow) => string | null) => [
    ...new Set(rows.map(pick).filter((v): v is string => v !== null)),
  ];
  const orgIds = [...new Set([...ids((r) => r.organisation_id), ...ids((r) => r.invited_organisation_id)])];
  const networkIds = ids((r) => r.network_id);
  const projectIds = ids((r) => r.project_id);
  if (orgIds.length) {
    for (const o of await db
      .selectFrom("organisations")
      .select(["id", "name"])
      .where("id", "in", orgIds)
      .execute()) {
      names.set(o.id, o.name);
    }
  }
  if (networkIds.length) {
    const rows = await db
      .selectFrom("networks as n")
      .innerJoin("organisations as o", "o.id", "n.coordinator_id")
      .select(["n.id", "n.name", "o.name as coordinator"])
      .where("n.id", "in", networkIds)
      .execute();
    for (const n of rows) {
      names.set(n.id, n.name);
      names.set(`coordinator:${n.id}`, n.coordinator);
    }
  }
  if (projectIds.length) {
    for (const p of await db
      .selectFrom("projects")
      .select(["id", "name"])
      .where("id", "in", projectIds)
      .execute()) {
      names.set(p.id, p.name);
    }
  }
  return names;
}
