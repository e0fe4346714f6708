import { randomUUID } from "node:crypto";
import {
  authorizeBoard,
  authorizeColumn,
  authorizeLabel,
  authorizeProject,
} from "@ensemble/access/authorize";
import { type BoardSubject, can } from "@ensemble/access/policy";
import {
  type Board,
  type BoardColumn,
  type BoardList,
  type BoardLoad,
  type CreateBoardInput,
  type CreateColumnInput,
  type CreateLabelInput,
  MAX_PROJECT_LABELS,
  type MoveColumnInput,
  type TaskLabel,
  type UpdateBoardInput,
  type UpdateColumnInput,
  type UpdateLabelInput,
} from "@ensemble/contracts/boards";
import type { PersonRef } from "@ensemble/contracts/documents";
import { AppError } from "@ensemble/contracts/errors";
import type { Db } from "@ensemble/db/db";
import type { z } from "zod";
import type { AppDeps } from "../../deps.ts";
import type { Caller } from "../../lib/caller.ts";
import { firstKeys, keyFor, keysAtEnd, type OrderedList } from "../../lib/ordering.ts";
import * as tasks from "../tasks/tasks.service.ts";
import {
  presentBoard,
  presentBoardCards,
  presentBoardSummary,
  presentColumn,
  presentLabel,
} from "./boards.presenter.ts";
import * as repo from "./boards.repo.ts";

type CreateBoard = z.output<typeof CreateBoardInput>;
type UpdateBoard = z.output<typeof UpdateBoardInput>;
type CreateColumn = z.output<typeof CreateColumnInput>;
type UpdateColumn = z.output<typeof UpdateColumnInput>;
type MoveColumn = z.output<typeof MoveColumnInput>;
type CreateLabel = z.output<typeof CreateLabelInput>;
type UpdateLabel = z.output<typeof UpdateLabelInput>;

/** A new board's columns, in the language asked for: the last one is the done column. */
const DEFAULT_COLUMNS: Record<"de" | "en", [string, string, string]> = {
  de: ["Offen", "In Arbeit", "Erledigt"],
  en: ["To do", "In progress", "Done"],
};

const boardList = (projectId: string): OrderedList => ({
  table: "boards",
  scopeColumn: "project_id",
  scopeId: projectId,
});

const columnList = (boardId: string): OrderedList => ({
  table: "board_columns",
  scopeColumn: "board_id",
  scopeId: boardId,
});

function invalid(field: string, code: string, message: string): AppError {
  return new AppError("validation_failed", message, { fields: { [field]: code } });
}

/** A project's boards in their order (everyone who reads the project). */
export async function listBoards(deps: AppDeps, caller: Caller, projectId: string): Promise<BoardList> {
  const project = await authorizeProject(deps.db, caller.actor, "read", projectId);
  const rows = await repo.listBoards(deps.db, projectId);
  return { boards: rows.map(presentBoardSummary), canCreate: can(caller.actor, "edit_content", project) };
}

/** A board as its page shows it, without its tasks. */
async function boardInfo(db: Db, caller: Caller, subject: BoardSubject): Promise<Board> {
  const [row, columns, labels, members] = await Promise.all([
    repo.findBoardPage(db, subject.id),
    repo.listColumns(db, subject.id),
    repo.listLabels(db, subject.project.id),
    repo.listMembers(db, subject.project.id),
  ]);
  if (!row) {
    throw new AppError("not_found", "There is no such board.");
  }
  return presentBoard({
    row,
    columns,
    labels,
    members,
    openTasks: Number(row.open_tasks),
    actor: caller.actor,
    subject,
  });
}

/**
 * Everyone assigned on the board, by id with their names: the project's members are already in
 * the board's header; only assignees who have left the project (still assigned, still named) take
 * one more query, and on most boards there are none.
 */
async function assignedPeople(db: Db, board: Board, rows: readonly repo.BoardCardRow[]) {
  const known = new Map<string, PersonRef>(board.members.map((m) => [m.id, m]));
  const missing = new Set<string>();
  for (const r of rows) {
    for (const userId of r.assignee_ids?.split(",") ?? []) {
      if (!known.has(userId)) {
        missing.add(userId);
      }
    }
  }
  for (const p of await repo.peopleNamed(db, [...missing])) {
    known.set(p.id, { id: p.id, displayName: p.display_name });
  }
  return known;
}

