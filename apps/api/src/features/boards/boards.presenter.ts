import { type Actor, type BoardSubject, can } from "@ensemble/access/policy";
import type {
  Board,
  BoardAbilities,
  BoardCard,
  BoardColumn,
  BoardSummary,
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
 * A board's cards as the board load sends them (`BoardCard`), with everyone assigned to one
 * (`people`). `known`: names by user id, at least of everyone assigned on the board; assignees
 * whose account is gone are not in it and are left out, as the tasks presenter's `presentCard`
 * leaves them out. Each card's assignees come in the order the task's own answer gives them, by
 * name as German readers sort (then by id): the people are sorted once, and each card's few
 * assignees by their place in that order, which is the order sorting them by the same rule gives.
 */
export function presentBoardCards(
  rows: readonly BoardCardRow[],
  known: ReadonlyMap<string, PersonRef>,
): { tasks: BoardCard[]; people: PersonRef[] } {
  const assigned = new Map<string, PersonRef>();
  for (const r of rows) {
    for (const id of r.assignee_ids?.split(",") ?? []) {
      const person = known.get(id);
      if (person && !assigned.has(id)) {
        assigned.set(id, { id: person.id, displayName: person.displayName });
      }
    }
  }
  const people = [...assigned.values()].sort(
    (a, b) => byName.compare(a.displayName, b.displayName) || (a.id < b.id ? -1 : 1),
  );
  const rank = new Map(people.map((p, i) => [p.id, i]));
  const assigneeIds = (ids: string | null): string[] => {
    if (ids === null) {
      return [];
    }
    const named = ids.split(",").filter((id) => rank.has(id));
    if (named.length > 1) {
      named.sort((a, b) => (rank.get(a) as number) - (rank.get(b) as number));
    }
    return named;
  };
  const tasks = rows.map((r) => ({
    id: r.id,
    columnId: r.column_id,
    position: r.position,
    title: r.title,
    priority: r.priority,
    startDate: r.start_date,
    dueDate: r.due_date,
    assigneeIds: assigneeIds(r.assignee_ids),
    labelIds: r.label_ids === null ? [] : r.label_ids.split(","),
    checklist: { done: r.checklist_done, total: r.checklist_total },
    commentCount: r.comment_count,
    hasDescription: r.has_description,
    recurrence: r.recurrence,
    completedAt: r.completed_at,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  }));
  return { tasks, people };
}
