import { describe, expect, it } from "vitest";
import {
  boardsOutsider,
  boardsWorld,
  createTask,
  eventsSince,
  lastEventId,
  moveTask,
} from "../../test/boards.ts";
import { useTestApp } from "../../test/harness.ts";
import { type SseClient, useStreams } from "../../test/sse.ts";
import { expectError } from "../../test/tenancy.ts";

/*
 * Boards on the live stream, over real HTTP: who receives a board's events, and catching up on
 * task moves after a dropped connection. (Every board route's 404 for another organisation is in
 * boards.int.test.ts; the stream's own mechanics, with hand-made events, in events.int.test.ts.)
 * The hub reads the log only when signalled here, so each delivery is the services' own signal.
 */

const t = useTestApp({ eventHub: { pollMs: 60_000, scopeRefreshMs: 60_000 } });

const streams = useStreams(t);

/** Opens a stream for `who` (resuming after `lastEventId`), once it told its first position. */
async function connect(
  who: { client: { cookie: string | undefined } },
  lastEventId?: string,
): Promise<SseClient> {
  const c = await streams.open(who, { lastEventId });
  expect(c.status).toBe(200);
  await c.until((x) => x.lastEventId !== undefined, 5_000, "the stream's first position");
  return c;
}

describe("a board's live events", () => {
  it("reach the project's viewer, and nothing of them reaches another organisation's member, who gets 404 for the board", async () => {
    const { lead, editor, viewer, project, board, todo, doing } = await boardsWorld(t);
    const task = await createTask(lead.client, board.id, todo.id, { title: "Technik buchen" });
    const stranger = await boardsOutsider(t);

    // the stranger cannot read the board or its tasks
    for (const path of [
      `/api/boards/${board.id}`,
      `/api/boards/${board.id}/archive`,
      `/api/projects/${project.id}/boards`,
      `/api/tasks/${task.id}`,
      `/api/tasks/${task.id}/activity`,
      `/api/tasks/${task.id}/comments`,
    ]) {
      expectError(await stranger.client.get(path), 404, "not_found");
    }
    const myTasks = await stranger.client.get("/api/me/tasks");
    expect(myTasks.status).toBe(200);
    expect(JSON.stringify(myTasks.json)).not.toContain(task.id);

    const [watching, outside] = await Promise.all([connect(viewer), connect(stranger)]);
    const before = await lastEventId(t);
    await moveTask(editor.client, task.id, { columnId: doing.id });
    expect(
      (await lead.client.patch(`/api/tasks/${task.id}`, { title: "Technik buchen (bestätigt)" })).status,
    ).toBe(200);
    expect((await lead.client.patch(`/api/boards/${board.id}`, { name: "Planung Sommer" })).status).toBe(200);
    const added = await lead.client.post(`/api/boards/${board.id}/columns`, { name: "Wartet" });
    expect(added.status, added.text).toBe(201);

    const ours = await eventsSince(t, before);
    expect(ours.map((e) => e.type)).toEqual([
      "task.changed",
      "task.changed",
      "board.changed",
      "board.changed",
    ]);
    await watching.untilEvents(4, 1_000);
    expect(watching.events.map((e) => e.sseId)).toEqual(ours.map((e) => e.id));
    expect(watching.events[0]?.envelope).toMatchObject({
      type: "task.changed",
      actorId: editor.user.id,
      data: { projectId: project.id, boardId: board.id, task: { id: task.id, columnId: doing.id } },
    });
    expect(watching.events[1]?.envelope).toMatchObject({
      data: { task: { id: task.id, title: "Technik buchen (bestätigt)" } },
    });

    // a change on the stranger's own board reaches him after those: so none of them was sent to him
    expect(
      (await stranger.client.patch(`/api/boards/${stranger.board.id}`, { name: "Eigenes Brett" })).status,
    ).toBe(200);
    await outside.untilEvents(1);
    expect(outside.events.map((e) => e.envelope)).toEqual([
      expect.objectContaining({
        type: "board.changed",
        data: { projectId: stranger.project.id, boardId: stranger.board.id },
      }),
    ]);
    const hidden = new Set(ours.map((e) => e.id));
    expect(outside.messages.filter((m) => m.data !== undefined && hidden.has(m.id ?? ""))).toEqual([]);
    // and the viewer, for whom that board is another organisation's, got nothing of it
    expect(watching.events).toHaveLength(4);
  });

  it("resumes after a disconnect with exactly the task moves missed, in order, then goes on live", async () => {
    const { lead, editor, viewer, board, todo, doing, done } = await boardsWorld(t);
    const first = await createTask(lead.client, board.id, todo.id, { title: "Erste" });
    const second = await createTask(lead.client, board.id, todo.id, { title: "Zweite" });
    const stranger = await boardsOutsider(t);
    const strangerTask = await createTask(
      stranger.client,
      stranger.board.id,
      stranger.board.columns[0]?.id ?? "",
      {
        title: "Fremd",
      },
    );

    const stream = await connect(viewer);
    await moveTask(editor.client, first.id, { columnId: doing.id });
    await stream.untilEvents(1, 1_000);
    const resumeFrom = stream.lastEventId;
    expect(resumeFrom).toBe(stream.events[0]?.sseId);
    // the connection drops
    stream.close();
    await expect.poll(() => t.deps.eventHub.size).toBe(0);

    // meanwhile: four moves on the board (across, back, within a column) and one elsewhere
    await moveTask(lead.client, second.id, { columnId: doing.id, afterId: first.id });
    await moveTask(editor.client, first.id, { columnId: done.id });
    await moveTask(stranger.client, strangerTask.id, { columnId: stranger.board.columns[1]?.id });
    await moveTask(lead.client, first.id, { columnId: doing.id, beforeId: second.id });
    await moveTask(editor.client, second.id, { columnId: doing.id, beforeId: first.id });
    const missed = (await eventsSince(t, resumeFrom)).filter((e) => e.data.boardId === board.id);
    expect(missed.map((e) => [e.data.task.id, e.data.task.columnId])).toEqual([
      [second.id, doing.id],
      [first.id, done.id],
      [first.id, doing.id],
      [second.id, doing.id],
    ]);

    // the browser reconnects with Last-Event-ID
    const again = await connect(viewer, resumeFrom);
    await again.untilEvents(4);
    expect(again.events.map((e) => e.sseId)).toEqual(missed.map((e) => e.id));
    expect(again.events.map((e) => e.envelope)).toEqual(
      missed.map((e) => expect.objectContaining({ type: "task.changed", data: e.data })),
    );
    // the board the viewer rebuilds from them is the board as stored
    const cards = new Map<string, { columnId: string; position: string }>();
    for (const e of again.events) {
      if (e.envelope.type === "task.changed") {
        cards.set(e.envelope.data.task.id, e.envelope.data.task);
      }
    }
    const stored = await viewer.client.get(`/api/boards/${board.id}`);
    for (const task of stored.json.tasks as { id: string; columnId: string; position: string }[]) {
      const card = cards.get(task.id);
      expect(card && { columnId: card.columnId, position: card.position }).toEqual({
        columnId: task.columnId,
        position: task.position,
      });
    }

    // then live, without repeating anything
    const live = await moveTask(lead.client, second.id, { columnId: todo.id });
    await again.untilEvents(5, 1_000);
    expect(again.events.map((e) => e.sseId)).toEqual([...missed.map((e) => e.id), again.events[4]?.sseId]);
    expect(again.events[4]?.envelope).toMatchObject({ data: { task: { id: live.id, columnId: todo.id } } });
    expect(new Set(again.events.map((e) => e.sseId)).size).toBe(5);
    expect(again.events.some((e) => e.type === "stream.reset")).toBe(false);
  });
});
