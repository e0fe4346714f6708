import type { Db } from "@ensemble/db/db";
import type { TasksTable } from "@ensemble/db/schema";
import { type Insertable, type Selectable, sql, type Updateable } from "kysely";

export type TaskRow = Selectable<TasksTable>;

/** What every card reads of the task's own row, typed as the table has it. */
export type TaskCardFields = Pick<
  TaskRow,
  | "id"
  | "project_id"
  | "board_id"
  | "column_id"
  | "position"
  | "title"
  | "priority"
  | "start_date"
  | "due_date"
  | "recurrence"
>;

/** A task as a card: its own columns and, in the same query, what the card counts and links. */
export interface TaskCardRow extends TaskCardFields {
  completed_at: Date | null;
  archived_at: Date | null;
  created_at: Date;
  updated_at: Date;
  has_description: boolean;
  assignee_ids: string[];
  label_ids: string[];
  checklist_done: number;
  checklist_total: number;
  comment_count: number;
}

/**
 * Cards in one statement: the tasks' rows plus, per task, its assignees, labels, checklist
 * counts and comment count as correlated subqueries. Each is an index probe on the child table's
 * (task_id, …) key, so a board of 2,000 tasks costs one round trip, not 2,000.
 */
function cards(db: Db) {
  return db
    .selectFrom("tasks as t")
    .select([
      "t.id",
      "t.project_id",
      "t.board_id",
      "t.column_id",
      "t.position",
      "t.title",
      "t.priority",
      "t.start_date",
      "t.due_date",
      "t.recurrence",
      "t.completed_at",
      "t.archived_at",
      "t.created_at",
      "t.updated_at",
      sql<boolean>`t.description is not null`.as("has_description"),
      sql<
        string[]
      >`array(select a.user_id from task_assignees a where a.task_id = t.id order by a.user_id)`.as(
        "assignee_ids",
      ),
      sql<
        string[]
      >`array(select l.label_id from task_label_links l where l.task_id = t.id order by l.label_id)`.as(
        "label_ids",
      ),
      sql<number>`(select count(*) filter (where c.done)::int from task_checklist_items c where c.task_id = t.id)`.as(
        "checklist_done",
      ),
      sql<number>`(select count(*)::int from task_checklist_items c where c.task_id = t.id)`.as(
        "checklist_total",
      ),
      sql<number>`(select count(*)::int from task_comments k where k.task_id = t.id)`.as("comment_count"),
    ]);
}

/** A board's open (not archived) tasks as cards, in column and position order. */
export function boardCards(db: Db, boardId: string): Promise<TaskCardRow[]> {
  return cards(db)
    .where("t.board_id", "=", boardId)
    .where("t.archived_at", "is", null)
    .orderBy("t.column_id")
    .orderBy("t.position")
    .execute();
}

/** A board's archived tasks as cards, the most recently archived first. */
export function archivedCards(db: Db, boardId: string): Promise<TaskCardRow[]> {
  return cards(db)
    .where("t.board_id", "=", boardId)
    .where("t.archived_at", "is not", null)
    .orderBy("t.archived_at", "desc")
    .orderBy("t.id")
    .execute();
}

/** Some tasks as cards. */
export function cardsByIds(db: Db, ids: readonly string[]): Promise<TaskCardRow[]> {
  if (ids.length === 0) {
    return Promise.resolve([]);
  }
  return cards(db)
    .where("t.id", "in", [...ids])
    .execute();
}

/** A card for "My tasks", with where it is. */
export interface MyTaskRow extends TaskCardRow {
  project_name: string;
  board_name: string;
  column_name: string;
  column_is_done: boolean;
}

/**
 * The open tasks assigned to the user (not archived, not in a done column) in every active
 * project they can read: a member, or an admin of the owning organisation (for a network
 * project, of its coordinating organisation). Scoped here, in SQL; soonest due first.
 */
