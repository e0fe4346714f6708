import type { BoardResponse, Task } from "@ensemble/contracts/boards";

/** Is `incoming` older than what we hold (a late event about a state we already moved past)? */
export function isOlder(incoming: Pick<Task, "updatedAt">, held: Pick<Task, "updatedAt">): boolean {
  const a = Date.parse(incoming.updatedAt);
  const b = Date.parse(held.updatedAt);
  if (Number.isNaN(a) || Number.isNaN(b)) {
    return false;
  }
  return a < b;
}

/**
 * The board's data with one task as it is now (created, edited, moved, archived, restored): an
 * open task of this board is put in (or replaced), anything else leaves the board (archived, or
 * moved to another board). An event older than the task we hold changes nothing.
 */
export function withTaskChanged(data: BoardResponse, task: Task): BoardResponse {
  const held = data.tasks.find((t) => t.id === task.id);
  if (held && isOlder(task, held)) {
    return data;
  }
  const belongs = task.boardId === data.board.id && task.archivedAt === null;
  if (!belongs) {
    return held ? { ...data, tasks: data.tasks.filter((t) => t.id !== task.id) } : data;
  }
  if (!data.board.columns.some((c) => c.id === task.columnId)) {
    // a column we do not know yet: the board itself changed (refetched by board.changed)
    return held ? { ...data, tasks: data.tasks.map((t) => (t.id === task.id ? task : t)) } : data;
  }
  return held
    ? { ...data, tasks: data.tasks.map((t) => (t.id === task.id ? task : t)) }
    : { ...data, tasks: [...data.tasks, task] };
}

/** The board's data without a task (deleted). */
export function withTaskRemoved(data: BoardResponse, taskId: string): BoardResponse {
  if (!data.tasks.some((t) => t.id === taskId)) {
    return data;
  }
  return { ...data, tasks: data.tasks.filter((t) => t.id !== taskId) };
}

/** A task's card fields taken over into a fuller object (the detail) without losing its extra fields. */
export function mergeCard<T extends Task>(detail: T, card: Task): T {
  if (isOlder(card, detail)) {
    return detail;
  }
  return { ...detail, ...card };
}
