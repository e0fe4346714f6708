import type { MyTask } from "@ensemble/contracts/boards";
import { endOfWeek } from "./boards.days.ts";
import { priorityRank } from "./boards.filters.ts";
import { compareKeys } from "./boards.order.ts";

/** The groups of "My tasks", in the order they are shown. */
export const DUE_GROUPS = ["overdue", "today", "week", "later", "none"] as const;
export type DueGroup = (typeof DUE_GROUPS)[number];

/** Which group a task belongs to on `today` (`YYYY-MM-DD` where the reader is). */
export function dueGroupOf(task: Pick<MyTask, "dueDate" | "completedAt">, today: string): DueGroup {
  const due = task.dueDate;
  if (due === null) {
    return "none";
  }
  if (due < today) {
    // done work is not late: it waits in its day's place (today) until it is archived
    return task.completedAt === null ? "overdue" : "today";
  }
  if (due === today) {
    return "today";
  }
  return due <= endOfWeek(today) ? "week" : "later";
}

/** One group with its tasks. */
export interface TaskGroup {
  group: DueGroup;
  tasks: MyTask[];
}

/**
 * My tasks grouped by due date: overdue, today, the rest of this week (to Sunday), later, without a
 * date; empty groups are left out. Within a group: soonest first, then most urgent, then by title.
 */
export function groupMyTasks(tasks: readonly MyTask[], today: string, language: string): TaskGroup[] {
  const collator = new Intl.Collator(language, { sensitivity: "base", numeric: true });
  const groups = new Map<DueGroup, MyTask[]>(DUE_GROUPS.map((g) => [g, []]));
  for (const task of tasks) {
    groups.get(dueGroupOf(task, today))?.push(task);
  }
  const order = (a: MyTask, b: MyTask) =>
    compareKeys(a.dueDate ?? "", b.dueDate ?? "") ||
    priorityRank(a.priority) - priorityRank(b.priority) ||
    collator.compare(a.title, b.title) ||
    collator.compare(a.project.name, b.project.name);
  return DUE_GROUPS.map((group) => ({ group, tasks: [...(groups.get(group) ?? [])].sort(order) })).filter(
    (g) => g.tasks.length > 0,
  );
}
