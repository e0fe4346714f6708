import { randomUUID } from "node:crypto";
import { authorizeBoard, authorizeChecklistItem, authorizeTask } from "@ensemble/access/authorize";
import { type Actor, can, type TaskSubject } from "@ensemble/access/policy";
import {
  type CreateChecklistItemInput,
  type CreateTaskInput,
  MAX_CHECKLIST_ITEMS,
  type MoveChecklistItemInput,
  type MoveTaskInput,
  type MyTask,
  type Task,
  type TaskActivity,
  type TaskDetail,
  type UpdateChecklistItemInput,
  type UpdateTaskInput,
} from "@ensemble/contracts/boards";
import { AppError } from "@ensemble/contracts/errors";
import type { Db } from "@ensemble/db/db";
import { normalizeJson, sanitizeJson } from "@ensemble/editor/convert";
import { appendEvents, type NewEvent } from "@ensemble/events/log";
import type { z } from "zod";
import type { AppDeps } from "../../deps.ts";
import type { Caller } from "../../lib/caller.ts";
import { assertValidKey, keyFor, keysAtEnd, type OrderedList } from "../../lib/ordering.ts";
import { people, presentActivity, presentCard, presentDetail, presentMyTask } from "./tasks.presenter.ts";
import { anchorOf, nextDates, normalizeRecurrence, upcomingOccurrences } from "./tasks.recurrence.ts";
import * as repo from "./tasks.repo.ts";

type CreateInput = z.output<typeof CreateTaskInput>;
type UpdateInput = z.output<typeof UpdateTaskInput>;
type MoveInput = z.output<typeof MoveTaskInput>;
type ItemInput = z.output<typeof CreateChecklistItemInput>;
type ItemUpdate = z.output<typeof UpdateChecklistItemInput>;
type ItemMove = z.output<typeof MoveChecklistItemInput>;

/** The most entries a task's history answers (newest first). */
const ACTIVITY_LIMIT = 500;

// ---------------------------------------------------------------------------------------------
// Writing: one transaction per change, its live events appended last, notify after the commit
// ---------------------------------------------------------------------------------------------

/** What a change touched, for its live events (collected while it runs, appended at its end). */
export class Changes {
  readonly tasks = new Set<string>();
  readonly removedTasks: { taskId: string; boardId: string; projectId: string }[] = [];
  readonly boards = new Map<string, string>();
  readonly removedBoards = new Map<string, string>();

  /** A board's name, columns or labels changed (or many of its tasks at once). */
  board(boardId: string, projectId: string): void {
    this.boards.set(boardId, projectId);
  }

  any(): boolean {
    return this.tasks.size + this.removedTasks.length + this.boards.size + this.removedBoards.size > 0;
  }
}

/** A read went stale before its lock was taken: run the whole transaction again. */
class Stale extends Error {}

const RETRIES = 3;

/** May the transaction simply run again? (A stale read, a deadlock, or a position taken.) */
function retryable(err: unknown, attempt: number): boolean {
  if (err instanceof Stale) {
    return true;
  }
  const code = (err as { code?: unknown } | null)?.code;
  // 40P01 deadlock, 40001 serialization failure: PostgreSQL rolled back, the retry sees the winner
  if (code === "40P01" || code === "40001") {
    return true;
  }
  // 23505 on a position index: the last line of defence; the retry takes a fresh key (once)
  const constraint = String((err as { constraint?: unknown }).constraint ?? "");
  return (
    code === "23505" &&
    attempt === 0 &&
    (constraint === "" || /column_position|checklist_items_task/.test(constraint))
  );
}

/** The live events of a change: each changed task as its card, removals, board changes. */
async function eventsOf(tx: Db, actorId: string, changes: Changes): Promise<NewEvent[]> {
  const events: NewEvent[] = [];
  const removed = new Set(changes.removedTasks.map((r) => r.taskId));
  const cards = await repo.cardsByIds(
    tx,
    [...changes.tasks].filter((id) => !removed.has(id)),
  );
  const names = await repo.namesOf(tx, [...new Set(cards.flatMap((c) => c.assignee_ids))]);
  for (const card of cards) {
    events.push({
      type: "task.changed",
      actorId,
      projectId: card.project_id,
      data: { projectId: card.project_id, boardId: card.board_id, task: presentCard(card, names) },
    });
  }
  for (const r of changes.removedTasks) {
    events.push({
      type: "task.removed",
      actorId,
      projectId: r.projectId,
      data: { projectId: r.projectId, boardId: r.boardId, taskId: r.taskId },
    });
  }
  for (const [boardId, projectId] of changes.boards) {
    if (!changes.removedBoards.has(boardId)) {
      events.push({ type: "board.changed", actorId, projectId, data: { projectId, boardId } });
    }
  }
  for (const [boardId, projectId] of changes.removedBoards) {
    events.push({ type: "board.removed", actorId, projectId, data: { projectId, boardId } });
  }
  return events;
}

/**
 * Runs a change in one transaction: `work` locks, checks and writes, noting what it touched in
 * `changes`; the live events are appended as the transaction's last statement and the streams
 * are woken after the commit. A stale read, a deadlock or a taken position runs it again (with
 * `attempt` > 0 the client's proposed position is no longer used).
 */
