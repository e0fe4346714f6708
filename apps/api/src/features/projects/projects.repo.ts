import type { Db } from "@ensemble/db/db";
import type { ProjectMembersTable, ProjectRow, ProjectsTable } from "@ensemble/db/schema";
import { type Insertable, sql, type Updateable } from "kysely";

type Role = ProjectMembersTable["role"];

/** A project row with the names a presenter needs and the caller's relation to it. */
export interface ProjectListRow extends ProjectRow {
  owner_name: string;
  my_role: Role | null;
  owner_admin: boolean;
  member_count: string;
}

export interface ProjectFilter {
  view: "active" | "archived" | "trash";
  organisationId?: string | undefined;
  networkId?: string | undefined;
}

/**
 * The projects the user can see: those they are a member of, the projects of organisations they
 * administer, and the projects of networks whose coordinating organisation they administer.
 */
function visibleProjects(db: Db, userId: string) {
  return db
    .selectFrom("projects as p")
    .leftJoin("project_members as pm", (j) =>
      j.onRef("pm.project_id", "=", "p.id").on("pm.user_id", "=", userId),
    )
    .leftJoin("organisation_members as om", (j) =>
      j
        .onRef("om.organisation_id", "=", "p.organisation_id")
        .on("om.user_id", "=", userId)
        .on("om.role", "in", ["owner", "admin"]),
    )
    .leftJoin("organisations as o", "o.id", "p.organisation_id")
    .leftJoin("networks as n", "n.id", "p.network_id")
    .leftJoin("organisation_members as cm", (j) =>
      j
        .onRef("cm.organisation_id", "=", "n.coordinator_id")
        .on("cm.user_id", "=", userId)
        .on("cm.role", "in", ["owner", "admin"]),
    )
    .selectAll("p")
    .select([
      sql<string>`coalesce(o.name, n.name)`.as("owner_name"),
      "pm.role as my_role",
      sql<boolean>`(om.user_id is not null or cm.user_id is not null)`.as("owner_admin"),
      (eb) =>
        eb
          .selectFrom("project_members as c")
          .select((e) => e.fn.countAll<string>().as("n"))
          .whereRef("c.project_id", "=", "p.id")
          .as("member_count"),
    ])
    .where("p.id", "in", (eb) =>
      // one indexed lookup per way in (my memberships; my administered organisations' projects),
      // so the projects table is read by primary key, never scanned
      eb
        .selectFrom("project_members as mine")
        .select("mine.project_id as id")
        .where("mine.user_id", "=", userId)
        .union(
          eb
            .selectFrom("organisation_members as adm")
            .innerJoin("projects as op", "op.organisation_id", "adm.organisation_id")
            .select("op.id")
            .where("adm.user_id", "=", userId)
            .where("adm.role", "in", ["owner", "admin"]),
        )
        .union(
          eb
            .selectFrom("organisation_members as coord")
            .innerJoin("networks as cn", "cn.coordinator_id", "coord.organisation_id")
            .innerJoin("projects as np", "np.network_id", "cn.id")
            .select("np.id")
            .where("coord.user_id", "=", userId)
            .where("coord.role", "in", ["owner", "admin"]),
        ),
    );
}

/** The user's projects in one view, optionally of one organisation or network, newest first. */
export function listVisible(db: Db, userId: string, filter: ProjectFilter): Promise<ProjectListRow[]> {
  let q = visibleProjects(db, userId);
  if (filter.organisationId) {
    q = q.where("p.organisation_id", "=", filter.organisationId);
  }
  if (filter.networkId) {
    q = q.where("p.network_id", "=", filter.networkId);
  }
  if (filter.view === "trash") {
    q = q
      .where("p.deleted_at", "is not", null)
      .where((eb) =>
        eb.or([
          eb("pm.role", "=", "lead"),
          eb("om.user_id", "is not", null),
          eb("cm.user_id", "is not", null),
        ]),
      );
  } else {
    q = q.where("p.deleted_at", "is", null);
    q =
      filter.view === "archived"
        ? q.where("p.archived_at", "is not", null)
        : q.where("p.archived_at", "is", null);
  }
  return q.orderBy(sql`lower(p.name)`).execute() as Promise<ProjectListRow[]>;
}

/** One project as the user sees it (the access check has run). */
export function findVisible(db: Db, userId: string, id: string): Promise<ProjectListRow | undefined> {
  return visibleProjects(db, userId).where("p.id", "=", id).executeTakeFirst() as Promise<
    ProjectListRow | undefined
  >;
}

export function findById(db: Db, id: string): Promise<ProjectRow | undefined> {
  return db.selectFrom("projects").selectAll().where("id", "=", id).executeTakeFirst();
}

export async function lockProject(db: Db, id: string): Promise<void> {
  await db.selectFrom("projects").select("id").where("id", "=", id).forNoKeyUpdate().execute();
}

export function insertProject(db: Db, values: Insertable<ProjectsTable>): Promise<ProjectRow> {
  return db.insertInto("projects").values(values).returningAll().executeTakeFirstOrThrow();
}

export function updateProject(
  db: Db,
  id: string,
  patch: Updateable<ProjectsTable>,
): Promise<ProjectRow | undefined> {
  return db.updateTable("projects").set(patch).where("id", "=", id).returningAll().executeTakeFirst();
}

export async function insertMember(
  db: Db,
  projectId: string,
  userId: string,
  role: Role,
  at: Date,
): Promise<void> {
  await db
    .insertInto("project_members")
    .values({ project_id: projectId, user_id: userId, role, created_at: at })
    .onConflict((oc) => oc.columns(["project_id", "user_id"]).doNothing())
    .execute();
}

