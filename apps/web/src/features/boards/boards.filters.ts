import { type Task, TaskPriority } from "@ensemble/contracts/boards";
import { endOfWeek } from "./boards.days.ts";
import { compareKeys } from "./boards.order.ts";

/** Which due dates a filter keeps: overdue, due from today to Sunday, or without a date. */
export const DUE_FILTERS = ["overdue", "week", "none"] as const;
export type DueFilter = (typeof DUE_FILTERS)[number];

/** An assignee filter: a person's id, or nobody assigned. */
export const UNASSIGNED = "none";

/** The filters of a board, as they are kept in the address (`?assignee=&label=&due=&q=`). */
export interface BoardFilters {
  /** A person's id, UNASSIGNED, or null for everyone. */
  assignee: string | null;
  /** A label's id, or null for any. */
  label: string | null;
  due: DueFilter | null;
  /** Free text, matched in titles (case- and accent-insensitive); "" for none. */
  text: string;
}

export const NO_FILTERS: BoardFilters = { assignee: null, label: null, due: null, text: "" };

/** The parameter names in the address, one per filter. */
const PARAM = { assignee: "assignee", label: "label", due: "due", text: "q" } as const;

/** The filters read from the address; unknown values are ignored (an old link still opens the board). */
export function filtersFromParams(params: URLSearchParams): BoardFilters {
  const due = params.get(PARAM.due);
  return {
    assignee: params.get(PARAM.assignee) || null,
    label: params.get(PARAM.label) || null,
    due: (DUE_FILTERS as readonly string[]).includes(due ?? "") ? (due as DueFilter) : null,
    text: (params.get(PARAM.text) ?? "").slice(0, 200),
  };
}

/** The address's parameters with these filters (other parameters, such as the view, stay). */
export function paramsWithFilters(params: URLSearchParams, filters: BoardFilters): URLSearchParams {
  const next = new URLSearchParams(params);
  const set = (name: string, value: string | null) => {
    if (value === null || value === "") {
      next.delete(name);
    } else {
      next.set(name, value);
    }
  };
  set(PARAM.assignee, filters.assignee);
  set(PARAM.label, filters.label);
  set(PARAM.due, filters.due);
  set(PARAM.text, filters.text.trim() === "" ? null : filters.text);
  return next;
}

/** True when any filter is set. */
export function hasFilters(filters: BoardFilters): boolean {
  return (
    filters.assignee !== null || filters.label !== null || filters.due !== null || filters.text.trim() !== ""
  );
}

/** Case- and accent-insensitive form of a text, for matching. */
export function fold(text: string): string {
  return text.normalize("NFD").replace(/\p{M}/gu, "").toLocaleLowerCase();
}

/** Is the task overdue on `today`: a due date before today, and not done. */
export function isOverdue(task: Pick<Task, "dueDate" | "completedAt">, today: string): boolean {
  return task.dueDate !== null && task.completedAt === null && task.dueDate < today;
}

/** Does the task pass the filters (on `today`, a `YYYY-MM-DD` where the reader is). */
export function matchesFilters(task: Task, filters: BoardFilters, today: string): boolean {
  if (filters.assignee === UNASSIGNED) {
    if (task.assignees.length > 0) {
      return false;
    }
  } else if (filters.assignee !== null && !task.assignees.some((p) => p.id === filters.assignee)) {
    return false;
  }
  if (filters.label !== null && !task.labelIds.includes(filters.label)) {
    return false;
  }
  switch (filters.due) {
    case "overdue":
      if (!isOverdue(task, today)) {
        return false;
      }
      break;
    case "week":
      if (task.dueDate === null || task.dueDate < today || task.dueDate > endOfWeek(today)) {
        return false;
      }
      break;
    case "none":
      if (task.dueDate !== null) {
        return false;
      }
      break;
    default:
      break;
  }
  const words = fold(filters.text).split(/\s+/).filter(Boolean);
  if (words.length > 0) {
    const title = fold(task.title);
    if (!words.every((word) => title.includes(word))) {
      return false;
    }
  }
  return true;
}