export async function write<T>(
  deps: AppDeps,
  actorId: string,
  work: (tx: Db, changes: Changes, attempt: number) => Promise<T>,
): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    const changes = new Changes();
    try {
      const result = await deps.db.transaction().execute(async (tx) => {
        const value = await work(tx, changes, attempt);
        await appendEvents(tx, await eventsOf(tx, actorId, changes));
        return value;
      });
      if (changes.any()) {
        deps.events.notify();
      }
      return result;
    } catch (err) {
      if (attempt < RETRIES && retryable(err, attempt)) {
        continue;
      }
      throw err;
    }
  }
}

/** Appends entries to tasks' histories (for the features that change tasks from outside). */
export async function recordActivity(tx: Db, rows: readonly repo.ActivityInsert[]): Promise<void> {
  await repo.insertActivity(tx, rows);
}

// ---------------------------------------------------------------------------------------------
// Input checks (422 with field codes; run inside the transaction, before anything is written)
// ---------------------------------------------------------------------------------------------

function invalid(field: string, code: string, message: string): AppError {
  return new AppError("validation_failed", message, { fields: { [field]: code } });
}

/** The calendar day of an instant (UTC), e.g. "today" for a task without dates. */
export function dayOf(at: Date): string {
  return at.toISOString().slice(0, 10);
}

function checkDates(start: string | null, due: string | null): void {
  if (start && due && start > due) {
    throw invalid("dueDate", "before_start", "The due date lies before the start date.");
  }
}

/** The assignees once each; every one must be a member of the project. */
async function checkAssignees(tx: Db, projectId: string, ids: readonly string[]): Promise<string[]> {
  const unique = [...new Set(ids)];
  const members = await repo.projectMembersAmong(tx, projectId, unique);
  if (unique.some((id) => !members.has(id))) {
    throw invalid("assigneeIds", "not_a_member", "Tasks can only be assigned to members of the project.");
  }
  return unique;
}

/** The labels once each, with their names; every one must be a label of the project. */
async function checkLabels(tx: Db, projectId: string, ids: readonly string[]): Promise<Map<string, string>> {
  const unique = [...new Set(ids)];
  const labels = await repo.projectLabelsAmong(tx, projectId, unique);
  if (unique.some((id) => !labels.has(id))) {
    throw invalid("labelIds", "not_found", "A label is not one of the project's labels.");
  }
  return labels;
}

function isBlank(doc: { content?: { type?: string; content?: unknown[] }[] }): boolean {
  return (doc.content ?? []).every((n) => n.type === "paragraph" && (n.content ?? []).length === 0);
}

/**
 * A description as stored: Tiptap JSON with only what the document schema knows (unsafe links and
 * unknown nodes dropped, as for documents), null for an empty one. Not a document: 422.
 */
export function cleanDescription(value: Record<string, unknown> | null | undefined): string | null {
  if (value === null || value === undefined) {
    return null;
  }
  let clean: ReturnType<typeof normalizeJson>;
  try {
    clean = normalizeJson(sanitizeJson(value as Parameters<typeof sanitizeJson>[0]));
  } catch {
    throw invalid("description", "invalid_document", "The description is not a document.");
  }
  return isBlank(clean as Parameters<typeof isBlank>[0]) ? null : JSON.stringify(clean);
}

const columnList = (columnId: string): OrderedList => ({
  table: "tasks",
  scopeColumn: "column_id",
  scopeId: columnId,
});

const checklistList = (taskId: string): OrderedList => ({
  table: "task_checklist_items",
  scopeColumn: "task_id",
  scopeId: taskId,
});

// ---------------------------------------------------------------------------------------------
// Reading
// ---------------------------------------------------------------------------------------------

/** Cards by their rows, with the assignees' names (one query for all of them). */
async function presentCards(db: Db, rows: readonly repo.TaskCardRow[]): Promise<Task[]> {
  const names = await repo.namesOf(db, [...new Set(rows.flatMap((r) => r.assignee_ids))]);
  return rows.map((r) => presentCard(r, names));
}

/** A board's open (not archived) tasks as cards: for the board service (access already checked). */
export async function boardTasks(db: Db, boardId: string): Promise<Task[]> {
  return presentCards(db, await repo.boardCards(db, boardId));
}

/** What the caller may do with a task. */
function taskAbilities(actor: Actor, subject: TaskSubject) {
  return { edit: can(actor, "edit", subject), comment: can(actor, "comment", subject) };
}

/** A task with everything its detail view shows (access already checked). */
async function detail(deps: AppDeps, caller: Caller, subject: TaskSubject): Promise<TaskDetail> {
  const db = deps.db;
  const [card] = await repo.cardsByIds(db, [subject.id]);
  const row = await repo.findTask(db, subject.id);
  if (!card || !row) {
    throw new AppError("not_found", "There is no such task.");
  }
  const [checklist, documents] = await Promise.all([
    repo.checklistOf(db, subject.id),
    repo.linkedDocuments(db, subject.id),
  ]);
  const ids = [...card.assignee_ids, row.created_by, row.updated_by].filter((id): id is string => !!id);
  const names = await repo.namesOf(db, [...new Set(ids)]);
  return presentDetail({
    card,
    row,
    checklist,
    documents,
    names,
    nextOccurrences: row.recurrence
      ? upcomingOccurrences(row.recurrence, anchorOf(row, dayOf(deps.now())), 3)
      : [],
    abilities: taskAbilities(caller.actor, subject),
  });
}

