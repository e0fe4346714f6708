import type { Db } from "@ensemble/db/db";
import { sql } from "kysely";
import type { TaskCardFields } from "../tasks/tasks.repo.ts";

/** A board with its project's name and state, and how many of its tasks are open. */
export interface BoardRow {
  id: string;
  project_id: string;
  name: string;
  position: string;
  created_at: Date;
  updated_at: Date;
  open_tasks: number;
}

export interface BoardPageRow extends BoardRow {
  project_name: string;
  project_archived_at: Date | null;
  project_deleted_at: Date | null;
}

export interface ColumnRow {
  id: string;
  board_id: string;
  name: string;
  position: string;
  wip_limit: number | null;
  is_done: boolean;
}

export interface LabelRow {
  id: string;
  project_id: string;
  name: string;
  color: string;
}

const openTasks = sql<number>`(select count(*)::int from tasks t
  where t.board_id = b.id and t.archived_at is null and t.completed_at is null)`;

/** A project's boards in their order, with their open task counts. */
export function listBoards(db: Db, projectId: string): Promise<BoardRow[]> {
  return db
    .selectFrom("boards as b")
    .select([
      "b.id",
      "b.project_id",
      "b.name",
      "b.position",
      "b.created_at",
      "b.updated_at",
      openTasks.as("open_tasks"),
    ])
    .where("b.project_id", "=", projectId)
    .orderBy("b.position")
    .orderBy("b.created_at")
    .orderBy("b.id")
    .execute();
}

/** One board with its project's name and state (undefined: none). */
export function findBoardPage(db: Db, id: string): Promise<BoardPageRow | undefined> {
  return db
    .selectFrom("boards as b")
    .innerJoin("projects as p", "p.id", "b.project_id")
    .select([
      "b.id",
      "b.project_id",
      "b.name",
      "b.position",
      "b.created_at",
      "b.updated_at",
      openTasks.as("open_tasks"),
      "p.name as project_name",
      "p.archived_at as project_archived_at",
      "p.deleted_at as project_deleted_at",
    ])
    .where("b.id", "=", id)
    .executeTakeFirst();
}

/** A board's project (undefined: no such board). */
export function findBoardHead(db: Db, id: string): Promise<{ id: string; project_id: string } | undefined> {
  return db.selectFrom("boards").select(["id", "project_id"]).where("id", "=", id).executeTakeFirst();
}

/** Locks a board's row (its name, its columns' order and set) for a change. */
export function lockBoard(db: Db, id: string): Promise<{ id: string; project_id: string } | undefined> {
  return db
    .selectFrom("boards")
    .select(["id", "project_id"])
    .where("id", "=", id)
    .forNoKeyUpdate()
    .executeTakeFirst();
}

export async function insertBoard(
  db: Db,
  values: {
    id: string;
    project_id: string;
    name: string;
    position: string;
    created_by: string;
    created_at: Date;
    updated_at: Date;
  },
): Promise<void> {
  await db.insertInto("boards").values(values).execute();
}

export async function updateBoard(
  db: Db,
  id: string,
  patch: { name?: string; updated_at: Date },
): Promise<void> {
  await db.updateTable("boards").set(patch).where("id", "=", id).execute();
}

/** Deletes a board with its tasks (first, so no task ever points at a deleted column) and columns. */
export async function deleteBoard(db: Db, id: string): Promise<void> {
  await db.deleteFrom("tasks").where("board_id", "=", id).execute();
  await db.deleteFrom("boards").where("id", "=", id).execute();
}

const columnFields = ["id", "board_id", "name", "position", "wip_limit", "is_done"] as const;

/** A board's columns in their order. */
export function listColumns(db: Db, boardId: string): Promise<ColumnRow[]> {
  return db
    .selectFrom("board_columns")
    .select(columnFields)
    .where("board_id", "=", boardId)
    .orderBy("position")
    .orderBy("id")
    .execute();
}

export function findColumn(db: Db, id: string): Promise<ColumnRow | undefined> {
  return db.selectFrom("board_columns").select(columnFields).where("id", "=", id).executeTakeFirst();
}