export function myCards(db: Db, userId: string): Promise<MyTaskRow[]> {
  return cards(db)
    .innerJoin("task_assignees as mine", (j) =>
      j.onRef("mine.task_id", "=", "t.id").on("mine.user_id", "=", userId),
    )
    .innerJoin("board_columns as col", "col.id", "t.column_id")
    .innerJoin("boards as b", "b.id", "t.board_id")
    .innerJoin("projects as p", "p.id", "t.project_id")
    .select([
      "p.name as project_name",
      "b.name as board_name",
      "col.name as column_name",
      "col.is_done as column_is_done",
    ])
    .where("t.archived_at", "is", null)
    .where("col.is_done", "=", false)
    .where("p.deleted_at", "is", null)
    .where("p.archived_at", "is", null)
    .where((eb) =>
      eb.or([
        eb.exists(
          eb
            .selectFrom("project_members as pm")
            .select("pm.user_id")
            .whereRef("pm.project_id", "=", "p.id")
            .where("pm.user_id", "=", userId),
        ),
        eb.exists(
          eb
            .selectFrom("organisation_members as om")
            .select("om.user_id")
            .whereRef("om.organisation_id", "=", "p.organisation_id")
            .where("om.user_id", "=", userId)
            .where("om.role", "in", ["owner", "admin"]),
        ),
        eb.exists(
          eb
            .selectFrom("networks as n")
            .innerJoin("organisation_members as cm", "cm.organisation_id", "n.coordinator_id")
            .select("cm.user_id")
            .whereRef("n.id", "=", "p.network_id")
            .where("cm.user_id", "=", userId)
            .where("cm.role", "in", ["owner", "admin"]),
        ),
      ]),
    )
    .orderBy(sql`t.due_date nulls last`)
    .orderBy(sql`lower(p.name)`)
    .orderBy("t.position")
    .orderBy("t.id")
    .execute() as Promise<MyTaskRow[]>;
}

/** Display names of people (those whose account is gone are left out). */
export async function namesOf(db: Db, ids: readonly string[]): Promise<Map<string, string>> {
  if (ids.length === 0) {
    return new Map();
  }
  const rows = await db
    .selectFrom("users")
    .select(["id", "display_name"])
    .where("id", "in", [...ids])
    .execute();
  return new Map(rows.map((r) => [r.id, r.display_name]));
}

/** One task's row (undefined: none). */
export function findTask(db: Db, id: string): Promise<TaskRow | undefined> {
  return db.selectFrom("tasks").selectAll().where("id", "=", id).executeTakeFirst();
}

/** Locks a task's row for a change and answers it (undefined: gone). */
export function lockTask(db: Db, id: string): Promise<TaskRow | undefined> {
  return db.selectFrom("tasks").selectAll().where("id", "=", id).forUpdate().executeTakeFirst();
}

export interface ColumnRow {
  id: string;
  board_id: string;
  name: string;
  position: string;
  is_done: boolean;
}

/** One column (undefined: none). */
export function findColumn(db: Db, id: string): Promise<ColumnRow | undefined> {
  return db
    .selectFrom("board_columns")
    .select(["id", "board_id", "name", "position", "is_done"])
    .where("id", "=", id)
    .executeTakeFirst();
}

/** A board's first column that is not a done column (where a repeating task's next one goes). */
export function firstOpenColumn(db: Db, boardId: string): Promise<ColumnRow | undefined> {
  return db
    .selectFrom("board_columns")
    .select(["id", "board_id", "name", "position", "is_done"])
    .where("board_id", "=", boardId)
    .where("is_done", "=", false)
    .orderBy("position")
    .orderBy("id")
    .limit(1)
    .executeTakeFirst();
}

/**
 * Locks columns (`select … for update`), one at a time in id order, so two transactions that
 * lock the same pair never wait on each other crosswise. Answers the locked rows by id.
 */
export async function lockColumns(db: Db, ids: readonly string[]): Promise<Map<string, ColumnRow>> {
  const out = new Map<string, ColumnRow>();
  for (const id of [...new Set(ids)].sort()) {
    const row = await db
      .selectFrom("board_columns")
      .select(["id", "board_id", "name", "position", "is_done"])
      .where("id", "=", id)
      .forUpdate()
      .executeTakeFirst();
    if (row) {
      out.set(id, row);
    }
  }
  return out;
}

export function insertTask(db: Db, values: Insertable<TasksTable>): Promise<TaskRow> {
  return db.insertInto("tasks").values(values).returningAll().executeTakeFirstOrThrow();
}

export async function updateTask(db: Db, id: string, patch: Updateable<TasksTable>): Promise<void> {
  await db.updateTable("tasks").set(patch).where("id", "=", id).execute();
}

export async function deleteTask(db: Db, id: string): Promise<void> {
  await db.deleteFrom("tasks").where("id", "=", id).execute();
}

/** A task's assignees' ids. */
export async function assigneesOf(db: Db, taskId: string): Promise<string[]> {
  const rows = await db
    .selectFrom("task_assignees")
    .select("user_id")
    .where("task_id", "=", taskId)
    .orderBy("user_id")
    .execute();
  return rows.map((r) => r.user_id);
}

export async function addAssignees(db: Db, taskId: string, userIds: readonly string[]): Promise<void> {
  if (userIds.length === 0) {
    return;
  }
  await db
    .insertInto("task_assignees")
    .values(userIds.map((user_id) => ({ task_id: taskId, user_id })))
    .onConflict((oc) => oc.doNothing())
    .execute();
}

export async function removeAssignees(db: Db, taskId: string, userIds: readonly string[]): Promise<void> {
  if (userIds.length === 0) {
    return;
  }
  await db
    .deleteFrom("task_assignees")
    .where("task_id", "=", taskId)
    .where("user_id", "in", [...userIds])
    .execute();
}