/** One task with its checklist, documents and what the caller may do (everyone who reads the project). */
export async function getTask(deps: AppDeps, caller: Caller, id: string): Promise<TaskDetail> {
  const subject = await authorizeTask(deps.db, caller.actor, "read", id);
  return detail(deps, caller, subject);
}

/** A task's history, newest first. */
export async function listActivity(deps: AppDeps, caller: Caller, id: string): Promise<TaskActivity[]> {
  await authorizeTask(deps.db, caller.actor, "read", id);
  return (await repo.activityOf(deps.db, id, ACTIVITY_LIMIT)).map(presentActivity);
}

/** A board's archived tasks, the most recently archived first. */
export async function listArchived(deps: AppDeps, caller: Caller, boardId: string): Promise<Task[]> {
  await authorizeBoard(deps.db, caller.actor, "read", boardId);
  return presentCards(deps.db, await repo.archivedCards(deps.db, boardId));
}

/** "My tasks": the open tasks assigned to the caller in every active project they can read. */
export async function myTasks(deps: AppDeps, caller: Caller): Promise<MyTask[]> {
  const rows = await repo.myCards(deps.db, caller.user.id);
  const names = await repo.namesOf(deps.db, [...new Set(rows.flatMap((r) => r.assignee_ids))]);
  return rows.map((r) => presentMyTask(r, names));
}

// ---------------------------------------------------------------------------------------------
// Locking helpers: project (share) → board → columns (id order) → task, everywhere
// ---------------------------------------------------------------------------------------------

/**
 * Loads a task, share-locks its project and checks the action. The task's row is not locked yet:
 * callers that move it lock its columns first, then the task (the order every writer keeps).
 */
export async function openTask(
  tx: Db,
  actor: Actor,
  action: "edit" | "comment",
  id: string,
): Promise<{ subject: TaskSubject; head: repo.TaskRow }> {
  const head = await repo.findTask(tx, id);
  if (!head) {
    throw new AppError("not_found", "There is no such task.");
  }
  await repo.shareLockProject(tx, head.project_id);
  const subject = await authorizeTask(tx, actor, action, id);
  return { subject, head };
}

/** Locks the task after its columns; a task that moved meanwhile makes the transaction run again. */
async function lockTaskIn(tx: Db, id: string, expectedColumn?: string): Promise<repo.TaskRow> {
  const task = await repo.lockTask(tx, id);
  if (!task) {
    throw new AppError("not_found", "There is no such task.");
  }
  if (expectedColumn !== undefined && task.column_id !== expectedColumn) {
    throw new Stale();
  }
  return task;
}

// ---------------------------------------------------------------------------------------------
// Completion and repetition
// ---------------------------------------------------------------------------------------------

/**
 * Makes the next occurrence of a repeating task that was just done, once: in the board's first
 * column that is not a done column (which the caller has locked), at its end, with the dates
 * moved to the rule's next date, the same title, description, assignees (those still members),
 * labels and checklist (unticked), in the same series. Nothing when the rule has no next date or
 * the task already made its next one (moved out of the done column and back).
 */
async function repeat(
  tx: Db,
  changes: Changes,
  task: repo.TaskRow,
  open: repo.ColumnRow | undefined,
  actorId: string,
  now: Date,
): Promise<string | null> {
  if (!task.recurrence || !open) {
    return null;
  }
  const seriesId = task.series_id ?? task.id;
  if (await repo.hasSuccessor(tx, { id: task.id, board_id: task.board_id, series_id: seriesId })) {
    return null;
  }
  const dates = nextDates(task.recurrence, task, dayOf(now));
  if (!dates) {
    return null;
  }
  if (!task.series_id) {
    await repo.updateTask(tx, task.id, { series_id: seriesId });
  }
  const [position] = await keysAtEnd(tx, columnList(open.id), 1);
  const id = randomUUID();
  await repo.insertTask(tx, {
    id,
    project_id: task.project_id,
    board_id: task.board_id,
    column_id: open.id,
    position: position as string,
    title: task.title,
    description: task.description === null ? null : JSON.stringify(task.description),
    priority: task.priority,
    start_date: dates.start_date,
    due_date: dates.due_date,
    recurrence: task.recurrence,
    series_id: seriesId,
    created_by: actorId,
    updated_by: actorId,
    created_at: now,
    updated_at: now,
  });
  const assignees = await repo.assigneesOf(tx, task.id);
  const stillMembers = await repo.projectMembersAmong(tx, task.project_id, assignees);
  await repo.addAssignees(
    tx,
    id,
    assignees.filter((a) => stillMembers.has(a)),
  );
  await repo.addLabels(tx, id, await repo.labelsOf(tx, task.id));
  const items = await repo.checklistOf(tx, task.id);
  await repo.insertChecklistItems(
    tx,
    items.map((item) => ({
      id: randomUUID(),
      task_id: id,
      text: item.text,
      done: false,
      position: item.position,
      created_at: now,
    })),
  );
  await repo.insertActivity(tx, [
    { task_id: id, actor_id: actorId, kind: "created", data: { fromTaskId: task.id }, created_at: now },
  ]);
  changes.tasks.add(id);
  changes.tasks.add(task.id);
  return id;
}