/** A board with its columns, labels, members and open tasks (everyone who reads the project). */
export async function getBoard(deps: AppDeps, caller: Caller, id: string): Promise<BoardLoad> {
  const subject = await authorizeBoard(deps.db, caller.actor, "read", id);
  // the cards through this feature's own reading of them (see repo.boardCards): the board load's
  // cost is 2,000 cards, and a general-purpose card row costs the API most of it to parse
  const [board, rows] = await Promise.all([
    boardInfo(deps.db, caller, subject),
    repo.boardCards(deps.db, id),
  ]);
  return { board, ...presentBoardCards(rows, await assignedPeople(deps.db, board, rows)) };
}

/**
 * Creates a board at the end of the project's boards with three columns — to do, in progress and
 * done (Offen / In Arbeit / Erledigt in German, the default) — (editors and leads).
 */
export async function createBoard(
  deps: AppDeps,
  caller: Caller,
  projectId: string,
  input: CreateBoard,
): Promise<Board> {
  const id = randomUUID();
  const subject = await tasks.write(deps, caller.user.id, async (tx, changes) => {
    await repo.shareLockProject(tx, projectId);
    const project = await authorizeProject(tx, caller.actor, "edit_content", projectId);
    const now = deps.now();
    const [position] = await keysAtEnd(tx, boardList(projectId), 1);
    await repo.insertBoard(tx, {
      id,
      project_id: projectId,
      name: input.name,
      position: position as string,
      created_by: caller.user.id,
      created_at: now,
      updated_at: now,
    });
    const names = DEFAULT_COLUMNS[input.language ?? "de"];
    const keys = firstKeys(names.length);
    await repo.insertColumns(
      tx,
      names.map((name, i) => ({
        id: randomUUID(),
        board_id: id,
        name,
        position: keys[i] as string,
        wip_limit: null,
        is_done: i === names.length - 1,
        created_at: now,
      })),
    );
    changes.board(id, projectId);
    const board: BoardSubject = { kind: "board", id, project };
    return board;
  });
  return boardInfo(deps.db, caller, subject);
}

/**
 * Opens a change of a board's structure: the project share-locked, the action checked, the
 * board's row locked (it orders the changes of its name and columns).
 */
async function openBoard(tx: Db, caller: Caller, boardId: string, notFound = "There is no such board.") {
  const head = await repo.findBoardHead(tx, boardId);
  if (!head) {
    throw new AppError("not_found", notFound);
  }
  await repo.shareLockProject(tx, head.project_id);
  const subject = await authorizeBoard(tx, caller.actor, "manage", boardId);
  if (!(await repo.lockBoard(tx, boardId))) {
    throw new AppError("not_found", notFound);
  }
  return subject;
}

/** Renames a board (editors and leads). */
export async function updateBoard(
  deps: AppDeps,
  caller: Caller,
  id: string,
  input: UpdateBoard,
): Promise<Board> {
  const subject = await tasks.write(deps, caller.user.id, async (tx, changes) => {
    const subject = await openBoard(tx, caller, id);
    const row = await repo.findBoardPage(tx, id);
    if (row && row.name !== input.name) {
      await repo.updateBoard(tx, id, { name: input.name, updated_at: deps.now() });
      changes.board(id, subject.project.id);
    }
    return subject;
  });
  return boardInfo(deps.db, caller, subject);
}

/** Deletes a board with its columns and tasks for good (editors and leads). */
export async function deleteBoard(deps: AppDeps, caller: Caller, id: string): Promise<void> {
  await tasks.write(deps, caller.user.id, async (tx, changes) => {
    const subject = await openBoard(tx, caller, id);
    // the columns in id order, as every task move takes them, before their tasks go
    await repo.lockColumnsOfBoard(tx, id);
    await repo.deleteBoard(tx, id);
    changes.removedBoards.set(id, subject.project.id);
  });
}

/** Adds a column to a board (at the end unless placed). */
export async function createColumn(
  deps: AppDeps,
  caller: Caller,
  boardId: string,
  input: CreateColumn,
): Promise<BoardColumn> {
  const id = randomUUID();
  await tasks.write(deps, caller.user.id, async (tx, changes) => {
    const subject = await openBoard(tx, caller, boardId);
    const now = deps.now();
    const position = await keyFor(tx, columnList(boardId), input);
    await repo.insertColumns(tx, [
      {
        id,
        board_id: boardId,
        name: input.name,
        position,
        wip_limit: input.wipLimit ?? null,
        is_done: input.isDone ?? false,
        created_at: now,
      },
    ]);
    await repo.touchBoard(tx, boardId, now);
    changes.board(boardId, subject.project.id);
  });
  return presentColumn(await requireColumn(deps.db, id));
}