/** A task's labels' ids. */
export async function labelsOf(db: Db, taskId: string): Promise<string[]> {
  const rows = await db
    .selectFrom("task_label_links")
    .select("label_id")
    .where("task_id", "=", taskId)
    .orderBy("label_id")
    .execute();
  return rows.map((r) => r.label_id);
}

export async function addLabels(db: Db, taskId: string, labelIds: readonly string[]): Promise<void> {
  if (labelIds.length === 0) {
    return;
  }
  await db
    .insertInto("task_label_links")
    .values(labelIds.map((label_id) => ({ task_id: taskId, label_id })))
    .onConflict((oc) => oc.doNothing())
    .execute();
}

export async function removeLabels(db: Db, taskId: string, labelIds: readonly string[]): Promise<void> {
  if (labelIds.length === 0) {
    return;
  }
  await db
    .deleteFrom("task_label_links")
    .where("task_id", "=", taskId)
    .where("label_id", "in", [...labelIds])
    .execute();
}

/** Which of these people are members of the project. */
export async function projectMembersAmong(
  db: Db,
  projectId: string,
  ids: readonly string[],
): Promise<Set<string>> {
  if (ids.length === 0) {
    return new Set();
  }
  const rows = await db
    .selectFrom("project_members")
    .select("user_id")
    .where("project_id", "=", projectId)
    .where("user_id", "in", [...ids])
    .execute();
  return new Set(rows.map((r) => r.user_id));
}

/** Which of these labels belong to the project, with their names. */
export async function projectLabelsAmong(
  db: Db,
  projectId: string,
  ids: readonly string[],
): Promise<Map<string, string>> {
  if (ids.length === 0) {
    return new Map();
  }
  const rows = await db
    .selectFrom("task_labels")
    .select(["id", "name"])
    .where("project_id", "=", projectId)
    .where("id", "in", [...ids])
    .execute();
  return new Map(rows.map((r) => [r.id, r.name]));
}

export interface ChecklistRow {
  id: string;
  task_id: string;
  text: string;
  done: boolean;
  position: string;
}

/** A task's checklist in order. */
export function checklistOf(db: Db, taskId: string): Promise<ChecklistRow[]> {
  return db
    .selectFrom("task_checklist_items")
    .select(["id", "task_id", "text", "done", "position"])
    .where("task_id", "=", taskId)
    .orderBy("position")
    .execute();
}

/** One checklist item of a task (undefined: none there). */
export function findChecklistItem(db: Db, id: string): Promise<ChecklistRow | undefined> {
  return db
    .selectFrom("task_checklist_items")
    .select(["id", "task_id", "text", "done", "position"])
    .where("id", "=", id)
    .executeTakeFirst();
}

export async function countChecklist(db: Db, taskId: string): Promise<{ done: number; total: number }> {
  const row = await db
    .selectFrom("task_checklist_items")
    .select([
      sql<number>`count(*) filter (where done)::int`.as("done"),
      sql<number>`count(*)::int`.as("total"),
    ])
    .where("task_id", "=", taskId)
    .executeTakeFirstOrThrow();
  return { done: Number(row.done), total: Number(row.total) };
}

export async function insertChecklistItems(
  db: Db,
  rows: { id: string; task_id: string; text: string; done: boolean; position: string; created_at: Date }[],
): Promise<void> {
  if (rows.length === 0) {
    return;
  }
  await db.insertInto("task_checklist_items").values(rows).execute();
}

export async function updateChecklistItem(
  db: Db,
  id: string,
  patch: { text?: string; done?: boolean; position?: string },
): Promise<void> {
  await db.updateTable("task_checklist_items").set(patch).where("id", "=", id).execute();
}

export async function deleteChecklistItem(db: Db, id: string): Promise<void> {
  await db.deleteFrom("task_checklist_items").where("id", "=", id).execute();
}

/** The documents linked to a task that are not in the trash, by title. */
export function linkedDocuments(db: Db, taskId: string): Promise<{ id: string; title: string }[]> {
  return db
    .selectFrom("task_document_links as l")
    .innerJoin("documents as d", "d.id", "l.document_id")
    .select(["d.id", "d.title"])
    .where("l.task_id", "=", taskId)
    .where("d.deleted_at", "is", null)
    .orderBy(sql`lower(d.title)`)
    .orderBy("d.id")
    .execute();
}

/** A document of a project, share-locked so a trash waits for the link (undefined: none there). */
export function shareLockDocument(
  db: Db,
  projectId: string,
  id: string,
): Promise<{ id: string; title: string; deleted_at: Date | null } | undefined> {
  return db
    .selectFrom("documents")
    .select(["id", "title", "deleted_at"])
    .where("id", "=", id)
    .where("project_id", "=", projectId)
    .forShare()
    .executeTakeFirst();
}

