import { type Actor, type BoardSubject, can } from "@ensemble/access/policy";
import type { Board, BoardAbilities, BoardColumn, BoardSummary, TaskLabel } from "@ensemble/contracts/boards";
import type { BoardPageRow, BoardRow, ColumnRow, LabelRow } from "./boards.repo.ts";

const iso = (d: Date | string) => new Date(d).toISOString();

/** What the caller may do on a board. */
export function boardAbilities(actor: Actor, subject: BoardSubject): BoardAbilities {
  return {
    edit: can(actor, "edit", subject),
    manage: can(actor, "manage", subject),
    comment: can(actor, "comment", subject),
  };
}

export function presentBoardSummary(row: BoardRow): BoardSummary {
  return {
    id: row.id,
    projectId: row.project_id,
    name: row.name,
    position: row.position,
    openTasks: Number(row.open_tasks),
    createdAt: iso(row.created_at),
    updatedAt: iso(row.updated_at),
  };
}

export function presentColumn(row: ColumnRow): BoardColumn {
  return {
    id: row.id,
    name: row.name,
    position: row.position,
    wipLimit: row.wip_limit,
    isDone: row.is_done,
  };
}

export function presentLabel(row: LabelRow): TaskLabel {
  return { id: row.id, name: row.name, color: row.color };
}

/** A board with its columns, the project's labels and members, and what the caller may do. */
export function presentBoard(input: {
  row: BoardPageRow;
  columns: readonly ColumnRow[];
  labels: readonly LabelRow[];
  members: readonly { id: string; display_name: string }[];
  openTasks: number;
  actor: Actor;
  subject: BoardSubject;
}): Board {
  const { row } = input;
  return {
    ...presentBoardSummary({ ...row, open_tasks: input.openTasks }),
    project: {
      id: row.project_id,
      name: row.project_name,
      state: row.project_deleted_at ? "trashed" : row.project_archived_at ? "archived" : "active",
    },
    columns: input.columns.map(presentColumn),
    labels: input.labels.map(presentLabel),
    members: input.members.map((m) => ({ id: m.id, displayName: m.display_name })),
    abilities: boardAbilities(input.actor, input.subject),
  };
}