async function requireColumn(db: Db, id: string): Promise<repo.ColumnRow> {
  const column = await repo.findColumn(db, id);
  if (!column) {
    throw new AppError("not_found", "There is no such column.");
  }
  return column;
}

/** Opens a change of a column: its board as in `openBoard`, checked through the column. */
async function openColumn(tx: Db, caller: Caller, columnId: string) {
  const column = await repo.findColumn(tx, columnId);
  if (!column) {
    throw new AppError("not_found", "There is no such column.");
  }
  await authorizeColumn(tx, caller.actor, "read", columnId);
  const subject = await openBoard(tx, caller, column.board_id, "There is no such column.");
  return { subject, column: await requireColumn(tx, columnId) };
}

/**
 * Renames a column, sets its WIP limit or whether it is a done column. Making it a done column
 * completes its open tasks (repeating ones make their next); the other way reopens them.
 */
export async function updateColumn(
  deps: AppDeps,
  caller: Caller,
  columnId: string,
  patch: UpdateColumn,
): Promise<BoardColumn> {
  await tasks.write(deps, caller.user.id, async (tx, changes) => {
    const { subject, column } = await openColumn(tx, caller, columnId);
    const set: { name?: string; wip_limit?: number | null; is_done?: boolean } = {};
    if (patch.name !== undefined && patch.name !== column.name) {
      set.name = patch.name;
    }
    if (patch.wipLimit !== undefined && patch.wipLimit !== column.wip_limit) {
      set.wip_limit = patch.wipLimit;
    }
    const doneChanged = patch.isDone !== undefined && patch.isDone !== column.is_done;
    if (Object.keys(set).length === 0 && !doneChanged) {
      return;
    }
    const now = deps.now();
    if (doneChanged) {
      const isDone = patch.isDone as boolean;
      const columns = await repo.lockColumnsOfBoard(tx, column.board_id);
      set.is_done = isDone;
      // where a repeating task completed here makes its next one
      const open = columns.find((c) => c.id !== column.id && !c.is_done);
      await repo.updateColumn(tx, columnId, set);
      await tasks.columnDoneChanged(tx, changes, column, isDone, open, caller.user.id, now);
    } else {
      await repo.updateColumn(tx, columnId, set);
    }
    await repo.touchBoard(tx, column.board_id, now);
    changes.board(column.board_id, subject.project.id);
  });
  return presentColumn(await requireColumn(deps.db, columnId));
}

/** Puts a column elsewhere on its board. */
export async function moveColumn(
  deps: AppDeps,
  caller: Caller,
  columnId: string,
  input: MoveColumn,
): Promise<BoardColumn> {
  await tasks.write(deps, caller.user.id, async (tx, changes) => {
    const { subject, column } = await openColumn(tx, caller, columnId);
    const position = await keyFor(tx, columnList(column.board_id), input, { exclude: columnId });
    if (position !== column.position) {
      await repo.updateColumn(tx, columnId, { position });
      await repo.touchBoard(tx, column.board_id, deps.now());
      changes.board(column.board_id, subject.project.id);
    }
  });
  return presentColumn(await requireColumn(deps.db, columnId));
}

/**
 * Deletes a column; its tasks (archived ones too) go to the end of `moveTo`, another column of
 * the board, as moves (a done column completes them, leaving one reopens them). The last column
 * stays.
 */
export async function deleteColumn(
  deps: AppDeps,
  caller: Caller,
  columnId: string,
  moveTo: string | undefined,
): Promise<void> {
  await tasks.write(deps, caller.user.id, async (tx, changes) => {
    const { subject, column } = await openColumn(tx, caller, columnId);
    const columns = await repo.lockColumnsOfBoard(tx, column.board_id);
    if (columns.length <= 1) {
      throw new AppError("conflict", "A board keeps at least one column.");
    }
    const count = await repo.countTasksIn(tx, columnId);
    if (count > 0 || moveTo !== undefined) {
      if (moveTo === undefined) {
        throw invalid("moveTo", "required", "Say where the column's tasks go.");
      }
      const target = columns.find((c) => c.id === moveTo && c.id !== columnId);
      if (!target) {
        throw invalid("moveTo", "not_found", "The tasks can only go to another column of the board.");
      }
      const open = columns.find((c) => c.id !== columnId && !c.is_done);
      await tasks.moveAllTasks(tx, changes, column, target, open, caller.user.id, deps.now());
    }
    await repo.deleteColumn(tx, columnId);
    await repo.touchBoard(tx, column.board_id, deps.now());
    changes.board(column.board_id, subject.project.id);
  });
}

