import type pg from "pg";
import { generateKeyBetween } from "../../apps/api/node_modules/fractional-indexing/src/index.js";

/** A card's related data as the two formulations that aggregate per table join it (a, l, ci, cm). */
const AGGREGATES = `coalesce(a.assignees, '[]') as assignees,
       coalesce(l.label_ids, '[]') as label_ids,
       coalesce(ci.done, 0)::int as checklist_done,
       coalesce(ci.total, 0)::int as checklist_total,
       coalesce(cm.n, 0)::int as comment_count`;

/**
 * The reference for the board load: the board's open tasks with everything a card shows (their
 * assignees with names, label ids, checklist progress, comment count, whether they have a
 * description), read with ONE SQL statement through a plain `pg` connection, aggregated in SQL
 * (json_agg), in board order. No HTTP, session, access check or presenter: what the database
 * and the driver cost by themselves. The board's header (its columns, the project's labels and
 * members: a few dozen small rows) is not part of it, which only makes the reference faster.
 *
 * Each related table is aggregated once for the whole board and joined by task id (one pass
 * each), which was faster here than a correlated subquery per task and per table. Three
 * formulations are kept (below); the run measures the one that is fastest in its warm-up.
 */
export const RAW_BOARD_QUERY = `
with open_tasks as (
  -- not t.*: reading 2,000 descriptions (jsonb) would cost more than everything else here
  select t.id, t.project_id, t.board_id, t.column_id, t.position, t.title, t.priority, t.start_date,
         t.due_date, t.recurrence, t.completed_at, t.archived_at, t.created_at, t.updated_at,
         t.description is not null as has_description
  from tasks t where t.board_id = $1 and t.archived_at is null
),
a as (
  select a.task_id,
         json_agg(json_build_object('id', u.id, 'displayName', u.display_name) order by u.display_name) as assignees
  from task_assignees a
  join open_tasks t on t.id = a.task_id
  join users u on u.id = a.user_id
  group by a.task_id
),
l as (
  select l.task_id, json_agg(l.label_id) as label_ids
  from task_label_links l join open_tasks t on t.id = l.task_id
  group by l.task_id
),
ci as (
  select i.task_id, count(*) filter (where i.done) as done, count(*) as total
  from task_checklist_items i join open_tasks t on t.id = i.task_id
  group by i.task_id
),
cm as (
  select c.task_id, count(*) as n
  from task_comments c join open_tasks t on t.id = c.task_id
  group by c.task_id
)
select t.id, t.project_id, t.board_id, t.column_id, t.position, t.title, t.priority,
       t.start_date, t.due_date, t.recurrence, t.completed_at, t.archived_at, t.created_at, t.updated_at,
       t.has_description,
       ${AGGREGATES}
from open_tasks t
join board_columns bc on bc.id = t.column_id
left join a on a.task_id = t.id
left join l on l.task_id = t.id
left join ci on ci.task_id = t.id
left join cm on cm.task_id = t.id
order by bc.position, t.position`;

/**
 * The same rows with each related table aggregated in a subquery of its own, grouped by task id
 * and limited to the board's open tasks, joined to them: as the API's board statement reads the
 * cards (a CTE's rows carry no statistics, so the planner misjudges the joins of the first
 * formulation; grouped subqueries it knows give one row per task).
 */
export const RAW_BOARD_QUERY_GROUPED = `
select t.id, t.project_id, t.board_id, t.column_id, t.position, t.title, t.priority,
       t.start_date, t.due_date, t.recurrence, t.completed_at, t.archived_at, t.created_at, t.updated_at,
       t.description is not null as has_description,
       ${AGGREGATES}
from tasks t
join board_columns bc on bc.id = t.column_id
left join (
  select a.task_id,
         json_agg(json_build_object('id', u.id, 'displayName', u.display_name) order by u.display_name) as assignees
  from task_assignees a join tasks x on x.id = a.task_id join users u on u.id = a.user_id
  where x.board_id = $1 and x.archived_at is null
  group by a.task_id
) a on a.task_id = t.id
left join (
  select l.task_id, json_agg(l.label_id) as label_ids
  from task_label_links l join tasks x on x.id = l.task_id
  where x.board_id = $1 and x.archived_at is null
  group by l.task_id
) l on l.task_id = t.id
left join (
  select i.task_id, count(*) filter (where i.done) as done, count(*) as total
  from task_checklist_items i join tasks x on x.id = i.task_id
  where x.board_id = $1 and x.archived_at is null
  group by i.task_id
) ci on ci.task_id = t.id
left join (
  select c.task_id, count(*) as n
  from task_comments c join tasks x on x.id = c.task_id
  where x.board_id = $1 and x.archived_at is null
  group by c.task_id
) cm on cm.task_id = t.id
where t.board_id = $1 and t.archived_at is null
order by bc.position, t.position`;