/** Members with their accounts and the organisations each belongs to. */
export async function listMembers(db: Db, projectId: string) {
  const members = await db
    .selectFrom("project_members as pm")
    .innerJoin("users as u", "u.id", "pm.user_id")
    .select(["pm.user_id", "pm.role", "pm.created_at", "u.display_name", "u.email"])
    .where("pm.project_id", "=", projectId)
    .orderBy(sql`case pm.role when 'lead' then 0 when 'editor' then 1 else 2 end`)
    .orderBy(sql`lower(u.display_name)`)
    .execute();
  const ids = members.map((m) => m.user_id);
  const project = await db
    .selectFrom("projects")
    .select(["organisation_id", "network_id"])
    .where("id", "=", projectId)
    .executeTakeFirst();
  // Only the organisations that take part in the project (the owning organisation, or the
  // network's partners): a member's other memberships are none of the other members' business.
  const orgs =
    ids.length && project
      ? await db
          .selectFrom("organisation_members as om")
          .innerJoin("organisations as o", "o.id", "om.organisation_id")
          .select(["om.user_id", "o.id", "o.name"])
          .where("om.user_id", "in", ids)
          .where((eb) =>
            project.organisation_id
              ? eb("o.id", "=", project.organisation_id)
              : eb(
                  "o.id",
                  "in",
                  eb
                    .selectFrom("network_partners")
                    .select("organisation_id")
                    .where("network_id", "=", project.network_id ?? ""),
                ),
          )
          .orderBy(sql`lower(o.name)`)
          .execute()
      : [];
  return members.map((m) => ({
    ...m,
    organisations: orgs.filter((o) => o.user_id === m.user_id).map((o) => ({ id: o.id, name: o.name })),
  }));
}

export function findMember(db: Db, projectId: string, userId: string) {
  return db
    .selectFrom("project_members as pm")
    .innerJoin("users as u", "u.id", "pm.user_id")
    .select(["pm.user_id", "pm.role", "u.display_name"])
    .where("pm.project_id", "=", projectId)
    .where("pm.user_id", "=", userId)
    .executeTakeFirst();
}

export async function isMemberByEmail(db: Db, projectId: string, email: string): Promise<boolean> {
  const row = await db
    .selectFrom("project_members as pm")
    .innerJoin("users as u", "u.id", "pm.user_id")
    .select("pm.user_id")
    .where("pm.project_id", "=", projectId)
    .where("u.email", "=", email)
    .executeTakeFirst();
  return row !== undefined;
}

export async function countLeads(db: Db, projectId: string): Promise<number> {
  const row = await db
    .selectFrom("project_members")
    .select((eb) => eb.fn.countAll<string>().as("n"))
    .where("project_id", "=", projectId)
    .where("role", "=", "lead")
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function setRole(db: Db, projectId: string, userId: string, role: Role): Promise<void> {
  await db
    .updateTable("project_members")
    .set({ role })
    .where("project_id", "=", projectId)
    .where("user_id", "=", userId)
    .execute();
}

export async function deleteMember(db: Db, projectId: string, userId: string): Promise<void> {
  await db
    .deleteFrom("project_members")
    .where("project_id", "=", projectId)
    .where("user_id", "=", userId)
    .execute();
}

/** Trashed projects whose time is up, oldest first. */
export function listExpiredTrash(db: Db, before: Date, limit: number) {
  return db
    .selectFrom("projects")
    .select(["id", "name", "organisation_id", "network_id"])
    .where("deleted_at", "is not", null)
    .where("deleted_at", "<", before)
    .orderBy("deleted_at")
    .limit(limit)
    .execute();
}

export async function deleteProject(db: Db, id: string): Promise<void> {
  await db.deleteFrom("projects").where("id", "=", id).execute();
}

/**
 * Ends the memberships in network projects that came through partner organisations: for each
 * of `userIds`, in the given networks' projects, unless the person still belongs to a partner
 * organisation of that network. Returns what was removed.
 */
export async function deleteNetworkMembershipsWithoutPartner(
  db: Db,
  networkIds: string[],
  userIds: string[],
): Promise<{ project_id: string; user_id: string }[]> {
  if (networkIds.length === 0 || userIds.length === 0) {
    return [];
  }
  return db
    .deleteFrom("project_members as pm")
    .using("projects as p")
    .whereRef("p.id", "=", "pm.project_id")
    .where("p.network_id", "in", networkIds)
    .where("pm.user_id", "in", userIds)
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom("organisation_members as om")
            .innerJoin("network_partners as np", "np.organisation_id", "om.organisation_id")
            .select("om.user_id")
            .whereRef("np.network_id", "=", "p.network_id")
            .whereRef("om.user_id", "=", "pm.user_id"),
        ),
      ),
    )
    .returning(["pm.project_id", "pm.user_id"])
    .execute();
}

/** The networks an organisation is a partner in. */
export async function networksOf(db: Db, organisationId: string): Promise<string[]> {
  const rows = await db
    .selectFrom("network_partners")
    .select("network_id")
    .where("organisation_id", "=", organisationId)
    .execute();
  return rows.map((r) => r.network_id);
}

/** Share-locks a person's organisation memberships until the transaction ends. */
export async function shareLockMemberships(db: Db, userId: string): Promise<void> {
  await db
    .selectFrom("organisation_members")
    .select("organisation_id")
    .where("user_id", "=", userId)
    .forShare()
    .execute();
}
