import type { BoardColumn, Task } from "@ensemble/contracts/boards";
import { generateKeyBetween } from "fractional-indexing";

/**
 * Order keys (`position`) come from `fractional-indexing`: they compare byte-wise. JavaScript's
 * `<` on strings compares UTF-16 code units, which for these ASCII keys is the same order; never
 * `localeCompare`, which would sort "a0" and "A0" by the reader's language.
 */
export function compareKeys(a: string, b: string): number {
  if (a === b) {
    return 0;
  }
  return a < b ? -1 : 1;
}

/** Things with an order key, sorted by it (ties, which the database forbids, by id). */
export function byPosition<T extends { id: string; position: string }>(items: readonly T[]): T[] {
  return [...items].sort((a, b) => compareKeys(a.position, b.position) || compareKeys(a.id, b.id));
}

/** The board's columns in their order. */
export function orderedColumns(columns: readonly BoardColumn[]): BoardColumn[] {
  return byPosition(columns);
}

/** Task ids per column id, each column in order; every column of the board has an entry. */
export type ColumnItems = Record<string, string[]>;

/** The tasks of each column (ids, in order), for the board view and its drag and drop. */
export function columnItems(columns: readonly BoardColumn[], tasks: readonly Task[]): ColumnItems {
  const items: ColumnItems = {};
  for (const column of columns) {
    items[column.id] = [];
  }
  for (const task of byPosition(tasks)) {
    items[task.columnId]?.push(task.id);
  }
  return items;
}

/** Where a task goes: its column and its neighbours there (ids), plus the key computed from them. */
export interface MovePlan {
  columnId: string;
  afterId: string | null;
  beforeId: string | null;
  /** The new key between the neighbours' keys as this client saw them (undefined if they are unusable). */
  position: string | undefined;
}

/** A new key between two keys (either may be null for "the start" or "the end"); undefined if invalid. */
export function keyBetween(after: string | null, before: string | null): string | undefined {
  try {
    return generateKeyBetween(after, before);
  } catch {
    // keys from elsewhere that the library refuses (or in the wrong order): the server places it
    return undefined;
  }
}

/**
 * The move of `taskId` to `index` in `columnId`, whose tasks are `ids` (in order, with or without
 * the task itself: it is taken out first). The API gets the neighbours by id (it reads their current
 * keys under a lock) and the key we computed, which it uses when it still fits.
 */
export function planMove(
  taskId: string,
  columnId: string,
  ids: readonly string[],
  index: number,
  positionOf: (id: string) => string | undefined,
): MovePlan {
  const others = ids.filter((id) => id !== taskId);
  const at = Math.max(0, Math.min(index, others.length));
  const afterId = others[at - 1] ?? null;
  const beforeId = others[at] ?? null;
  const afterKey = afterId === null ? null : (positionOf(afterId) ?? null);
  const beforeKey = beforeId === null ? null : (positionOf(beforeId) ?? null);
  const missing = (afterId !== null && afterKey === null) || (beforeId !== null && beforeKey === null);
  return {
    columnId,
    afterId,
    beforeId,
    position: missing ? undefined : keyBetween(afterKey, beforeKey),
  };
}

/** The plan for the place `taskId` has in `items` (after a drag ended there). */
export function planFromItems(
  taskId: string,
  items: ColumnItems,
  positionOf: (id: string) => string | undefined,
): MovePlan | null {
  for (const [columnId, ids] of Object.entries(items)) {
    const index = ids.indexOf(taskId);
    if (index >= 0) {
      return planMove(taskId, columnId, ids, index, positionOf);
    }
  }
  return null;
}

/** The column a task (or a column's own id) is in, within `items`. */
export function containerOf(items: ColumnItems, id: string): string | undefined {
  if (id in items) {
    return id;
  }
  return Object.keys(items).find((columnId) => items[columnId]?.includes(id));
}

/**
 * `items` with `taskId` moved into `toColumn` at `index` (the drag passing over another column or
 * another task). Returns the same object when nothing changes, so React can skip the render.
 */
export function moveInItems(
  items: ColumnItems,
  taskId: string,
  toColumn: string,
  index: number,
): ColumnItems {
  const from = containerOf(items, taskId);
  if (from === undefined || !(toColumn in items)) {
    return items;
  }
  const source = (items[from] ?? []).filter((id) => id !== taskId);
  const target = from === toColumn ? source : [...(items[toColumn] ?? [])];
  const at = Math.max(0, Math.min(index, target.length));
  if (from === toColumn && (items[from] ?? []).indexOf(taskId) === at) {
    return items;
  }
  target.splice(at, 0, taskId);
  return { ...items, [from]: source, [toColumn]: target };
}

/** Tasks with one task moved (column and key), as the board shows it before the API answers. */
export function withMovedTask(
  tasks: readonly Task[],
  taskId: string,
  columnId: string,
  position: string,
): Task[] {
  return tasks.map((task) => (task.id === taskId ? { ...task, columnId, position } : task));
}

/**
 * The plan for a move chosen from a menu (no drag): to the start or the end of another column,
 * or one place up or down in its own.
 */
export function planMenuMove(
  taskId: string,
  items: ColumnItems,
  target: { columnId: string; where: "start" | "end" } | { step: -1 | 1 },
  positionOf: (id: string) => string | undefined,
): MovePlan | null {
  if ("columnId" in target) {
    const ids = items[target.columnId];
    if (!ids) {
      return null;
    }
    const others = ids.filter((id) => id !== taskId);
    return planMove(
      taskId,
      target.columnId,
      others,
      target.where === "start" ? 0 : others.length,
      positionOf,
    );
  }
  const columnId = containerOf(items, taskId);
  const ids = columnId === undefined ? undefined : items[columnId];
  if (columnId === undefined || !ids) {
    return null;
  }
  const index = ids.indexOf(taskId) + target.step;
  if (index < 0 || index >= ids.length) {
    return null;
  }
  return planMove(taskId, columnId, ids, index, positionOf);
}

/** Id lists per column without an id (a task that left the board). */
export function withoutId(items: ColumnItems, id: string): ColumnItems {
  const next: ColumnItems = {};
  for (const [columnId, ids] of Object.entries(items)) {
    next[columnId] = ids.filter((other) => other !== id);
  }
  return next;
}

/** Where a dragged task is (or would be) for the announcements: column, 1-based position, count. */
export interface Place {
  columnId: string;
  position: number;
  count: number;
}

/**
 * The place `activeId` takes when it is over `overId` (a task or a column) in `items`: a task's
 * place over another task is that task's, over a column it is the end (or where it already is).
 */
export function placeOf(items: ColumnItems, activeId: string, overId: string): Place | null {
  const columnId = containerOf(items, overId);
  const ids = columnId === undefined ? undefined : items[columnId];
  if (columnId === undefined || !ids) {
    return null;
  }
  const inside = ids.includes(activeId);
  const count = inside ? ids.length : ids.length + 1;
  if (overId === activeId || (overId === columnId && inside)) {
    return { columnId, position: ids.indexOf(activeId) + 1, count };
  }
  if (overId === columnId) {
    return { columnId, position: count, count };
  }
  return { columnId, position: ids.indexOf(overId) + 1, count };
}