/** Locks every column of a board, one at a time in id order (as every task move does). */
export async function lockColumnsOfBoard(db: Db, boardId: string): Promise<ColumnRow[]> {
  const ids = await db
    .selectFrom("board_columns")
    .select("id")
    .where("board_id", "=", boardId)
    .orderBy("id")
    .execute();
  const out: ColumnRow[] = [];
  for (const { id } of ids) {
    const row = await db
      .selectFrom("board_columns")
      .select(columnFields)
      .where("id", "=", id)
      .forUpdate()
      .executeTakeFirst();
    if (row) {
      out.push(row);
    }
  }
  return out.sort((a, b) =>
    a.position < b.position ? -1 : a.position > b.position ? 1 : a.id < b.id ? -1 : 1,
  );
}

export async function insertColumns(
  db: Db,
  rows: {
    id: string;
    board_id: string;
    name: string;
    position: string;
    wip_limit: number | null;
    is_done: boolean;
    created_at: Date;
  }[],
): Promise<void> {
  await db.insertInto("board_columns").values(rows).execute();
}

export async function updateColumn(
  db: Db,
  id: string,
  patch: { name?: string; wip_limit?: number | null; is_done?: boolean; position?: string },
): Promise<void> {
  await db.updateTable("board_columns").set(patch).where("id", "=", id).execute();
}

export async function deleteColumn(db: Db, id: string): Promise<void> {
  await db.deleteFrom("board_columns").where("id", "=", id).execute();
}

