import { AppError } from "@ensemble/contracts/errors";
import type { Db } from "@ensemble/db/db";
import { generateKeyBetween, generateNKeysBetween } from "fractional-indexing";
import { sql } from "kysely";

/**
 * Fractional ordering of a list (a column's tasks, a board's columns, a task's checklist): each
 * item has a `position` key (from `fractional-indexing`, compared byte-wise: the columns use
 * collation "C"), so putting an item somewhere writes that item's row only.
 *
 * Callers hold a lock that serialises writers of the list (the column row for tasks, the board
 * row for columns, the task row for checklist items) before they read neighbours here, so two
 * writers never compute the same key from the same neighbours.
 */

/** Where to put an item, by its neighbours' ids (see `Placement` in the boards contract). */
export interface Placement {
  afterId?: string | null | undefined;
  beforeId?: string | null | undefined;
}

/** An ordered list in a table: the rows whose `scopeColumn` equals `scopeId`. */
export interface OrderedList {
  table: "tasks" | "board_columns" | "task_checklist_items" | "boards";
  scopeColumn: "column_id" | "board_id" | "task_id" | "project_id";
  scopeId: string;
}

/** Is this a key `fractional-indexing` accepts? (The library validates by throwing.) */
export function isValidKey(key: string): boolean {
  try {
    generateKeyBetween(key, null);
    return true;
  } catch {
    return false;
  }
}

/** Refuses a client-computed key that is not a valid key (422 `position: "invalid_position"`). */
export function assertValidKey(key: string | undefined): void {
  if (key !== undefined && !isValidKey(key)) {
    throw new AppError("validation_failed", "The position is not a valid order key.", {
      fields: { position: "invalid_position" },
    });
  }
}

function notInList(field: "afterId" | "beforeId"): AppError {
  return new AppError("validation_failed", "The neighbour is not in that list.", {
    fields: { [field]: "not_found" },
  });
}

async function positionOf(db: Db, list: OrderedList, id: string): Promise<string | undefined> {
  const { rows } = await sql<{ position: string }>`select position from ${sql.table(list.table)}
    where id = ${id} and ${sql.ref(list.scopeColumn)} = ${list.scopeId}`.execute(db);
  return rows[0]?.position;
}

/** The nearest key after `key` (or the first, for null), leaving out one item. */
async function nextKey(
  db: Db,
  list: OrderedList,
  key: string | null,
  exclude: string | undefined,
): Promise<string | null> {
  const { rows } = await sql<{ position: string }>`select position from ${sql.table(list.table)}
    where ${sql.ref(list.scopeColumn)} = ${list.scopeId}
    ${key === null ? sql`` : sql`and position > ${key}`}
    ${exclude ? sql`and id <> ${exclude}` : sql``}
    order by position limit 1`.execute(db);
  return rows[0]?.position ?? null;
}

/** The nearest key before `key` (or the last, for null), leaving out one item. */
async function previousKey(
  db: Db,
  list: OrderedList,
  key: string | null,
  exclude: string | undefined,
): Promise<string | null> {
  const { rows } = await sql<{ position: string }>`select position from ${sql.table(list.table)}
    where ${sql.ref(list.scopeColumn)} = ${list.scopeId}
    ${key === null ? sql`` : sql`and position < ${key}`}
    ${exclude ? sql`and id <> ${exclude}` : sql``}
    order by position desc limit 1`.execute(db);
  return rows[0]?.position ?? null;
}

/**
 * The two keys the item goes between (null: open end), read now from the list; the item being
 * moved (`exclude`) does not count as a neighbour. A neighbour id that is not in the list, or the
 * item itself, answers 422.
 */
export async function boundsFor(
  db: Db,
  list: OrderedList,
  placement: Placement,
  exclude?: string,
): Promise<{ lower: string | null; upper: string | null }> {
  const { afterId, beforeId } = placement;
  if (typeof afterId === "string") {
    const lower = afterId === exclude ? undefined : await positionOf(db, list, afterId);
    if (lower === undefined) {
      throw notInList("afterId");
    }
    if (typeof beforeId === "string") {
      const before = beforeId === exclude ? undefined : await positionOf(db, list, beforeId);
      if (before === undefined) {
        throw notInList("beforeId");
      }
      if (before <= lower) {
        throw new AppError("validation_failed", "The item after must come after the item before.", {
          fields: { beforeId: "not_after" },
        });
      }
    }
    // the nearest key after it: someone may have put an item in between meanwhile
    return { lower, upper: await nextKey(db, list, lower, exclude) };
  }
  if (typeof beforeId === "string") {
    const upper = beforeId === exclude ? undefined : await positionOf(db, list, beforeId);
    if (upper === undefined) {
      throw notInList("beforeId");
    }
    return { lower: await previousKey(db, list, upper, exclude), upper };
  }
  if (afterId === null) {
    return { lower: null, upper: await nextKey(db, list, null, exclude) };
  }
  return { lower: await previousKey(db, list, null, exclude), upper: null };
}

/**
 * The key for an item placed as asked: the client's own `wanted` key when it is valid and still
 * lies strictly between the neighbours (so it is free: the neighbours are adjacent), else a fresh
 * one from `generateKeyBetween`.
 */
export async function keyFor(
  db: Db,
  list: OrderedList,
  placement: Placement,
  options: { exclude?: string; wanted?: string } = {},
): Promise<string> {
  const { lower, upper } = await boundsFor(db, list, placement, options.exclude);
  const wanted = options.wanted;
  if (
    wanted !== undefined &&
    isValidKey(wanted) &&
    (lower === null || lower < wanted) &&
    (upper === null || wanted < upper)
  ) {
    return wanted;
  }
  return generateKeyBetween(lower, upper);
}

/** `n` keys after the last item of the list, in order (for appending several items at once). */
export async function keysAtEnd(db: Db, list: OrderedList, n: number): Promise<string[]> {
  return generateNKeysBetween(await previousKey(db, list, null, undefined), null, n);
}

/** The first `n` keys of an empty list. */
export function firstKeys(n: number): string[] {
  return generateNKeysBetween(null, null, n);
}