/** The tasks that pass the filters. */
export function applyFilters(tasks: readonly Task[], filters: BoardFilters, today: string): Task[] {
  if (!hasFilters(filters)) {
    return [...tasks];
  }
  return tasks.filter((task) => matchesFilters(task, filters, today));
}

/** The views of a board's open tasks, kept in the address as `?view=`. */
export type BoardView = "board" | "list";

/** The view from the address (the board unless it says list). */
export function viewFromParams(params: URLSearchParams): BoardView {
  return params.get("view") === "list" ? "list" : "board";
}

/** The columns the list can be sorted by. */
export const SORT_KEYS = ["title", "due", "priority", "column", "assignee"] as const;
export type SortKey = (typeof SORT_KEYS)[number];
export type SortDirection = "asc" | "desc";
export interface ListSort {
  key: SortKey;
  direction: SortDirection;
}

/** The default order of the list: by column, then as on the board. */
export const DEFAULT_SORT: ListSort = { key: "column", direction: "asc" };

/** The list's sort from the address (`?sort=due&dir=desc`). */
export function sortFromParams(params: URLSearchParams): ListSort {
  const key = params.get("sort");
  const direction = params.get("dir") === "desc" ? "desc" : "asc";
  if (!(SORT_KEYS as readonly string[]).includes(key ?? "")) {
    return DEFAULT_SORT;
  }
  return { key: key as SortKey, direction };
}

/** The address's parameters with this sort (the default leaves them out). */
export function paramsWithSort(params: URLSearchParams, sort: ListSort): URLSearchParams {
  const next = new URLSearchParams(params);
  if (sort.key === DEFAULT_SORT.key && sort.direction === DEFAULT_SORT.direction) {
    next.delete("sort");
    next.delete("dir");
  } else {
    next.set("sort", sort.key);
    next.set("dir", sort.direction);
  }
  return next;
}

/** Urgent first: the rank of each priority when sorting ascending by urgency. */
const PRIORITY_RANK: Record<TaskPriority, number> = Object.fromEntries(
  [...TaskPriority.options].reverse().map((p, i) => [p, i]),
) as Record<TaskPriority, number>;

/** How a priority sorts (0 for urgent … 4 for none). */
export function priorityRank(priority: TaskPriority): number {
  return PRIORITY_RANK[priority];
}

/**
 * The tasks sorted for the list. Ascending means: titles A–Z, due dates soonest first, priority
 * most urgent first, columns in board order, assignees A–Z by first assignee. Tasks without a
 * value (no due date, nobody assigned) come last either way; ties keep the board's order.
 */
export function sortTasks(
  tasks: readonly Task[],
  sort: ListSort,
  context: { columnIndex(columnId: string): number; language: string },
): Task[] {
  const collator = new Intl.Collator(context.language, { sensitivity: "base", numeric: true });
  const sign = sort.direction === "asc" ? 1 : -1;
  const boardOrder = (a: Task, b: Task) =>
    context.columnIndex(a.columnId) - context.columnIndex(b.columnId) || compareKeys(a.position, b.position);
  const firstAssignee = (task: Task) =>
    [...task.assignees].map((p) => p.displayName).sort(collator.compare)[0] ?? null;

  const compare = (a: Task, b: Task): number => {
    switch (sort.key) {
      case "title":
        return sign * collator.compare(a.title, b.title);
      case "priority":
        return sign * (priorityRank(a.priority) - priorityRank(b.priority));
      case "column":
        return sign * (context.columnIndex(a.columnId) - context.columnIndex(b.columnId));
      case "due":
        return emptyLast(a.dueDate, b.dueDate, (x, y) => sign * compareKeys(x, y));
      case "assignee":
        return emptyLast(firstAssignee(a), firstAssignee(b), (x, y) => sign * collator.compare(x, y));
    }
  };
  return [...tasks].sort((a, b) => compare(a, b) || boardOrder(a, b));
}

function emptyLast<T>(a: T | null, b: T | null, compare: (a: T, b: T) => number): number {
  if (a === null && b === null) {
    return 0;
  }
  if (a === null) {
    return 1;
  }
  if (b === null) {
    return -1;
  }
  return compare(a, b);
}