/**
 * What moving a task from one column to another means beyond its place: arriving in a done
 * column completes it (and a repeating task makes its next one), leaving one reopens it. Answers
 * the patch for the task's row and appends its history.
 */
export async function crossColumns(
  tx: Db,
  changes: Changes,
  task: repo.TaskRow,
  from: repo.ColumnRow,
  to: repo.ColumnRow,
  open: repo.ColumnRow | undefined,
  actorId: string,
  now: Date,
): Promise<{ completed_at?: Date | null }> {
  const activity: repo.ActivityInsert[] = [];
  const patch: { completed_at?: Date | null } = {};
  if (from.id !== to.id) {
    activity.push({
      task_id: task.id,
      actor_id: actorId,
      kind: "moved",
      data: { fromColumn: from.name, toColumn: to.name },
      created_at: now,
    });
  }
  if (!from.is_done && to.is_done) {
    patch.completed_at = now;
    activity.push({ task_id: task.id, actor_id: actorId, kind: "completed", data: {}, created_at: now });
  } else if (from.is_done && !to.is_done) {
    patch.completed_at = null;
    activity.push({ task_id: task.id, actor_id: actorId, kind: "reopened", data: {}, created_at: now });
  }
  await repo.insertActivity(tx, activity);
  if (!from.is_done && to.is_done && !task.archived_at) {
    await repeat(tx, changes, task, open, actorId, now);
  }
  return patch;
}

/**
 * Moves every task of a column (archived ones too, in their order) to the end of another column
 * of the board, for deleting the column. The caller holds the board's lock and both columns'
 * (and the board's first open column, for repeats).
 */
export async function moveAllTasks(
  tx: Db,
  changes: Changes,
  from: repo.ColumnRow,
  to: repo.ColumnRow,
  open: repo.ColumnRow | undefined,
  actorId: string,
  now: Date,
): Promise<number> {
  const tasks = await repo.tasksInColumn(tx, from.id);
  if (tasks.length === 0) {
    return 0;
  }
  const keys = await keysAtEnd(tx, columnList(to.id), tasks.length);
  for (const [i, task] of tasks.entries()) {
    await repo.lockTask(tx, task.id);
    const patch = await crossColumns(tx, changes, task, from, to, open, actorId, now);
    await repo.updateTask(tx, task.id, {
      ...patch,
      column_id: to.id,
      position: keys[i] as string,
      updated_at: now,
      updated_by: actorId,
    });
    changes.tasks.add(task.id);
  }
  return tasks.length;
}

/**
 * A column became a done column (or stopped being one): its open tasks are completed (repeating
 * ones make their next) or reopened, as if each had been moved there. The caller holds the
 * board's lock and the board's columns' locks.
 */
export async function columnDoneChanged(
  tx: Db,
  changes: Changes,
  column: repo.ColumnRow,
  isDone: boolean,
  open: repo.ColumnRow | undefined,
  actorId: string,
  now: Date,
): Promise<void> {
  const tasks = (await repo.tasksInColumn(tx, column.id)).filter((t) => !t.archived_at);
  const before = { ...column, is_done: !isDone };
  const after = { ...column, is_done: isDone };
  for (const task of tasks) {
    await repo.lockTask(tx, task.id);
    const patch = await crossColumns(tx, changes, task, before, after, open, actorId, now);
    await repo.updateTask(tx, task.id, { ...patch, updated_at: now, updated_by: actorId });
    changes.tasks.add(task.id);
  }
}

// ---------------------------------------------------------------------------------------------
// Tasks
// ---------------------------------------------------------------------------------------------

