import type pg from "pg";

/** Where one move takes a task: a column, after one task and before another (ids, null at an end). */
export interface Move {
  taskId: string;
  kind: "between" | "within";
  fromColumn: number;
  toColumn: number;
  columnId: string;
  afterId: string | null;
  beforeId: string | null;
}

/**
 * The board as the mover sees it (the order of task ids per column), like a client's copy of the
 * board: moves are picked from it and applied to it when sent. Reloaded from the database between
 * phases, so a refused move never leaves it wrong for long.
 */
export class BoardModel {
  private constructor(
    readonly columnIds: string[],
    readonly tasks: string[][],
  ) {}

  /** The board's open tasks in order, read with `pg`. */
  static async load(client: pg.Client, boardId: string): Promise<BoardModel> {
    const columns = await client.query<{ id: string }>(
      "select id from board_columns where board_id = $1 order by position",
      [boardId],
    );
    const columnIds = columns.rows.map((r) => r.id);
    const tasks = await client.query<{ id: string; column_id: string }>(
      `select t.id, t.column_id from tasks t where t.board_id = $1 and t.archived_at is null
       order by t.column_id, t.position`,
      [boardId],
    );
    const byColumn = new Map<string, string[]>(columnIds.map((id) => [id, []]));
    for (const row of tasks.rows) {
      byColumn.get(row.column_id)?.push(row.id);
    }
    return new BoardModel(
      columnIds,
      columnIds.map((id) => byColumn.get(id) ?? []),
    );
  }

  get taskCount(): number {
    return this.tasks.reduce((n, list) => n + list.length, 0);
  }

  /**
   * A move of a random task from one of `columns` to a random place: in another of `columns`
   * ("between") or elsewhere in its own ("within"). `avoid`: tasks not to pick (already moved).
   */
  pick(
    rnd: () => number,
    kind: Move["kind"],
    columns: readonly number[] = this.columnIds.map((_, i) => i),
    avoid?: ReadonlySet<string>,
  ): Move {
    const candidates = columns.filter((c) => (this.tasks[c]?.length ?? 0) > (kind === "within" ? 1 : 0));
    const from = candidates[Math.floor(rnd() * candidates.length)] ?? 0;
    const list = this.tasks[from] ?? [];
    let taskId = list[Math.floor(rnd() * list.length)] ?? "";
    for (let tries = 0; avoid?.has(taskId) && tries < 50; tries++) {
      taskId = list[Math.floor(rnd() * list.length)] ?? "";
    }
    const others = columns.filter((c) => c !== from);
    const to =
      kind === "within" || others.length === 0 ? from : (others[Math.floor(rnd() * others.length)] ?? from);
    const target = (this.tasks[to] ?? []).filter((id) => id !== taskId);
    let index = Math.floor(rnd() * (target.length + 1));
    if (to === from && target.length > 0) {
      // a move within a column must change the order
      const current = list.indexOf(taskId);
      if (index === current) {
        index = (index + 1) % (target.length + 1);
      }
    }
    return {
      taskId,
      kind,
      fromColumn: from,
      toColumn: to,
      columnId: this.columnIds[to] ?? "",
      afterId: index > 0 ? (target[index - 1] ?? null) : null,
      beforeId: target[index] ?? null,
    };
  }

  /** Applies a move to the copy (as the client's view does when the move is sent). */
  apply(move: Move): void {
    const from = this.tasks[move.fromColumn];
    const to = this.tasks[move.toColumn];
    if (!from || !to) {
      return;
    }
    const at = from.indexOf(move.taskId);
    if (at >= 0) {
      from.splice(at, 1);
    }
    const index = move.afterId
      ? to.indexOf(move.afterId) + 1
      : move.beforeId
        ? to.indexOf(move.beforeId)
        : to.length;
    to.splice(Math.max(0, index), 0, move.taskId);
  }
}

/** mulberry32: a small seeded generator, so each run picks the same moves. */
export function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