/** Links a document; answers whether it was not linked before. */
export async function linkDocument(db: Db, taskId: string, documentId: string, at: Date): Promise<boolean> {
  const row = await db
    .insertInto("task_document_links")
    .values({ task_id: taskId, document_id: documentId, created_at: at })
    .onConflict((oc) => oc.columns(["task_id", "document_id"]).doNothing())
    .returning("task_id")
    .executeTakeFirst();
  return row !== undefined;
}

/** Unlinks a document; answers whether it was linked. */
export async function unlinkDocument(db: Db, taskId: string, documentId: string): Promise<boolean> {
  const rows = await db
    .deleteFrom("task_document_links")
    .where("task_id", "=", taskId)
    .where("document_id", "=", documentId)
    .returning("task_id")
    .execute();
  return rows.length > 0;
}

export interface ActivityInsert {
  task_id: string;
  actor_id: string | null;
  kind: string;
  data: Record<string, unknown>;
  created_at: Date;
}

export async function insertActivity(db: Db, rows: readonly ActivityInsert[]): Promise<void> {
  if (rows.length === 0) {
    return;
  }
  await db
    .insertInto("task_activity")
    .values(rows.map((r) => ({ ...r, data: JSON.stringify(r.data) })))
    .execute();
}

export interface ActivityRow {
  id: string;
  kind: string;
  actor_id: string | null;
  actor_name: string | null;
  data: unknown;
  created_at: Date;
}

/** A task's history, newest first (at most `limit` entries). */
export function activityOf(db: Db, taskId: string, limit: number): Promise<ActivityRow[]> {
  return db
    .selectFrom("task_activity as a")
    .leftJoin("users as u", "u.id", "a.actor_id")
    .select(["a.id", "a.kind", "a.actor_id", "u.display_name as actor_name", "a.data", "a.created_at"])
    .where("a.task_id", "=", taskId)
    .orderBy("a.id", "desc")
    .limit(limit)
    .execute();
}

/**
 * Has this task already made its next occurrence? (A repeat is made once per task: moving it out
 * of the done column and back must not make another.)
 */
export async function hasSuccessor(db: Db, task: { id: string; board_id: string; series_id: string | null }) {
  if (!task.series_id) {
    return false;
  }
  const row = await db
    .selectFrom("tasks as t")
    .innerJoin("task_activity as a", (j) => j.onRef("a.task_id", "=", "t.id").on("a.kind", "=", "created"))
    .select("t.id")
    .where("t.board_id", "=", task.board_id)
    .where("t.series_id", "=", task.series_id)
    .where(sql<boolean>`a.data->>'fromTaskId' = ${task.id}`)
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}

/** Archives every open task in these columns; answers the archived tasks' ids. */
export async function archiveInColumns(
  db: Db,
  columnIds: readonly string[],
  by: string,
  at: Date,
): Promise<string[]> {
  if (columnIds.length === 0) {
    return [];
  }
  const rows = await db
    .updateTable("tasks")
    .set({ archived_at: at, archived_by: by, updated_at: at, updated_by: by })
    .where("column_id", "in", [...columnIds])
    .where("archived_at", "is", null)
    .returning("id")
    .execute();
  return rows.map((r) => r.id);
}

/** Every task of a column (archived ones too), in position order. */
export function tasksInColumn(db: Db, columnId: string): Promise<TaskRow[]> {
  return db.selectFrom("tasks").selectAll().where("column_id", "=", columnId).orderBy("position").execute();
}

/** A board's project (undefined: no such board). */
export function findBoardHead(db: Db, id: string): Promise<{ id: string; project_id: string } | undefined> {
  return db.selectFrom("boards").select(["id", "project_id"]).where("id", "=", id).executeTakeFirst();
}

/** The ids of a board's done columns. */
export async function doneColumnIds(db: Db, boardId: string): Promise<string[]> {
  const rows = await db
    .selectFrom("board_columns")
    .select("id")
    .where("board_id", "=", boardId)
    .where("is_done", "=", true)
    .execute();
  return rows.map((r) => r.id);
}

/** A document of a project, trashed or not (undefined: none there). */
export function findDocument(
  db: Db,
  projectId: string,
  id: string,
): Promise<{ id: string; title: string } | undefined> {
  return db
    .selectFrom("documents")
    .select(["id", "title"])
    .where("id", "=", id)
    .where("project_id", "=", projectId)
    .executeTakeFirst();
}

/** Takes a project's row in share mode: an archive or trash of the project waits for this change. */
export async function shareLockProject(db: Db, projectId: string): Promise<void> {
  await db.selectFrom("projects").select("id").where("id", "=", projectId).forShare().execute();
}