/** The same rows with one correlated subquery per task and table (kept to compare plans). */
export const RAW_BOARD_QUERY_CORRELATED = `
select t.id, t.project_id, t.board_id, t.column_id, t.position, t.title, t.priority,
       t.start_date, t.due_date, t.recurrence, t.completed_at, t.archived_at, t.created_at, t.updated_at,
       t.description is not null as has_description,
       coalesce((select json_agg(json_build_object('id', u.id, 'displayName', u.display_name) order by u.display_name)
                 from task_assignees a join users u on u.id = a.user_id where a.task_id = t.id), '[]') as assignees,
       coalesce((select json_agg(l.label_id) from task_label_links l where l.task_id = t.id), '[]') as label_ids,
       (select count(*) filter (where i.done) from task_checklist_items i where i.task_id = t.id)::int as checklist_done,
       (select count(*) from task_checklist_items i where i.task_id = t.id)::int as checklist_total,
       (select count(*) from task_comments c where c.task_id = t.id)::int as comment_count
from tasks t
join board_columns bc on bc.id = t.column_id
where t.board_id = $1 and t.archived_at is null
order by bc.position, t.position`;

export interface RawTaskRow {
  id: string;
  column_id: string;
  position: string;
  assignees: { id: string; displayName: string }[];
  label_ids: string[];
  checklist_done: number;
  checklist_total: number;
  comment_count: number;
  has_description: boolean;
}

/** Runs the reference query once; returns its rows (parsed by `pg`, json columns included). */
export async function rawBoard(
  client: pg.Client,
  boardId: string,
  query = RAW_BOARD_QUERY,
): Promise<RawTaskRow[]> {
  const result = await client.query<RawTaskRow>(query, [boardId]);
  return result.rows;
}

/** One task's card, as the board query reads it (for the raw move's event). */
const RAW_CARD_QUERY = RAW_BOARD_QUERY_CORRELATED.replace(
  "where t.board_id = $1 and t.archived_at is null",
  "where t.id = $1",
);

/** Same number as EVENT_ORDER_LOCK in packages/events/src/log.ts (event ids in commit order). */
const EVENT_ORDER_LOCK = 7_231_004;

/**
 * The reference for a move: what the database has to do for one, through a plain `pg`
 * connection in one transaction: lock the task and its new neighbours and read their keys, find
 * the key that follows the one before (archived tasks keep theirs), write the task's row with a
 * key between them, log the activity, read the card for the event, append
 * the event under the event-order lock, commit. No HTTP, session or access check.
 */
export async function rawMove(
  client: pg.Client,
  move: { taskId: string; columnId: string; afterId: string | null; beforeId: string | null },
  actorId: string,
): Promise<void> {
  await client.query("begin");
  try {
    const ids = [move.taskId, move.afterId, move.beforeId].filter((v): v is string => v !== null);
    const locked = await client.query<{ id: string; position: string; column_id: string }>(
      "select id, position, column_id from tasks where id = any($1) order by id for update",
      [ids],
    );
    const key = (id: string | null): string | null =>
      id === null ? null : (locked.rows.find((r) => r.id === id)?.position ?? null);
    const before = locked.rows.find((r) => r.id === move.taskId);
    // The neighbours are open tasks; an archived task keeps its key in the column and may sit
    // between them, so the new key goes between `after` and the next key actually there.
    const low = key(move.afterId);
    const next = await client.query<{ position: string }>(
      low === null
        ? "select min(position) as position from tasks where column_id = $1 and id <> $2"
        : "select min(position) as position from tasks where column_id = $1 and id <> $2 and position > $3",
      low === null ? [move.columnId, move.taskId] : [move.columnId, move.taskId, low],
    );
    const high = next.rows[0]?.position ?? null;
    const position = generateKeyBetween(low, high);
    await client.query(
      "update tasks set column_id = $2, position = $3, updated_by = $4, updated_at = now() where id = $1",
      [move.taskId, move.columnId, position, actorId],
    );
    await client.query(
      "insert into task_activity (task_id, actor_id, kind, data) values ($1, $2, 'moved', $3)",
      [
        move.taskId,
        actorId,
        JSON.stringify({ fromColumn: before?.column_id ?? null, toColumn: move.columnId }),
      ],
    );
    const read = await client.query<Record<string, unknown>>(RAW_CARD_QUERY, [move.taskId]);
    const row = read.rows[0] ?? {};
    await client.query("select pg_advisory_xact_lock($1)", [EVENT_ORDER_LOCK]);
    await client.query(
      "insert into events (type, project_id, actor_id, data) values ('task.changed', $1, $2, $3)",
      [
        row.project_id,
        actorId,
        JSON.stringify({ projectId: row.project_id, boardId: row.board_id, task: card(row) }),
      ],
    );
    await client.query("commit");
  } catch (err) {
    await client.query("rollback").catch(() => undefined);
    throw err;
  }
}

/** A row of the reference queries as the `Task` contract (the live event's payload). */
function card(row: Record<string, unknown>): Record<string, unknown> {
  const iso = (v: unknown): string | null => (v instanceof Date ? v.toISOString() : null);
  return {
    id: row.id,
    projectId: row.project_id,
    boardId: row.board_id,
    columnId: row.column_id,
    position: row.position,
    title: row.title,
    priority: row.priority,
    startDate: row.start_date ?? null,
    dueDate: row.due_date ?? null,
    assignees: row.assignees,
    labelIds: row.label_ids,
    checklist: { done: row.checklist_done, total: row.checklist_total },
    commentCount: row.comment_count,
    hasDescription: row.has_description,
    recurrence: row.recurrence ?? null,
    completedAt: iso(row.completed_at),
    archivedAt: iso(row.archived_at),
    createdAt: iso(row.created_at),
    updatedAt: iso(row.updated_at),
  };
}
