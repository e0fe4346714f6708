import type {
  ChecklistItem,
  MyTask,
  Task,
  TaskAbilities,
  TaskActivity,
  TaskActivityKind,
  TaskDetail,
} from "@ensemble/contracts/boards";
import type { PersonRef } from "@ensemble/contracts/documents";
import type { ActivityRow, ChecklistRow, MyTaskRow, TaskCardRow, TaskRow } from "./tasks.repo.ts";

const iso = (d: Date | string) => new Date(d).toISOString();

const byName = new Intl.Collator("de", { sensitivity: "base" });

/** People by id, with their current names, in alphabetical order (gone accounts left out). */
export function people(ids: readonly string[], names: ReadonlyMap<string, string>): PersonRef[] {
  return ids
    .flatMap((id) => {
      const displayName = names.get(id);
      return displayName === undefined ? [] : [{ id, displayName }];
    })
    .sort((a, b) => byName.compare(a.displayName, b.displayName) || (a.id < b.id ? -1 : 1));
}

/** A task as a card (on the board, in lists, in live events). */
export function presentCard(row: TaskCardRow, names: ReadonlyMap<string, string>): Task {
  return {
    id: row.id,
    projectId: row.project_id,
    boardId: row.board_id,
    columnId: row.column_id,
    position: row.position,
    title: row.title,
    priority: row.priority,
    startDate: row.start_date,
    dueDate: row.due_date,
    assignees: people(row.assignee_ids, names),
    labelIds: row.label_ids,
    checklist: { done: Number(row.checklist_done), total: Number(row.checklist_total) },
    commentCount: Number(row.comment_count),
    hasDescription: row.has_description,
    recurrence: row.recurrence,
    completedAt: row.completed_at ? iso(row.completed_at) : null,
    archivedAt: row.archived_at ? iso(row.archived_at) : null,
    createdAt: iso(row.created_at),
    updatedAt: iso(row.updated_at),
  };
}

export function presentChecklistItem(row: ChecklistRow): ChecklistItem {
  return { id: row.id, text: row.text, done: row.done, position: row.position };
}

/** One task with everything its detail view shows. */
export function presentDetail(input: {
  card: TaskCardRow;
  row: TaskRow;
  checklist: readonly ChecklistRow[];
  documents: readonly { id: string; title: string }[];
  names: ReadonlyMap<string, string>;
  nextOccurrences: string[];
  abilities: TaskAbilities;
}): TaskDetail {
  const { row, names } = input;
  const person = (id: string | null) => {
    const name = id ? names.get(id) : undefined;
    return id && name !== undefined ? { id, displayName: name } : null;
  };
  return {
    ...presentCard(input.card, names),
    description: (row.description as Record<string, unknown> | null) ?? null,
    checklistItems: input.checklist.map(presentChecklistItem),
    documents: input.documents.map((d) => ({ id: d.id, title: d.title })),
    createdBy: person(row.created_by),
    updatedBy: person(row.updated_by),
    nextOccurrences: input.nextOccurrences,
    abilities: input.abilities,
  };
}

/** A card in "My tasks", with its project, board and column. */
export function presentMyTask(row: MyTaskRow, names: ReadonlyMap<string, string>): MyTask {
  return {
    ...presentCard(row, names),
    project: { id: row.project_id, name: row.project_name },
    board: { id: row.board_id, name: row.board_name },
    column: { id: row.column_id, name: row.column_name, isDone: row.column_is_done },
  };
}

/** One entry of a task's history. */
export function presentActivity(row: ActivityRow): TaskActivity {
  const data = typeof row.data === "string" ? JSON.parse(row.data) : row.data;
  return {
    id: String(row.id),
    kind: row.kind as TaskActivityKind,
    actor: row.actor_id && row.actor_name !== null ? { id: row.actor_id, displayName: row.actor_name } : null,
    at: iso(row.created_at),
    data: (data ?? {}) as Record<string, unknown>,
  };
}
