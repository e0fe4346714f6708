import { describe, expect, it } from "vitest";
import {
  boardsWorld,
  createLabel,
  createTask,
  eventsSince,
  lastEventId,
  moveTask,
} from "../../test/boards.ts";
import { useTestApp } from "../../test/harness.ts";

const t = useTestApp();

const doc = (text: string) => ({
  type: "doc",
  content: [{ type: "paragraph", content: [{ type: "text", text }] }],
});

interface Card {
  id: string;
  title: string;
  columnId: string;
  startDate: string | null;
  dueDate: string | null;
}

async function boardTasks(
  client: { get(path: string): Promise<{ json: Record<string, any> }> },
  boardId: string,
) {
  return (await client.get(`/api/boards/${boardId}`)).json.tasks as Card[];
}

describe("repeating tasks", () => {
  it("makes the next one when a repeating task is done: dates moved, the same content, unticked, in the first open column", async () => {
    const { lead, editor, project, board, todo, doing, done } = await boardsWorld(t);
    const label = await createLabel(lead.client, project.id);
    const task = await createTask(lead.client, board.id, doing.id, {
      title: "Quartalsbericht",
      description: doc("An den Vorstand"),
      assigneeIds: [editor.user.id],
      labelIds: [label.id],
      priority: "high",
      startDate: "2027-03-20",
      dueDate: "2027-03-31",
      recurrence: "FREQ=MONTHLY;INTERVAL=3;BYMONTHDAY=-1",
    });
    const item = (await lead.client.post(`/api/tasks/${task.id}/checklist`, { text: "Zahlen" })).json.task
      .checklistItems[0];
    await lead.client.patch(`/api/checklist-items/${item.id}`, { done: true });
    const before = await lastEventId(t);

    const completed = await moveTask(editor.client, task.id, { columnId: done.id });
    expect(completed.completedAt).not.toBeNull();
    const next = (await boardTasks(lead.client, board.id)).find((c) => c.id !== task.id) as Card;
    expect(next).toMatchObject({
      title: "Quartalsbericht",
      columnId: todo.id,
      startDate: "2027-06-19",
      dueDate: "2027-06-30",
    });
    const detail = (await lead.client.get(`/api/tasks/${next.id}`)).json.task;
    expect(detail).toMatchObject({
      description: doc("An den Vorstand"),
      assignees: [{ id: editor.user.id, displayName: "Ed Editor" }],
      labelIds: [label.id],
      priority: "high",
      recurrence: "FREQ=MONTHLY;INTERVAL=3;BYMONTHDAY=-1",
      checklist: { done: 0, total: 1 },
      checklistItems: [{ text: "Zahlen", done: false }],
      completedAt: null,
      createdBy: { id: editor.user.id, displayName: "Ed Editor" },
      nextOccurrences: ["2027-09-30", "2027-12-31", "2028-03-31"],
    });
    const history = (await lead.client.get(`/api/tasks/${next.id}/activity`)).json.activity;
    expect(history.map((e: { kind: string; data: unknown }) => [e.kind, e.data])).toEqual([
      ["created", { fromTaskId: task.id }],
    ]);
    const events = await eventsSince(t, before);
    expect(new Set(events.map((e) => e.data.task?.id))).toEqual(new Set([task.id, next.id]));

    // out of the done column and back: no second one
    await moveTask(lead.client, task.id, { columnId: doing.id });
    await moveTask(lead.client, task.id, { columnId: done.id });
    expect(await boardTasks(lead.client, board.id)).toHaveLength(2);

    // the next one, done in its turn, makes the third
    await moveTask(lead.client, next.id, { columnId: done.id });
    const third = (await boardTasks(lead.client, board.id)).filter((c) => c.columnId === todo.id);
    expect(third.map((c) => [c.startDate, c.dueDate])).toEqual([["2027-09-19", "2027-09-30"]]);
  });

  it("makes only one next task when the same task is completed twice at once", async () => {
    const { lead, editor, board, todo, done } = await boardsWorld(t);
    const task = await createTask(lead.client, board.id, todo.id, {
      dueDate: "2027-01-15",
      recurrence: "FREQ=WEEKLY",
    });
    const answers = await Promise.all([
      lead.client.post(`/api/tasks/${task.id}/move`, { columnId: done.id }),
      editor.client.post(`/api/tasks/${task.id}/move`, { columnId: done.id, afterId: null }),
      lead.client.post(`/api/tasks/${task.id}/move`, { columnId: done.id, beforeId: null }),
    ]);
    expect(answers.map((a) => a.status)).toEqual([200, 200, 200]);
    const open = (await boardTasks(lead.client, board.id)).filter((c) => c.columnId === todo.id);
    expect(open.map((c) => c.dueDate)).toEqual(["2027-01-22"]);
  });

  it("gives a repeating task without dates the next date as its due date, and stops where the rule ends", async () => {
    const { lead, board, todo, done } = await boardsWorld(t);
    const today = t.clock.now.toISOString().slice(0, 10);
    const tomorrow = new Date(t.clock.now.getTime() + 86_400_000).toISOString().slice(0, 10);
    const daily = await createTask(lead.client, board.id, todo.id, {
      title: "Täglich",
      recurrence: "FREQ=DAILY",
    });
    expect(daily.nextOccurrences[0]).toBe(tomorrow);
    await moveTask(lead.client, daily.id, { columnId: done.id });
    const made = (await boardTasks(lead.client, board.id)).find(
      (c) => c.title === "Täglich" && c.id !== daily.id,
    );
    expect(made).toMatchObject({ startDate: null, dueDate: tomorrow, columnId: todo.id });
    expect(today < tomorrow).toBe(true);

    const last = await createTask(lead.client, board.id, todo.id, {
      title: "Letztes Mal",
      dueDate: "2027-01-01",
      recurrence: "FREQ=YEARLY;UNTIL=20280101T000000Z",
    });
    expect(last.nextOccurrences).toEqual(["2028-01-01"]);
    await moveTask(lead.client, last.id, { columnId: done.id });
    const second = (await boardTasks(lead.client, board.id)).find(
      (c) => c.title === "Letztes Mal" && c.id !== last.id,
    );
    expect(second?.dueDate).toBe("2028-01-01");
    expect((await lead.client.get(`/api/tasks/${second?.id}`)).json.task.nextOccurrences).toEqual([]);
    await moveTask(lead.client, second?.id ?? "", { columnId: done.id });
    expect((await boardTasks(lead.client, board.id)).filter((c) => c.title === "Letztes Mal")).toHaveLength(
      2,
    );
  });

  it("does not repeat a task that is archived when its column becomes done, nor one without a rule", async () => {
    const { lead, board, todo, doing } = await boardsWorld(t);
    await createTask(lead.client, board.id, doing.id, { title: "Einmalig" });
    const repeating = await createTask(lead.client, board.id, doing.id, {
      title: "Wöchentlich",
      recurrence: "FREQ=WEEKLY",
    });
    const archived = await createTask(lead.client, board.id, doing.id, {
      title: "Alt",
      recurrence: "FREQ=WEEKLY",
    });
    await lead.client.post(`/api/tasks/${archived.id}/archive`);
    await lead.client.patch(`/api/columns/${doing.id}`, { isDone: true });
    const titles = (await boardTasks(lead.client, board.id))
      .filter((c) => c.columnId === todo.id)
      .map((c) => c.title);
    expect(titles).toEqual(["Wöchentlich"]);
    expect(repeating.id).toBeTruthy();
  });
});