/** Creates a task in a column of the board (editors and leads), at the end unless placed. */
export async function createTask(
  deps: AppDeps,
  caller: Caller,
  boardId: string,
  input: CreateInput,
): Promise<TaskDetail> {
  checkDates(input.startDate ?? null, input.dueDate ?? null);
  const id = randomUUID();
  const subject = await write(deps, caller.user.id, async (tx, changes) => {
    const board = await repo.findBoardHead(tx, boardId);
    if (!board) {
      throw new AppError("not_found", "There is no such board.");
    }
    await repo.shareLockProject(tx, board.project_id);
    const boardSubject = await authorizeBoard(tx, caller.actor, "edit", boardId);
    const column = await repo.findColumn(tx, input.columnId);
    if (!column || column.board_id !== boardId) {
      throw invalid("columnId", "not_found", "The column is not one of the board's.");
    }
    const assignees = await checkAssignees(tx, board.project_id, input.assigneeIds ?? []);
    const labels = await checkLabels(tx, board.project_id, input.labelIds ?? []);
    const now = deps.now();
    const start = input.startDate ?? null;
    const due = input.dueDate ?? null;
    const recurrence = input.recurrence
      ? normalizeRecurrence(input.recurrence, due ?? start ?? dayOf(now))
      : null;
    const description = cleanDescription(input.description);
    await repo.lockColumns(tx, [column.id]);
    const position = await keyFor(tx, columnList(column.id), input);
    await repo.insertTask(tx, {
      id,
      project_id: board.project_id,
      board_id: boardId,
      column_id: column.id,
      position,
      title: input.title,
      description,
      priority: input.priority ?? "none",
      start_date: start,
      due_date: due,
      recurrence,
      series_id: recurrence ? id : null,
      completed_at: column.is_done ? now : null,
      created_by: caller.user.id,
      updated_by: caller.user.id,
      created_at: now,
      updated_at: now,
    });
    await repo.addAssignees(tx, id, assignees);
    await repo.addLabels(tx, id, [...labels.keys()]);
    await repo.insertActivity(tx, [
      { task_id: id, actor_id: caller.user.id, kind: "created", data: {}, created_at: now },
    ]);
    changes.tasks.add(id);
    const task: TaskSubject = { kind: "task", id, boardId, project: boardSubject.project };
    return task;
  });
  return detail(deps, caller, subject);
}

/**
 * Changes a task's fields (editors and leads): each change is recorded in its history; a
 * request that changes nothing writes nothing. Only people newly assigned must be members (one
 * who left the project may stay assigned until someone removes them).
 */
export async function updateTask(
  deps: AppDeps,
  caller: Caller,
  id: string,
  patch: UpdateInput,
): Promise<TaskDetail> {
  const subject = await write(deps, caller.user.id, async (tx, changes) => {
    const { subject } = await openTask(tx, caller.actor, "edit", id);
    const task = await lockTaskIn(tx, id);
    const projectId = task.project_id;
    const now = deps.now();
    const actorId = caller.user.id;
    const start = patch.startDate !== undefined ? patch.startDate : task.start_date;
    const due = patch.dueDate !== undefined ? patch.dueDate : task.due_date;
    checkDates(start, due);

    const set: Parameters<typeof repo.updateTask>[2] = {};
    const activity: repo.ActivityInsert[] = [];
    const log = (kind: string, data: Record<string, unknown> = {}) =>
      activity.push({ task_id: id, actor_id: actorId, kind, data, created_at: now });

    if (patch.title !== undefined && patch.title !== task.title) {
      set.title = patch.title;
      log("renamed", { from: task.title, to: patch.title });
    }
    if (patch.startDate !== undefined && patch.startDate !== task.start_date) {
      set.start_date = patch.startDate;
      log("start_changed", { from: task.start_date, to: patch.startDate });
    }
    if (patch.dueDate !== undefined && patch.dueDate !== task.due_date) {
      set.due_date = patch.dueDate;
      log("due_changed", { from: task.due_date, to: patch.dueDate });
    }
    if (patch.priority !== undefined && patch.priority !== task.priority) {
      set.priority = patch.priority;
      log("priority_changed", { from: task.priority, to: patch.priority });
    }
    if (patch.description !== undefined) {
      const description = cleanDescription(patch.description);
      if (description !== (task.description === null ? null : JSON.stringify(task.description))) {
        set.description = description;
        log("description_changed");
      }
    }
    if (patch.recurrence !== undefined) {
      const recurrence =
        patch.recurrence === null ? null : normalizeRecurrence(patch.recurrence, due ?? start ?? dayOf(now));
      if (recurrence !== task.recurrence) {
        set.recurrence = recurrence;
        if (recurrence && !task.series_id) {
          set.series_id = id;
        }
        log("recurrence_changed", { from: task.recurrence, to: recurrence });
      }
    }
    if (patch.assigneeIds !== undefined) {
      const current = await repo.assigneesOf(tx, id);
      const wanted = [...new Set(patch.assigneeIds)];
      const added = wanted.filter((a) => !current.includes(a));
      const removed = current.filter((a) => !wanted.includes(a));
      await checkAssignees(tx, projectId, added);
      const names = await repo.namesOf(tx, [...added, ...removed]);
      await repo.removeAssignees(tx, id, removed);
      await repo.addAssignees(tx, id, added);
      for (const person of people(added, names)) {
        log("assigned", { person });
      }
      for (const person of people(removed, names)) {
        log("unassigned", { person });
      }
    }
    if (patch.labelIds !== undefined) {
      const current = await repo.labelsOf(tx, id);
      const wanted = [...new Set(patch.labelIds)];
      const labels = await checkLabels(tx, projectId, [...wanted, ...current]);
      const added = wanted.filter((l) => !current.includes(l));
      const removed = current.filter((l) => !wanted.includes(l));
      await repo.removeLabels(tx, id, removed);
      await repo.addLabels(tx, id, added);
      if (added.length + removed.length > 0) {
        log("labels_changed", {
          added: added.map((l) => labels.get(l)),
          removed: removed.map((l) => labels.get(l)),
        });
      }
    }
    if (activity.length === 0) {
      return subject;
    }
    await repo.updateTask(tx, id, { ...set, updated_at: now, updated_by: actorId });
    await repo.insertActivity(tx, activity);
    changes.tasks.add(id);
    return subject;
  });
  return detail(deps, caller, subject);
}

