import type { Db } from "@ensemble/db/db";

/**
 * What a person may read right now, as sets of ids: the live event stream filters every event
 * by these (events carry the project, organisation or network they are about). The rules are the
 * policy's `read` rules (policy.ts), stated for every resource at once, and mirror the visible-
 * projects query of the projects feature:
 * - a project: its members (a trashed project only its leads), the owners and admins of the
 *   owning organisation, and for a network project those of the network's coordinating one;
 * - an organisation: its members;
 * - a network: the members of its partner organisations (the coordinator is one of them).
 */
export interface ReadScopes {
  projects: ReadonlySet<string>;
  organisations: ReadonlySet<string>;
  networks: ReadonlySet<string>;
}

/** Where an event row points: exactly one of these is set in practice; none set reaches nobody. */
export interface ScopedRow {
  project_id: string | null;
  organisation_id: string | null;
  network_id: string | null;
  /** Addressed to this person only. */
  user_id: string | null;
}

const ADMIN_ROLES = ["owner", "admin"] as const;

/** The ids `userId` may read now, in one query (one indexed lookup per way in). */
export async function loadReadScopes(db: Db, userId: string): Promise<ReadScopes> {
  const rows = await db
    .selectFrom("project_members as pm")
    .innerJoin("projects as p", "p.id", "pm.project_id")
    .select((eb) => [eb.val("project").as("kind"), "p.id as id"])
    .where("pm.user_id", "=", userId)
    .where((eb) => eb.or([eb("p.deleted_at", "is", null), eb("pm.role", "=", "lead")]))
    .unionAll((eb) =>
      eb
        .selectFrom("organisation_members as adm")
        .innerJoin("projects as op", "op.organisation_id", "adm.organisation_id")
        .select((e) => [e.val("project").as("kind"), "op.id as id"])
        .where("adm.user_id", "=", userId)
        .where("adm.role", "in", ADMIN_ROLES),
    )
    .unionAll((eb) =>
      eb
        .selectFrom("organisation_members as coord")
        .innerJoin("networks as cn", "cn.coordinator_id", "coord.organisation_id")
        .innerJoin("projects as np", "np.network_id", "cn.id")
        .select((e) => [e.val("project").as("kind"), "np.id as id"])
        .where("coord.user_id", "=", userId)
        .where("coord.role", "in", ADMIN_ROLES),
    )
    .unionAll((eb) =>
      eb
        .selectFrom("organisation_members as om")
        .select((e) => [e.val("organisation").as("kind"), "om.organisation_id as id"])
        .where("om.user_id", "=", userId),
    )
    .unionAll((eb) =>
      eb
        .selectFrom("organisation_members as pom")
        .innerJoin("network_partners as np", "np.organisation_id", "pom.organisation_id")
        .select((e) => [e.val("network").as("kind"), "np.network_id as id"])
        .where("pom.user_id", "=", userId),
    )
    .execute();
  const projects = new Set<string>();
  const organisations = new Set<string>();
  const networks = new Set<string>();
  for (const row of rows) {
    const set = row.kind === "project" ? projects : row.kind === "organisation" ? organisations : networks;
    set.add(row.id);
  }
  return { projects, organisations, networks };
}

/** No access to anything (before the scopes are loaded). */
export const NO_SCOPES: ReadScopes = { projects: new Set(), organisations: new Set(), networks: new Set() };

/**
 * May `userId`, who may read `scopes`, receive this event? Every scope the row names must be
 * readable (an event addressed to a person and a project needs both); a row naming none reaches
 * nobody, so a malformed or internal row can never leak to everyone.
 */
export function mayReceive(scopes: ReadScopes, userId: string, row: ScopedRow): boolean {
  let named = false;
  if (row.user_id !== null) {
    named = true;
    if (row.user_id !== userId) {
      return false;
    }
  }
  if (row.project_id !== null) {
    named = true;
    if (!scopes.projects.has(row.project_id)) {
      return false;
    }
  }
  if (row.organisation_id !== null) {
    named = true;
    if (!scopes.organisations.has(row.organisation_id)) {
      return false;
    }
  }
  if (row.network_id !== null) {
    named = true;
    if (!scopes.networks.has(row.network_id)) {
      return false;
    }
  }
  return named;
}

/** Does a change to this scope (a revocation's) concern someone with these scopes? */
export function touchesScopes(scopes: ReadScopes, kind: string, id: string): boolean {
  switch (kind) {
    case "project":
      return scopes.projects.has(id);
    case "organisation":
      return scopes.organisations.has(id);
    case "network":
      return scopes.networks.has(id);
    default:
      return false;
  }
}