/** How many tasks (archived ones too) a column holds. */
export async function countTasksIn(db: Db, columnId: string): Promise<number> {
  const row = await db
    .selectFrom("tasks")
    .select(sql<number>`count(*)::int`.as("n"))
    .where("column_id", "=", columnId)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Marks a board changed (its columns or name). */
export async function touchBoard(db: Db, id: string, at: Date): Promise<void> {
  await db.updateTable("boards").set({ updated_at: at }).where("id", "=", id).execute();
}

/** The ids of a project's boards (label changes concern every one of them). */
export async function boardIdsOf(db: Db, projectId: string): Promise<string[]> {
  const rows = await db.selectFrom("boards").select("id").where("project_id", "=", projectId).execute();
  return rows.map((r) => r.id);
}

/** A project's labels by name. */
export function listLabels(db: Db, projectId: string): Promise<LabelRow[]> {
  return db
    .selectFrom("task_labels")
    .select(["id", "project_id", "name", "color"])
    .where("project_id", "=", projectId)
    .orderBy(sql`lower(name)`)
    .orderBy("id")
    .execute();
}

export function findLabel(db: Db, id: string): Promise<LabelRow | undefined> {
  return db
    .selectFrom("task_labels")
    .select(["id", "project_id", "name", "color"])
    .where("id", "=", id)
    .executeTakeFirst();
}

/** Locks a label's row for a change. */
export async function lockLabel(db: Db, id: string): Promise<LabelRow | undefined> {
  return db
    .selectFrom("task_labels")
    .select(["id", "project_id", "name", "color"])
    .where("id", "=", id)
    .forUpdate()
    .executeTakeFirst();
}

/** Is the name (case aside) taken by another label of the project? */
export async function labelNameTaken(
  db: Db,
  projectId: string,
  name: string,
  except?: string,
): Promise<boolean> {
  let q = db
    .selectFrom("task_labels")
    .select("id")
    .where("project_id", "=", projectId)
    .where(sql<boolean>`lower(name) = lower(${name})`);
  if (except) {
    q = q.where("id", "<>", except);
  }
  return (await q.executeTakeFirst()) !== undefined;
}

export async function countLabels(db: Db, projectId: string): Promise<number> {
  const row = await db
    .selectFrom("task_labels")
    .select(sql<number>`count(*)::int`.as("n"))
    .where("project_id", "=", projectId)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function insertLabel(db: Db, values: LabelRow & { created_at: Date }): Promise<void> {
  await db.insertInto("task_labels").values(values).execute();
}

export async function updateLabel(
  db: Db,
  id: string,
  patch: { name?: string; color?: string },
): Promise<void> {
  await db.updateTable("task_labels").set(patch).where("id", "=", id).execute();
}

export async function deleteLabel(db: Db, id: string): Promise<void> {
  await db.deleteFrom("task_labels").where("id", "=", id).execute();
}

/** The project's members (the people tasks can be assigned to), by name. */
export function listMembers(db: Db, projectId: string): Promise<{ id: string; display_name: string }[]> {
  return db
    .selectFrom("project_members as pm")
    .innerJoin("users as u", "u.id", "pm.user_id")
    .select(["u.id", "u.display_name"])
    .where("pm.project_id", "=", projectId)
    .orderBy(sql`lower(u.display_name)`)
    .orderBy("u.id")
    .execute();
}

/** Takes a project's row in share mode: an archive or trash of the project waits for this change. */
export async function shareLockProject(db: Db, projectId: string): Promise<void> {
  await db.selectFrom("projects").select("id").where("id", "=", projectId).forShare().execute();
}

/** People's names by id (ids without an account left out). */
export async function peopleNamed(
  db: Db,
  ids: readonly string[],
): Promise<{ id: string; display_name: string }[]> {
  if (ids.length === 0) {
    return [];
  }
  return db
    .selectFrom("users")
    .select(["id", "display_name"])
    .where("id", "in", [...ids])
    .execute();
}

/** An instant as `Date.prototype.toISOString` writes it (milliseconds truncated, as `pg` parses them). */
const isoOf = (column: string) =>
  sql.raw(`to_char(${column} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`);

/** A board's card as `boardCards` reads it: instants already ISO text, ids joined by commas. */
export interface BoardCardRow extends TaskCardFields {
  has_description: boolean;
  /** The assignees' user ids, comma-separated (null: none). */
  assignee_ids: string | null;
  /** The label ids in id order, comma-separated (null: none). */
  label_ids: string | null;
  checklist_done: number;
  checklist_total: number;
  comment_count: number;
  completed_at: string | null;
  created_at: string;
  updated_at: string;
}

/**
 * A board's open (not archived) tasks as cards in one statement, in column-id and position order:
 * the same cards as the tasks feature's `boardCards`, shaped to be cheap for the API to read.
 * With 2,000 cards the API's time went mostly to parsing rows, not to PostgreSQL: instants come
 * as the ISO text the contract carries (no Date per field and back), the ids of assignees and
 * labels as one comma-joined text each (ids hold no commas) instead of arrays to parse.
 *
 * Each related table is aggregated once for the board's open tasks (reached through the tasks'
 * board index, then each table's task index) and joined by task id, rather than probed with a
 * correlated subquery per task and table: 4 index passes instead of 8,000 probes, which took
 * PostgreSQL a fifth less time for 2,000 cards. They are grouped subqueries, not one CTE of the
 * board's tasks shared by all four: a CTE's rows carry no statistics, so the planner took every
 * join to multiply the rows (9 million estimated for 2,000), and the cost it gave crossed
 * `jit_above_cost`: with JIT on (PostgreSQL's default) the statement then took ten times longer.
 * Grouped by task id, each subquery is known to give one row per task.
 */
export async function boardCards(db: Db, boardId: string): Promise<BoardCardRow[]> {
  const open = sql`x.board_id = ${boardId} and x.archived_at is null`;
  const result = await sql<BoardCardRow>`
    select /* board cards: named so the query-plan test can tell it */
      t.id, t.project_id, t.board_id, t.column_id, t.position, t.title, t.priority,
      t.start_date, t.due_date, t.recurrence, t.description is not null as has_description,
      a.ids as assignee_ids,
      l.ids as label_ids,
      coalesce(ci.done, 0) as checklist_done,
      coalesce(ci.total, 0) as checklist_total,
      coalesce(cm.n, 0) as comment_count,
      ${isoOf("t.completed_at")} as completed_at,
      ${isoOf("t.created_at")} as created_at,
      ${isoOf("t.updated_at")} as updated_at
    from tasks t
    left join (
      select a.task_id, string_agg(a.user_id, ',') as ids
      from task_assignees a join tasks x on x.id = a.task_id where ${open} group by a.task_id
    ) a on a.task_id = t.id
    left join (
      select l.task_id, string_agg(l.label_id, ',' order by l.label_id) as ids
      from task_label_links l join tasks x on x.id = l.task_id where ${open} group by l.task_id
    ) l on l.task_id = t.id
    left join (
      select i.task_id, count(*) filter (where i.done)::int as done, count(*)::int as total
      from task_checklist_items i join tasks x on x.id = i.task_id where ${open} group by i.task_id
    ) ci on ci.task_id = t.id
    left join (
      select k.task_id, count(*)::int as n
      from task_comments k join tasks x on x.id = k.task_id where ${open} group by k.task_id
    ) cm on cm.task_id = t.id
    where t.board_id = ${boardId} and t.archived_at is null
    order by t.column_id, t.position`.execute(db);
  return result.rows;
}