/**
 * Moves a task to a column of its board, between neighbours given by id. The target column's
 * row (both columns' rows, in id order, when it changes column; and the first open column when
 * a repeating task gets done) is locked before the neighbours' keys are read, so concurrent
 * moves into one column take turns and never compute the same key; one row is written.
 */
export async function moveTask(deps: AppDeps, caller: Caller, id: string, input: MoveInput): Promise<Task> {
  assertValidKey(input.position);
  await write(deps, caller.user.id, async (tx, changes, attempt) => {
    const { head } = await openTask(tx, caller.actor, "edit", id);
    const target = await repo.findColumn(tx, input.columnId);
    if (!target || target.board_id !== head.board_id) {
      throw invalid("columnId", "not_found", "The column is not one of the board's.");
    }
    const open =
      head.recurrence && target.is_done ? await repo.firstOpenColumn(tx, head.board_id) : undefined;
    const locked = await repo.lockColumns(tx, [head.column_id, target.id, ...(open ? [open.id] : [])]);
    const task = await lockTaskIn(tx, id, head.column_id);
    if (task.recurrence !== head.recurrence) {
      throw new Stale();
    }
    if (open && (await repo.firstOpenColumn(tx, head.board_id))?.id !== open.id) {
      throw new Stale();
    }
    if (task.archived_at) {
      throw new AppError("conflict", "The task is archived: restore it first.");
    }
    const from = locked.get(task.column_id);
    const to = locked.get(target.id);
    if (!from || !to) {
      throw new Stale();
    }
    const position = await keyFor(tx, columnList(to.id), input, {
      exclude: id,
      wanted: attempt === 0 ? input.position : undefined,
    });
    if (from.id === to.id && position === task.position) {
      return;
    }
    const now = deps.now();
    const patch = await crossColumns(tx, changes, task, from, to, open, caller.user.id, now);
    await repo.updateTask(tx, id, {
      ...patch,
      column_id: to.id,
      position,
      // a new place in the same column is not a change of the task; another column is
      ...(from.id !== to.id ? { updated_at: now, updated_by: caller.user.id } : {}),
    });
    changes.tasks.add(id);
  });
  const [card] = await presentCards(deps.db, await repo.cardsByIds(deps.db, [id]));
  if (!card) {
    throw new AppError("not_found", "There is no such task.");
  }
  return card;
}

/** Archives a task (it leaves the board, keeps its place, and can be restored). */
export async function archiveTask(deps: AppDeps, caller: Caller, id: string): Promise<TaskDetail> {
  return setArchived(deps, caller, id, true);
}

/** Restores an archived task to its column, where it was. */
export async function restoreTask(deps: AppDeps, caller: Caller, id: string): Promise<TaskDetail> {
  return setArchived(deps, caller, id, false);
}

async function setArchived(
  deps: AppDeps,
  caller: Caller,
  id: string,
  archived: boolean,
): Promise<TaskDetail> {
  const subject = await write(deps, caller.user.id, async (tx, changes) => {
    const { subject } = await openTask(tx, caller.actor, "edit", id);
    const task = await lockTaskIn(tx, id);
    if ((task.archived_at !== null) === archived) {
      return subject;
    }
    const now = deps.now();
    await repo.updateTask(tx, id, {
      archived_at: archived ? now : null,
      archived_by: archived ? caller.user.id : null,
      updated_at: now,
      updated_by: caller.user.id,
    });
    await repo.insertActivity(tx, [
      {
        task_id: id,
        actor_id: caller.user.id,
        kind: archived ? "archived" : "restored",
        data: {},
        created_at: now,
      },
    ]);
    changes.tasks.add(id);
    return subject;
  });
  return detail(deps, caller, subject);
}

/**
 * Archives every open task in the board's done columns (editors and leads); answers how many.
 * The done columns are locked first, so a task moved out meanwhile is not taken along.
 */
export async function archiveDone(deps: AppDeps, caller: Caller, boardId: string): Promise<number> {
  return write(deps, caller.user.id, async (tx, changes) => {
    const board = await repo.findBoardHead(tx, boardId);
    if (!board) {
      throw new AppError("not_found", "There is no such board.");
    }
    await repo.shareLockProject(tx, board.project_id);
    await authorizeBoard(tx, caller.actor, "edit", boardId);
    const locked = await repo.lockColumns(tx, await repo.doneColumnIds(tx, boardId));
    const stillDone = [...locked.values()]
      .filter((c) => c.is_done && c.board_id === boardId)
      .map((c) => c.id);
    const now = deps.now();
    const ids = await repo.archiveInColumns(tx, stillDone, caller.user.id, now);
    await repo.insertActivity(
      tx,
      ids.map((taskId) => ({
        task_id: taskId,
        actor_id: caller.user.id,
        kind: "archived",
        data: {},
        created_at: now,
      })),
    );
    if (ids.length > 0) {
      // one board event rather than one per task: the board view refetches
      changes.board(boardId, board.project_id);
    }
    return ids.length;
  });
}

