import { sql } from "kysely";
import { describe, expect, it } from "vitest";
import { boardsWorld, createTask } from "../../test/boards.ts";
import type { Client } from "../../test/harness.ts";
import { useTestApp } from "../../test/harness.ts";

/*
 * Concurrent writers of one column, through the real app on the real database: on PostgreSQL
 * (TEST_DATABASE_URL) the requests run in parallel transactions on a pool of connections; on the
 * embedded PGlite they take turns, and the same assertions hold.
 */

const t = useTestApp();

/** A small seeded generator, so a failure can be replayed. */
function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

interface Card {
  id: string;
  title: string;
  columnId: string;
  position: string;
}

/** A reader's view of the board: each column's task titles in position order (byte-wise). */
async function order(client: Client, boardId: string): Promise<Record<string, string[]>> {
  const res = await client.get(`/api/boards/${boardId}`);
  expect(res.status).toBe(200);
  const out: Record<string, string[]> = {};
  const cards = (res.json.tasks as Card[])
    .slice()
    .sort((a, b) =>
      a.columnId === b.columnId ? (a.position < b.position ? -1 : 1) : a.columnId < b.columnId ? -1 : 1,
    );
  for (const card of cards) {
    out[card.columnId] = [...(out[card.columnId] ?? []), card.title];
  }
  for (const column of Object.keys(out)) {
    const positions = cards.filter((c) => c.columnId === column).map((c) => c.position);
    expect(new Set(positions).size, `positions in ${column}`).toBe(positions.length);
  }
  return out;
}

async function duplicatePositions(): Promise<unknown[]> {
  const { rows } = await sql`select column_id, position, count(*)::int as n from tasks
    group by column_id, position having count(*) > 1`.execute(t.deps.db);
  return rows;
}

describe("concurrent moves", () => {
  it("moves of the same and neighbouring tasks by two people end in one order that both read", async () => {
    const { lead, editor, board, todo, doing } = await boardsWorld(t);
    const tasks: Card[] = [];
    for (let i = 0; i < 10; i++) {
      tasks.push((await createTask(lead.client, board.id, todo.id, { title: `T${i}` })) as unknown as Card);
    }
    // T0–T3 move around (each several times, at once); T5–T7 stay put as neighbours
    const movers = tasks.slice(0, 4);
    const anchors = tasks.slice(5, 8);
    const rnd = random(6);
    const moves = Array.from({ length: 20 }, (_, i) => {
      const task = movers[i % movers.length] as Card;
      const anchor = anchors[Math.floor(rnd() * anchors.length)] as Card;
      const kind = Math.floor(rnd() * 4);
      const body =
        kind === 0
          ? { columnId: todo.id, afterId: anchor.id }
          : kind === 1
            ? { columnId: todo.id, beforeId: anchor.id }
            : kind === 2
              ? { columnId: doing.id }
              : { columnId: doing.id, afterId: null };
      return { client: i % 2 === 0 ? lead.client : editor.client, task, body };
    });
    const answers = await Promise.all(
      moves.map((m) => m.client.post(`/api/tasks/${m.task.id}/move`, m.body)),
    );
    expect(answers.map((a) => a.status)).toEqual(moves.map(() => 200));
    expect(await duplicatePositions()).toEqual([]);

    const asLead = await order(lead.client, board.id);
    const asEditor = await order(editor.client, board.id);
    expect(asEditor).toEqual(asLead);
    const all = Object.values(asLead).flat().sort();
    expect(all).toEqual(tasks.map((x) => x.title).sort());
    // the anchors kept their order among themselves
    const todoOrder = asLead[todo.id] ?? [];
    expect(todoOrder.filter((title) => ["T5", "T6", "T7"].includes(title))).toEqual(["T5", "T6", "T7"]);
    // the moves between columns are in the tasks' histories
    const { rows } = await sql<{ n: number }>`select count(*)::int as n from task_activity
      where kind = 'moved' and task_id in (${sql.join(movers.map((m) => m.id))})`.execute(t.deps.db);
    expect(Number(rows[0]?.n)).toBeGreaterThan(0);
  });

  it("twenty tasks added at the end of one column at once all get their own place", async () => {
    const { lead, editor, board, todo } = await boardsWorld(t);
    const answers = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        (i % 2 ? lead : editor).client.post(`/api/boards/${board.id}/tasks`, {
          columnId: todo.id,
          title: `N${i}`,
        }),
      ),
    );
    expect(answers.map((a) => a.status)).toEqual(answers.map(() => 201));
    expect(await duplicatePositions()).toEqual([]);
    const asLead = await order(lead.client, board.id);
    expect(asLead[todo.id]).toHaveLength(20);
    expect(await order(editor.client, board.id)).toEqual(asLead);
  });

  it("moves between the same two columns in opposite directions do not deadlock", async () => {
    const { lead, editor, board, todo, doing } = await boardsWorld(t);
    const left: Card[] = [];
    const right: Card[] = [];
    for (let i = 0; i < 5; i++) {
      left.push((await createTask(lead.client, board.id, todo.id, { title: `L${i}` })) as unknown as Card);
      right.push((await createTask(lead.client, board.id, doing.id, { title: `R${i}` })) as unknown as Card);
    }
    const answers = await Promise.all([
      ...left.map((task) =>
        lead.client.post(`/api/tasks/${task.id}/move`, { columnId: doing.id, afterId: null }),
      ),
      ...right.map((task) =>
        editor.client.post(`/api/tasks/${task.id}/move`, { columnId: todo.id, afterId: null }),
      ),
    ]);
    expect(answers.map((a) => a.status)).toEqual(answers.map(() => 200));
    const view = await order(lead.client, board.id);
    expect(view[doing.id]?.slice().sort()).toEqual(["L0", "L1", "L2", "L3", "L4"]);
    expect(view[todo.id]?.slice().sort()).toEqual(["R0", "R1", "R2", "R3", "R4"]);
    expect(await order(editor.client, board.id)).toEqual(view);
  });
});
