import { type Actor, type BoardSubject, can } from "@ensemble/access/policy";
import type {
  Board,
  BoardAbilities,
  BoardColumn,
  BoardSummary,
  Task,
  TaskLabel,
} from "@ensemble/contracts/boards";
import type { PersonRef } from "@ensemble/contracts/documents";
import type { BoardCardRow, BoardPageRow, BoardRow, ColumnRow, LabelRow } from "./boards.repo.ts";

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

const byName = new Intl.Collator("de", { sensitivity: "base" });

/**
 * A board's cards as the `Task` contract, the same as the tasks presenter's `presentCard` makes
 * them: each card's assignees by name as German readers sort (then by id), assignees whose
 * account is gone left out. `people`: everyone assigned on the board, with their names; they are
 * sorted once, and each card's few assignees by their place in that order, which is the order
 * sorting them by the same rule gives.
 */
export function presentBoardCards(
  rows: readonly BoardCardRow[],
  people: readonly { id: string; display_name: string }[],
): Task[] {
  const sorted = [...people].sort(
    (a, b) => byName.compare(a.display_name, b.display_name) || (a.id < b.id ? -1 : 1),
  );
  const rank = new Map(sorted.map((p, i) => [p.id, i]));
  const refs = new Map(sorted.map((p) => [p.id, { id: p.id, displayName: p.display_name }]));
  const assignees = (ids: string | null): PersonRef[] => {
    if (ids === null) {
      return [];
    }
    const known = ids.split(",").filter((id) => rank.has(id));
    if (known.length > 1) {
      known.sort((a, b) => (rank.get(a) as number) - (rank.get(b) as number));
    }
    return known.map((id) => ({ ...(refs.get(id) as PersonRef) }));
  };
  return rows.map((r) => ({
    id: r.id,
    projectId: r.project_id,
    boardId: r.board_id,
    columnId: r.column_id,
    position: r.position,
    title: r.title,
    priority: r.priority,
    startDate: r.start_date,
    dueDate: r.due_date,
    assignees: assignees(r.assignee_ids),
    labelIds: r.label_ids === null ? [] : r.label_ids.split(","),
    checklist: { done: r.checklist_done, total: r.checklist_total },
    commentCount: r.comment_count,
    hasDescription: r.has_description,
    recurrence: r.recurrence,
    completedAt: r.completed_at,
    archivedAt: null,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  }));
}