/** Deletes a task for good, with its checklist, comments and history (editors and leads). */
export async function deleteTask(deps: AppDeps, caller: Caller, id: string): Promise<void> {
  await write(deps, caller.user.id, async (tx, changes) => {
    const { head } = await openTask(tx, caller.actor, "edit", id);
    await repo.lockColumns(tx, [head.column_id]);
    const task = await lockTaskIn(tx, id, head.column_id);
    await repo.deleteTask(tx, id);
    changes.removedTasks.push({ taskId: id, boardId: task.board_id, projectId: task.project_id });
  });
}

// ---------------------------------------------------------------------------------------------
// Checklist
// ---------------------------------------------------------------------------------------------

/**
 * Opens a checklist change: the task's project share-locked, the action checked, the task's row
 * locked (it orders every change of its checklist, so two items never get the same key).
 */
async function openChecklist(
  tx: Db,
  actor: Actor,
  taskId: string,
): Promise<{ subject: TaskSubject; task: repo.TaskRow }> {
  const { subject } = await openTask(tx, actor, "edit", taskId);
  const task = await lockTaskIn(tx, taskId);
  return { subject, task };
}

async function itemOf(tx: Db, actor: Actor, itemId: string) {
  const item = await repo.findChecklistItem(tx, itemId);
  if (!item) {
    throw new AppError("not_found", "There is no such checklist item.");
  }
  await authorizeChecklistItem(tx, actor, "read", itemId);
  return item;
}

async function logProgress(
  tx: Db,
  taskId: string,
  actorId: string,
  now: Date,
  extra: Record<string, unknown> = {},
): Promise<void> {
  const progress = await repo.countChecklist(tx, taskId);
  await repo.insertActivity(tx, [
    {
      task_id: taskId,
      actor_id: actorId,
      kind: "checklist_changed",
      data: { ...progress, ...extra },
      created_at: now,
    },
  ]);
}

/** Adds an item to a task's checklist (at the end unless placed). */
export async function addChecklistItem(
  deps: AppDeps,
  caller: Caller,
  taskId: string,
  input: ItemInput,
): Promise<TaskDetail> {
  const subject = await write(deps, caller.user.id, async (tx, changes) => {
    const { subject } = await openChecklist(tx, caller.actor, taskId);
    const { total } = await repo.countChecklist(tx, taskId);
    if (total >= MAX_CHECKLIST_ITEMS) {
      throw invalid("text", "too_many", "The checklist is full.");
    }
    const position = await keyFor(tx, checklistList(taskId), input);
    await repo.insertChecklistItems(tx, [
      { id: randomUUID(), task_id: taskId, text: input.text, done: false, position, created_at: deps.now() },
    ]);
    await repo.updateTask(tx, taskId, { updated_at: deps.now(), updated_by: caller.user.id });
    changes.tasks.add(taskId);
    return subject;
  });
  return detail(deps, caller, subject);
}

/** Renames or ticks a checklist item; ticking is recorded as checklist progress. */
export async function updateChecklistItem(
  deps: AppDeps,
  caller: Caller,
  itemId: string,
  patch: ItemUpdate,
): Promise<TaskDetail> {
  const subject = await write(deps, caller.user.id, async (tx, changes) => {
    const found = await itemOf(tx, caller.actor, itemId);
    const { subject } = await openChecklist(tx, caller.actor, found.task_id);
    const item = await repo.findChecklistItem(tx, itemId);
    if (!item || item.task_id !== found.task_id) {
      throw new Stale();
    }
    const set: { text?: string; done?: boolean } = {};
    if (patch.text !== undefined && patch.text !== item.text) {
      set.text = patch.text;
    }
    if (patch.done !== undefined && patch.done !== item.done) {
      set.done = patch.done;
    }
    if (Object.keys(set).length === 0) {
      return subject;
    }
    const now = deps.now();
    await repo.updateChecklistItem(tx, itemId, set);
    await repo.updateTask(tx, item.task_id, { updated_at: now, updated_by: caller.user.id });
    if (set.done !== undefined) {
      await logProgress(tx, item.task_id, caller.user.id, now, { item: item.text, checked: set.done });
    }
    changes.tasks.add(item.task_id);
    return subject;
  });
  return detail(deps, caller, subject);
}

/** Removes a checklist item. */
export async function deleteChecklistItem(
  deps: AppDeps,
  caller: Caller,
  itemId: string,
): Promise<TaskDetail> {
  const subject = await write(deps, caller.user.id, async (tx, changes) => {
    const found = await itemOf(tx, caller.actor, itemId);
    const { subject } = await openChecklist(tx, caller.actor, found.task_id);
    await repo.deleteChecklistItem(tx, itemId);
    await repo.updateTask(tx, found.task_id, { updated_at: deps.now(), updated_by: caller.user.id });
    changes.tasks.add(found.task_id);
    return subject;
  });
  return detail(deps, caller, subject);
}