// ---------------------------------------------------------------------------------------------
// Labels: the project's, shared by its boards
// ---------------------------------------------------------------------------------------------

/** A project's labels (everyone who reads the project). */
export async function listLabels(deps: AppDeps, caller: Caller, projectId: string): Promise<TaskLabel[]> {
  await authorizeProject(deps.db, caller.actor, "read", projectId);
  return (await repo.listLabels(deps.db, projectId)).map(presentLabel);
}

/** Every board of the project shows the project's labels: each gets told. */
async function labelsChanged(tx: Db, changes: tasks.Changes, projectId: string): Promise<void> {
  for (const boardId of await repo.boardIdsOf(tx, projectId)) {
    changes.board(boardId, projectId);
  }
}

/** A taken label name found only by the unique index (two at once): the same answer as the check. */
function nameTaken(err: unknown): never {
  const e = err as { code?: unknown; constraint?: unknown };
  if (e?.code === "23505" && String(e.constraint ?? "").includes("task_labels")) {
    throw invalid("name", "taken", "The project already has a label of that name.");
  }
  throw err;
}

/** Creates a label of the project (editors and leads). */
export async function createLabel(
  deps: AppDeps,
  caller: Caller,
  projectId: string,
  input: CreateLabel,
): Promise<TaskLabel> {
  const id = randomUUID();
  await tasks
    .write(deps, caller.user.id, async (tx, changes) => {
      await repo.shareLockProject(tx, projectId);
      await authorizeProject(tx, caller.actor, "edit_content", projectId);
      if ((await repo.countLabels(tx, projectId)) >= MAX_PROJECT_LABELS) {
        throw invalid("name", "too_many", "The project has as many labels as it may.");
      }
      if (await repo.labelNameTaken(tx, projectId, input.name)) {
        throw invalid("name", "taken", "The project already has a label of that name.");
      }
      await repo.insertLabel(tx, {
        id,
        project_id: projectId,
        name: input.name,
        color: input.color.toLowerCase(),
        created_at: deps.now(),
      });
      await labelsChanged(tx, changes, projectId);
    })
    .catch(nameTaken);
  const label = await repo.findLabel(deps.db, id);
  if (!label) {
    throw new AppError("not_found", "There is no such label.");
  }
  return presentLabel(label);
}

/** Renames or recolours a label (editors and leads). */
export async function updateLabel(
  deps: AppDeps,
  caller: Caller,
  labelId: string,
  patch: UpdateLabel,
): Promise<TaskLabel> {
  await tasks
    .write(deps, caller.user.id, async (tx, changes) => {
      const found = await repo.findLabel(tx, labelId);
      if (!found) {
        throw new AppError("not_found", "There is no such label.");
      }
      await repo.shareLockProject(tx, found.project_id);
      await authorizeLabel(tx, caller.actor, "edit_content", labelId);
      const label = await repo.lockLabel(tx, labelId);
      if (!label) {
        throw new AppError("not_found", "There is no such label.");
      }
      const set: { name?: string; color?: string } = {};
      if (patch.name !== undefined && patch.name !== label.name) {
        if (await repo.labelNameTaken(tx, label.project_id, patch.name, labelId)) {
          throw invalid("name", "taken", "The project already has a label of that name.");
        }
        set.name = patch.name;
      }
      if (patch.color !== undefined && patch.color.toLowerCase() !== label.color) {
        set.color = patch.color.toLowerCase();
      }
      if (Object.keys(set).length > 0) {
        await repo.updateLabel(tx, labelId, set);
        await labelsChanged(tx, changes, label.project_id);
      }
    })
    .catch(nameTaken);
  const label = await repo.findLabel(deps.db, labelId);
  if (!label) {
    throw new AppError("not_found", "There is no such label.");
  }
  return presentLabel(label);
}

/** Deletes a label; it leaves every task that had it (editors and leads). */
export async function deleteLabel(deps: AppDeps, caller: Caller, labelId: string): Promise<void> {
  await tasks.write(deps, caller.user.id, async (tx, changes) => {
    const found = await repo.findLabel(tx, labelId);
    if (!found) {
      throw new AppError("not_found", "There is no such label.");
    }
    await repo.shareLockProject(tx, found.project_id);
    await authorizeLabel(tx, caller.actor, "edit_content", labelId);
    await repo.deleteLabel(tx, labelId);
    await labelsChanged(tx, changes, found.project_id);
  });
}