/** Puts a checklist item elsewhere in its list. */
export async function moveChecklistItem(
  deps: AppDeps,
  caller: Caller,
  itemId: string,
  input: ItemMove,
): Promise<TaskDetail> {
  const subject = await write(deps, caller.user.id, async (tx, changes) => {
    const found = await itemOf(tx, caller.actor, itemId);
    const { subject } = await openChecklist(tx, caller.actor, found.task_id);
    const item = await repo.findChecklistItem(tx, itemId);
    if (!item) {
      throw new Stale();
    }
    const position = await keyFor(tx, checklistList(item.task_id), input, { exclude: itemId });
    if (position !== item.position) {
      await repo.updateChecklistItem(tx, itemId, { position });
      changes.tasks.add(item.task_id);
    }
    return subject;
  });
  return detail(deps, caller, subject);
}

/**
 * Turns a checklist item into a task of its own: in the same column, right after its task, titled
 * with the item's text; the item leaves the checklist. Both tasks' histories say so. Answers
 * the new task.
 */
export async function promoteChecklistItem(
  deps: AppDeps,
  caller: Caller,
  itemId: string,
): Promise<TaskDetail> {
  const subject = await write(deps, caller.user.id, async (tx, changes) => {
    const found = await itemOf(tx, caller.actor, itemId);
    const { subject: from, head } = await openTask(tx, caller.actor, "edit", found.task_id);
    const locked = await repo.lockColumns(tx, [head.column_id]);
    const task = await lockTaskIn(tx, head.id, head.column_id);
    const column = locked.get(task.column_id);
    const item = await repo.findChecklistItem(tx, itemId);
    if (!column || !item || item.task_id !== task.id) {
      throw new Stale();
    }
    const now = deps.now();
    const id = randomUUID();
    const position = await keyFor(tx, columnList(column.id), { afterId: task.id });
    await repo.insertTask(tx, {
      id,
      project_id: task.project_id,
      board_id: task.board_id,
      column_id: column.id,
      position,
      title: item.text,
      completed_at: column.is_done ? now : null,
      created_by: caller.user.id,
      updated_by: caller.user.id,
      created_at: now,
      updated_at: now,
    });
    await repo.deleteChecklistItem(tx, itemId);
    await repo.updateTask(tx, task.id, { updated_at: now, updated_by: caller.user.id });
    await repo.insertActivity(tx, [
      {
        task_id: id,
        actor_id: caller.user.id,
        kind: "created",
        data: { fromTaskId: task.id },
        created_at: now,
      },
    ]);
    await logProgress(tx, task.id, caller.user.id, now, { promoted: { taskId: id, title: item.text } });
    changes.tasks.add(id);
    changes.tasks.add(task.id);
    const made: TaskSubject = { kind: "task", id, boardId: task.board_id, project: from.project };
    return made;
  });
  return detail(deps, caller, subject);
}

// ---------------------------------------------------------------------------------------------
// Linked documents
// ---------------------------------------------------------------------------------------------

/**
 * Links a document of the task's project (not one in the trash) to the task; linking it again
 * changes nothing. Another project's document is not found.
 */
export async function linkDocument(
  deps: AppDeps,
  caller: Caller,
  taskId: string,
  documentId: string,
): Promise<TaskDetail> {
  const subject = await write(deps, caller.user.id, async (tx, changes) => {
    const { subject } = await openTask(tx, caller.actor, "edit", taskId);
    const task = await lockTaskIn(tx, taskId);
    const document = await repo.shareLockDocument(tx, task.project_id, documentId);
    if (!document) {
      throw new AppError("not_found", "There is no such document in the project.");
    }
    if (document.deleted_at) {
      throw new AppError("conflict", "The document is in the trash.");
    }
    const now = deps.now();
    if (await repo.linkDocument(tx, taskId, documentId, now)) {
      await repo.insertActivity(tx, [
        {
          task_id: taskId,
          actor_id: caller.user.id,
          kind: "document_linked",
          data: { documentId, title: document.title },
          created_at: now,
        },
      ]);
      changes.tasks.add(taskId);
    }
    return subject;
  });
  return detail(deps, caller, subject);
}

/** Unlinks a document from the task (unlinking what is not linked changes nothing). */
export async function unlinkDocument(
  deps: AppDeps,
  caller: Caller,
  taskId: string,
  documentId: string,
): Promise<TaskDetail> {
  const subject = await write(deps, caller.user.id, async (tx, changes) => {
    const { subject } = await openTask(tx, caller.actor, "edit", taskId);
    const task = await lockTaskIn(tx, taskId);
    const document = await repo.findDocument(tx, task.project_id, documentId);
    if (!document) {
      throw new AppError("not_found", "There is no such document in the project.");
    }
    const now = deps.now();
    if (await repo.unlinkDocument(tx, taskId, documentId)) {
      await repo.insertActivity(tx, [
        {
          task_id: taskId,
          actor_id: caller.user.id,
          kind: "document_unlinked",
          data: { documentId, title: document.title },
          created_at: now,
        },
      ]);
      changes.tasks.add(taskId);
    }
    return subject;
  });
  return detail(deps, caller, subject);
}
