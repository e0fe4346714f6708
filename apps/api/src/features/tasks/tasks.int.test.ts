import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import {
  boardsOutsider,
  boardsWorld,
  columnTitles,
  createBoard,
  createLabel,
  createTask,
  eventsSince,
  lastEventId,
  moveTask,
} from "../../test/boards.ts";
import { joinProject, NOTHING } from "../../test/documents.ts";
import { useTestApp } from "../../test/harness.ts";
import {
  badBodies,
  createOrganisation,
  expectError,
  expectRefusedBodies,
  later,
  storesNothing,
} from "../../test/tenancy.ts";

const t = useTestApp();

const doc = (text: string) => ({
  type: "doc",
  content: [{ type: "paragraph", content: [{ type: "text", text }] }],
});

describe("creating and reading tasks", () => {
  it("creates a task with every field and shows it in detail, with its history", async () => {
    const { lead, editor, project, board, todo } = await boardsWorld(t);
    const label = await createLabel(lead.client, project.id);
    const before = await lastEventId(t);
    const task = await createTask(editor.client, board.id, todo.id, {
      title: "  Quartalsbericht  ",
      description: doc("Zahlen vom Kulturamt"),
      assigneeIds: [lead.user.id, editor.user.id, lead.user.id],
      labelIds: [label.id],
      startDate: "2027-03-01",
      dueDate: "2027-03-31",
      priority: "high",
      recurrence: "FREQ=MONTHLY;INTERVAL=3;BYMONTHDAY=-1",
    });
    expect(task).toEqual({
      id: expect.any(String),
      projectId: project.id,
      boardId: board.id,
      columnId: todo.id,
      position: "a0",
      title: "Quartalsbericht",
      priority: "high",
      startDate: "2027-03-01",
      dueDate: "2027-03-31",
      assignees: [
        { id: editor.user.id, displayName: "Ed Editor" },
        { id: lead.user.id, displayName: "Lea Lead" },
      ],
      labelIds: [label.id],
      checklist: { done: 0, total: 0 },
      commentCount: 0,
      hasDescription: true,
      recurrence: "FREQ=MONTHLY;INTERVAL=3;BYMONTHDAY=-1",
      completedAt: null,
      archivedAt: null,
      createdAt: t.clock.now.toISOString(),
      updatedAt: t.clock.now.toISOString(),
      description: doc("Zahlen vom Kulturamt"),
      checklistItems: [],
      documents: [],
      createdBy: { id: editor.user.id, displayName: "Ed Editor" },
      updatedBy: { id: editor.user.id, displayName: "Ed Editor" },
      nextOccurrences: ["2027-06-30", "2027-09-30", "2027-12-31"],
      abilities: { edit: true, comment: true },
    });
    const asViewer = (await lead.client.get(`/api/tasks/${task.id}`)).json.task;
    expect(asViewer).toEqual(task);
    const activity = (await lead.client.get(`/api/tasks/${task.id}/activity`)).json.activity;
    expect(activity).toEqual([
      {
        id: expect.any(String),
        kind: "created",
        actor: { id: editor.user.id, displayName: "Ed Editor" },
        at: t.clock.now.toISOString(),
        data: {},
      },
    ]);
    const events = await eventsSince(t, before);
    expect(events.map((e) => e.type)).toEqual(["task.changed"]);
    const {
      description: _d,
      checklistItems: _c,
      documents: _docs,
      createdBy,
      updatedBy,
      nextOccurrences,
      abilities,
      ...card
    } = task;
    expect(events[0]?.data).toEqual({ projectId: project.id, boardId: board.id, task: card });
    expect(events[0]?.project_id).toBe(project.id);
    expect(events[0]?.actor_id).toBe(editor.user.id);
  });

  it("keeps only what the document schema knows in a description, and an empty one as none", async () => {
    const { lead, board, todo } = await boardsWorld(t);
    const task = await createTask(lead.client, board.id, todo.id, {
      description: {
        type: "doc",
        content: [
          {
            type: "paragraph",
            content: [
              {
                type: "text",
                text: "klick",
                marks: [{ type: "link", attrs: { href: "javascript:alert(1)" } }],
              },
            ],
          },
          { type: "script", content: [{ type: "text", text: "alert(1)" }] },
        ],
      },
    });
    expect(task.description).toEqual(doc("klick"));
    const empty = await createTask(lead.client, board.id, todo.id, {
      description: { type: "doc", content: [{ type: "paragraph" }] },
    });
    expect(empty.description).toBeNull();
    expect(empty.hasDescription).toBe(false);
  });

  it("places new tasks at the end, at the start, or between two", async () => {
    const { lead, board, todo } = await boardsWorld(t);
    const a = await createTask(lead.client, board.id, todo.id, { title: "A" });
    const c = await createTask(lead.client, board.id, todo.id, { title: "C" });
    await createTask(lead.client, board.id, todo.id, { title: "B", afterId: a.id, beforeId: c.id });
    await createTask(lead.client, board.id, todo.id, { title: "0", afterId: null });
    await createTask(lead.client, board.id, todo.id, { title: "D", beforeId: null });
    expect(await columnTitles(lead.client, board.id, todo.id)).toEqual(["0", "A", "B", "C", "D"]);
  });

  it("refuses bad task input with clear field codes and stores nothing (no task, no history, no event)", async () => {
    const { lead, project, board, todo } = await boardsWorld(t);
    const other = await boardsOutsider(t);
    const stranger = other.user.id;
    const otherBoard = await createBoard(lead.client, project.id, { name: "Zweites" });
    const before = await lastEventId(t);
    const valid = { columnId: todo.id, title: "Plakate" };
    const send = (body: unknown) => lead.client.post(`/api/boards/${board.id}/tasks`, body);
    await expectRefusedBodies(t, send, [
      ...badBodies(valid, "title"),
      [{ ...valid, columnId: NOTHING }, { columnId: "not_found" }],
      [{ ...valid, columnId: otherBoard.columns[0]?.id }, { columnId: "not_found" }],
      [{ ...valid, columnId: other.board.columns[0]?.id }, { columnId: "not_found" }],
      [{ ...valid, columnId: "spalte-1" }, { columnId: "invalid_format" }],
      [{ ...valid, labelIds: Array.from({ length: 10_000 }, () => randomUUID()) }, { labelIds: "too_big" }],
      [{ ...valid, labelIds: [other.label.id] }, { labelIds: "not_found" }],
      [{ ...valid, labelIds: [NOTHING] }, { labelIds: "not_found" }],
      [{ ...valid, assigneeIds: [stranger] }, { assigneeIds: "not_a_member" }],
      [{ ...valid, assigneeIds: Array.from({ length: 21 }, () => randomUUID()) }, { assigneeIds: "too_big" }],
      [{ ...valid, dueDate: "2200-01-01" }, { dueDate: "date_out_of_range" }],
      [{ ...valid, startDate: "1899-12-31" }, { startDate: "date_out_of_range" }],
      [{ ...valid, dueDate: "2027-02-30" }, { dueDate: "date_out_of_range" }],
      [{ ...valid, dueDate: "31.12.2027" }, { dueDate: "invalid_date" }],
      [{ ...valid, startDate: "2027-05-02", dueDate: "2027-05-01" }, { dueDate: "before_start" }],
      [{ ...valid, priority: "asap" }, { priority: "invalid" }],
      [{ ...valid, recurrence: "EVERY=WEEK" }, { recurrence: "invalid_recurrence" }],
      [{ ...valid, recurrence: "FREQ=HOURLY" }, { recurrence: "invalid_recurrence" }],
      [{ ...valid, recurrence: "FREQ=DAILY;COUNT=3" }, { recurrence: "invalid_recurrence" }],
      [{ ...valid, recurrence: "FREQ=DAILY;UNTIL=20200101T000000Z" }, { recurrence: "no_occurrences" }],
      [{ ...valid, recurrence: "FREQ=DAILY;BYMONTH=2;BYMONTHDAY=30" }, { recurrence: "no_occurrences" }],
      [
        { ...valid, description: { type: "doc", content: [doc("x".repeat(110_000)).content[0]] } },
        { description: "too_long" },
      ],
      [{ ...valid, description: { type: "paragraph" } }, { description: "invalid_document" }],
      [{ ...valid, description: ["not", "an", "object"] }, { description: "invalid_type" }],
      [{ ...valid, afterId: NOTHING }, { afterId: "not_found" }],
    ]);
    expect(await eventsSince(t, before)).toEqual([]);
  });

  it("reads a task only for those who read its project", async () => {
    const { lead, viewer, board, todo } = await boardsWorld(t);
    const task = await createTask(lead.client, board.id, todo.id);
    const asViewer = await viewer.client.get(`/api/tasks/${task.id}`);
    expect(asViewer.json.task.abilities).toEqual({ edit: false, comment: true });
    const other = await boardsOutsider(t);
    expectError(await other.client.get(`/api/tasks/${task.id}`), 404, "not_found");
    expectError(await other.client.get(`/api/tasks/not-a-task`), 404, "not_found");
  });
});

describe("changing tasks", () => {
  it("records each change in the history and tells the live streams once per request", async () => {
    const { lead, editor, viewer, project, board, todo } = await boardsWorld(t);
    const presse = await createLabel(lead.client, project.id, { name: "Presse" });
    const technik = await createLabel(lead.client, project.id, { name: "Technik" });
    const task = await createTask(lead.client, board.id, todo.id, {
      assigneeIds: [viewer.user.id],
      labelIds: [presse.id],
      dueDate: "2027-05-01",
    });
    const before = await lastEventId(t);
    const res = await later(t, 1, () =>
      editor.client.patch(`/api/tasks/${task.id}`, {
        title: "Plakate drucken (A2)",
        description: doc("Neu"),
        assigneeIds: [editor.user.id],
        labelIds: [technik.id],
        startDate: "2027-04-20",
        dueDate: "2027-04-30",
        priority: "urgent",
        recurrence: "FREQ=YEARLY",
      }),
    );
    expect(res.status, res.text).toBe(200);
    expect(res.json.task).toMatchObject({
      title: "Plakate drucken (A2)",
      assignees: [{ id: editor.user.id, displayName: "Ed Editor" }],
      labelIds: [technik.id],
      startDate: "2027-04-20",
      dueDate: "2027-04-30",
      priority: "urgent",
      recurrence: "FREQ=YEARLY",
      updatedBy: { id: editor.user.id, displayName: "Ed Editor" },
      nextOccurrences: ["2028-04-30", "2029-04-30", "2030-04-30"],
    });
    const activity = (await lead.client.get(`/api/tasks/${task.id}/activity`)).json.activity as {
      kind: string;
      data: Record<string, unknown>;
      actor: { displayName: string };
    }[];
    expect(activity.map((a) => [a.kind, a.data])).toEqual([
      ["labels_changed", { added: ["Technik"], removed: ["Presse"] }],
      ["unassigned", { person: { id: viewer.user.id, displayName: "Vera Viewer" } }],
      ["assigned", { person: { id: editor.user.id, displayName: "Ed Editor" } }],
      ["recurrence_changed", { from: null, to: "FREQ=YEARLY" }],
      ["description_changed", {}],
      ["priority_changed", { from: "none", to: "urgent" }],
      ["due_changed", { from: "2027-05-01", to: "2027-04-30" }],
      ["start_changed", { from: null, to: "2027-04-20" }],
      ["renamed", { from: "Plakate drucken", to: "Plakate drucken (A2)" }],
      ["created", {}],
    ]);
    expect(activity.find((a) => a.kind === "renamed")?.actor.displayName).toBe("Ed Editor");
    expect((await eventsSince(t, before)).map((e) => e.type)).toEqual(["task.changed"]);

    // the same values again: nothing is written, nobody is told
    const again = await lastEventId(t);
    const rows = await t.rowCount("task_activity");
    const same = await editor.client.patch(`/api/tasks/${task.id}`, {
      title: "Plakate drucken (A2)",
      priority: "urgent",
    });
    expect(same.status).toBe(200);
    expect(await t.rowCount("task_activity")).toBe(rows);
    expect(await eventsSince(t, again)).toEqual([]);
  });

  it("refuses a start after the due date already there, and keeps someone assigned who left", async () => {
    const { lead, project, board, todo } = await boardsWorld(t);
    const guest = await joinProject(t, lead.client, project.id, "editor", "Gina Guest");
    const task = await createTask(lead.client, board.id, todo.id, {
      dueDate: "2027-05-01",
      assigneeIds: [guest.user.id],
    });
    await expectRefusedBodies(t, (body) => lead.client.patch(`/api/tasks/${task.id}`, body), [
      [{ startDate: "2027-05-02" }, { dueDate: "before_start" }],
      [{}, { _: "nothing_to_change" }],
      [{ columnId: todo.id }, { columnId: "unknown_field", _: "nothing_to_change" }],
      [{ title: "" }, { title: "too_short" }],
    ]);
    expect((await guest.client.delete(`/api/projects/${project.id}/members/${guest.user.id}`)).status).toBe(
      200,
    );
    const kept = await lead.client.patch(`/api/tasks/${task.id}`, {
      assigneeIds: [guest.user.id, lead.user.id],
    });
    expect(kept.status, kept.text).toBe(200);
    expect(kept.json.task.assignees.map((a: { displayName: string }) => a.displayName)).toEqual([
      "Gina Guest",
      "Lea Lead",
    ]);
    const readded = await lead.client.patch(`/api/tasks/${task.id}`, { assigneeIds: [lead.user.id] });
    expect(readded.status).toBe(200);
    await storesNothing(t, async () => {
      const res = await lead.client.patch(`/api/tasks/${task.id}`, { assigneeIds: [guest.user.id] });
      expect(res.json.error.fields).toEqual({ assigneeIds: "not_a_member" });
    });
  });

  it("deletes a task and tells the live streams it is gone", async () => {
    const { lead, project, board, todo } = await boardsWorld(t);
    const task = await createTask(lead.client, board.id, todo.id);
    await lead.client.post(`/api/tasks/${task.id}/comments`, { body: "weg damit" });
    const before = await lastEventId(t);
    expect((await lead.client.delete(`/api/tasks/${task.id}`)).json).toEqual({ ok: true });
    expectError(await lead.client.get(`/api/tasks/${task.id}`), 404, "not_found");
    expect((await eventsSince(t, before)).map((e) => [e.type, e.data])).toEqual([
      ["task.removed", { projectId: project.id, boardId: board.id, taskId: task.id }],
    ]);
  });
});

describe("moving tasks", () => {
  it("reorders within a column and moves to another, completing in a done column and reopening out of it", async () => {
    const { lead, board, todo, doing, done } = await boardsWorld(t);
    const a = await createTask(lead.client, board.id, todo.id, { title: "A" });
    const b = await createTask(lead.client, board.id, todo.id, { title: "B" });
    const c = await createTask(lead.client, board.id, todo.id, { title: "C" });
    await moveTask(lead.client, c.id, { columnId: todo.id, afterId: null });
    expect(await columnTitles(lead.client, board.id, todo.id)).toEqual(["C", "A", "B"]);
    await moveTask(lead.client, c.id, { columnId: todo.id, afterId: a.id, beforeId: b.id });
    expect(await columnTitles(lead.client, board.id, todo.id)).toEqual(["A", "C", "B"]);
    await moveTask(lead.client, a.id, { columnId: todo.id, beforeId: null });
    expect(await columnTitles(lead.client, board.id, todo.id)).toEqual(["C", "B", "A"]);

    const rows = await t.rowCount("task_activity");
    await moveTask(lead.client, b.id, { columnId: todo.id, beforeId: c.id });
    expect(await t.rowCount("task_activity")).toBe(rows);

    const inDoing = await moveTask(lead.client, b.id, { columnId: doing.id });
    expect(inDoing).toMatchObject({ columnId: doing.id, completedAt: null });
    const inDone = await later(t, 1, () => moveTask(lead.client, b.id, { columnId: done.id }));
    expect(inDone.completedAt).not.toBeNull();
    const reopened = await moveTask(lead.client, b.id, { columnId: todo.id, afterId: c.id });
    expect(reopened.completedAt).toBeNull();
    expect(await columnTitles(lead.client, board.id, todo.id)).toEqual(["C", "B", "A"]);
    const history = (await lead.client.get(`/api/tasks/${b.id}/activity`)).json.activity.map(
      (e: { kind: string; data: unknown }) => [e.kind, e.data],
    );
    expect(history).toEqual([
      ["reopened", {}],
      ["moved", { fromColumn: "Erledigt", toColumn: "Offen" }],
      ["completed", {}],
      ["moved", { fromColumn: "In Arbeit", toColumn: "Erledigt" }],
      ["moved", { fromColumn: "Offen", toColumn: "In Arbeit" }],
      ["created", {}],
    ]);
  });

  it("uses the client's key when it is valid, free and between the neighbours, and its own key otherwise", async () => {
    const { lead, board, todo, doing } = await boardsWorld(t);
    const a = await createTask(lead.client, board.id, todo.id, { title: "A" });
    const b = await createTask(lead.client, board.id, todo.id, { title: "B" });
    const c = await createTask(lead.client, board.id, doing.id, { title: "C" });
    expect([a.position, b.position]).toEqual(["a0", "a1"]);
    const used = await moveTask(lead.client, c.id, { columnId: todo.id, afterId: a.id, position: "a0G" });
    expect(used.position).toBe("a0G");
    const outside = await moveTask(lead.client, c.id, { columnId: todo.id, afterId: b.id, position: "a0V" });
    expect(outside.position > b.position).toBe(true);
    expect(outside.position).not.toBe("a0V");
    const taken = await moveTask(lead.client, c.id, { columnId: todo.id, afterId: a.id, position: "a1" });
    expect(taken.position).not.toBe("a1");
    expect(await columnTitles(lead.client, board.id, todo.id)).toEqual(["A", "C", "B"]);
  });

  it("refuses keys that are not keys, neighbours from elsewhere and columns of other boards, and changes nothing", async () => {
    const { lead, project, board, todo, doing } = await boardsWorld(t);
    const a = await createTask(lead.client, board.id, todo.id, { title: "A" });
    const b = await createTask(lead.client, board.id, todo.id, { title: "B" });
    const elsewhere = await createTask(lead.client, board.id, doing.id, { title: "X" });
    const second = await createBoard(lead.client, project.id, { name: "Zweites" });
    const before = await lastEventId(t);
    const send = (body: unknown) => lead.client.post(`/api/tasks/${a.id}/move`, body);
    await expectRefusedBodies(t, send, [
      [{ columnId: todo.id, position: "a" }, { position: "too_short" }],
      [{ columnId: todo.id, position: "a00" }, { position: "invalid_position" }],
      [{ columnId: todo.id, position: "a10" }, { position: "invalid_position" }],
      [{ columnId: todo.id, position: "ä0" }, { position: "invalid_position" }],
      [{ columnId: todo.id, position: "A0" }, { position: "invalid_position" }],
      [{ columnId: todo.id, position: `a${"0".repeat(100)}` }, { position: "too_long" }],
      [{ columnId: NOTHING }, { columnId: "not_found" }],
      [{ columnId: second.columns[0]?.id }, { columnId: "not_found" }],
      [{ columnId: todo.id, afterId: elsewhere.id }, { afterId: "not_found" }],
      [{ columnId: todo.id, beforeId: elsewhere.id }, { beforeId: "not_found" }],
      [{ columnId: todo.id, afterId: a.id }, { afterId: "not_found" }],
      [{ columnId: todo.id, afterId: NOTHING }, { afterId: "not_found" }],
      [{ columnId: doing.id, afterId: elsewhere.id, beforeId: b.id }, { beforeId: "not_found" }],
      [{ columnId: todo.id, afterId: b.id, beforeId: b.id }, { beforeId: "not_after" }],
      [{ columnId: todo.id, extra: 1 }, { extra: "unknown_field" }],
      [{}, { columnId: "required" }],
    ]);
    expect(await eventsSince(t, before)).toEqual([]);
    expect(await columnTitles(lead.client, board.id, todo.id)).toEqual(["A", "B"]);
  });

  it("archives and restores tasks, archives the done column at once, and lists the archive", async () => {
    const { lead, board, todo, done } = await boardsWorld(t);
    const a = await createTask(lead.client, board.id, todo.id, { title: "A" });
    const b = await createTask(lead.client, board.id, done.id, { title: "B" });
    const c = await createTask(lead.client, board.id, done.id, { title: "C" });
    const archived = await lead.client.post(`/api/tasks/${a.id}/archive`);
    expect(archived.json.task.archivedAt).toBe(t.clock.now.toISOString());
    expectError(await lead.client.post(`/api/tasks/${a.id}/move`, { columnId: done.id }), 409, "conflict");
    const before = await lastEventId(t);
    const all = await later(t, 1, () => lead.client.post(`/api/boards/${board.id}/archive-done`));
    expect(all.json).toEqual({ archived: 2 });
    expect((await eventsSince(t, before)).map((e) => e.type)).toEqual(["board.changed"]);
    const board1 = await lead.client.get(`/api/boards/${board.id}`);
    expect(board1.json.tasks).toEqual([]);
    const archive = await lead.client.get(`/api/boards/${board.id}/archive`);
    // the most recently archived first: B and C (together), then A
    const titles = archive.json.tasks.map((x: { title: string }) => x.title);
    expect(titles).toHaveLength(3);
    expect(new Set(titles.slice(0, 2))).toEqual(new Set(["B", "C"]));
    expect(titles[2]).toBe("A");
    expect(new Set(archive.json.tasks.map((x: { id: string }) => x.id))).toEqual(new Set([a.id, b.id, c.id]));
    const restored = await lead.client.post(`/api/tasks/${a.id}/restore`);
    expect(restored.json.task).toMatchObject({ archivedAt: null, columnId: todo.id, position: a.position });
    expect(await columnTitles(lead.client, board.id, todo.id)).toEqual(["A"]);
    const history = (await lead.client.get(`/api/tasks/${a.id}/activity`)).json.activity.map(
      (e: { kind: string }) => e.kind,
    );
    expect(history).toEqual(["restored", "archived", "created"]);
    expect((await lead.client.post(`/api/boards/${board.id}/archive-done`)).json).toEqual({ archived: 0 });
  });
});

describe("checklists", () => {
  it("adds, ticks, renames, reorders and removes items; ticking is progress in the history", async () => {
    const { lead, board, todo } = await boardsWorld(t);
    const task = await createTask(lead.client, board.id, todo.id);
    const add = (text: string, extra = {}) =>
      lead.client.post(`/api/tasks/${task.id}/checklist`, { text, ...extra });
    expect((await add("Entwurf")).status).toBe(201);
    await add("Druckerei");
    const first = (await add("Briefing", { afterId: null })).json.task;
    expect(first.checklistItems.map((i: { text: string }) => i.text)).toEqual([
      "Briefing",
      "Entwurf",
      "Druckerei",
    ]);
    const [briefing, entwurf, druckerei] = first.checklistItems as { id: string }[];
    const ticked = await lead.client.patch(`/api/checklist-items/${entwurf?.id}`, { done: true });
    expect(ticked.json.task.checklist).toEqual({ done: 1, total: 3 });
    await lead.client.patch(`/api/checklist-items/${briefing?.id}`, { text: "Briefing Grafik" });
    const moved = await lead.client.post(`/api/checklist-items/${briefing?.id}/move`, {
      afterId: druckerei?.id,
    });
    expect(moved.json.task.checklistItems.map((i: { text: string }) => i.text)).toEqual([
      "Entwurf",
      "Druckerei",
      "Briefing Grafik",
    ]);
    const removed = await lead.client.delete(`/api/checklist-items/${druckerei?.id}`);
    expect(removed.json.task.checklist).toEqual({ done: 1, total: 2 });
    const progress = (await lead.client.get(`/api/tasks/${task.id}/activity`)).json.activity.filter(
      (e: { kind: string }) => e.kind === "checklist_changed",
    );
    expect(progress.map((e: { data: unknown }) => e.data)).toEqual([
      { done: 1, total: 3, item: "Entwurf", checked: true },
    ]);
    await expectRefusedBodies(t, (body) => lead.client.post(`/api/tasks/${task.id}/checklist`, body), [
      ...badBodies({ text: "Neu" }, "text"),
      [{ text: "Neu", afterId: NOTHING }, { afterId: "not_found" }],
    ]);
    await expectRefusedBodies(t, (body) => lead.client.patch(`/api/checklist-items/${entwurf?.id}`, body), [
      [{}, { _: "nothing_to_change" }],
      [{ done: "ja" }, { done: "invalid_type" }],
    ]);
  });

  it("refuses the 201st item", async () => {
    const { lead, board, todo } = await boardsWorld(t);
    const task = await createTask(lead.client, board.id, todo.id);
    const { generateNKeysBetween } = await import("fractional-indexing");
    const keys = generateNKeysBetween(null, null, 200);
    await t.deps.db
      .insertInto("task_checklist_items")
      .values(
        keys.map((position, i) => ({ id: randomUUID(), task_id: task.id, text: `Punkt ${i}`, position })),
      )
      .execute();
    await expectRefusedBodies(t, (body) => lead.client.post(`/api/tasks/${task.id}/checklist`, body), [
      [{ text: "Zu viel" }, { text: "too_many" }],
    ]);
  });

  it("promotes an item to a task right after its own, with both histories saying so", async () => {
    const { lead, board, todo } = await boardsWorld(t);
    const task = await createTask(lead.client, board.id, todo.id, { title: "Sommerfest" });
    await createTask(lead.client, board.id, todo.id, { title: "Danach" });
    const item = (await lead.client.post(`/api/tasks/${task.id}/checklist`, { text: "Bühne mieten" })).json
      .task.checklistItems[0];
    const before = await lastEventId(t);
    const res = await lead.client.post(`/api/checklist-items/${item.id}/promote`);
    expect(res.status, res.text).toBe(201);
    const made = res.json.task;
    expect(made).toMatchObject({ title: "Bühne mieten", columnId: todo.id, boardId: board.id });
    expect(await columnTitles(lead.client, board.id, todo.id)).toEqual([
      "Sommerfest",
      "Bühne mieten",
      "Danach",
    ]);
    const original = (await lead.client.get(`/api/tasks/${task.id}`)).json.task;
    expect(original.checklistItems).toEqual([]);
    const madeHistory = (await lead.client.get(`/api/tasks/${made.id}/activity`)).json.activity;
    expect(madeHistory.map((e: { kind: string; data: unknown }) => [e.kind, e.data])).toEqual([
      ["created", { fromTaskId: task.id }],
    ]);
    const originalHistory = (await lead.client.get(`/api/tasks/${task.id}/activity`)).json.activity;
    expect(originalHistory[0]).toMatchObject({
      kind: "checklist_changed",
      data: { done: 0, total: 0, promoted: { taskId: made.id, title: "Bühne mieten" } },
    });
    expect(new Set((await eventsSince(t, before)).map((e) => e.data.task?.id))).toEqual(
      new Set([task.id, made.id]),
    );
    expectError(await lead.client.post(`/api/checklist-items/${item.id}/promote`), 404, "not_found");
  });
});

describe("linked documents", () => {
  it("links documents of the same project only, not trashed ones, and records it", async () => {
    const { lead, project, board, todo } = await boardsWorld(t);
    const task = await createTask(lead.client, board.id, todo.id);
    const antrag = (await lead.client.post(`/api/projects/${project.id}/documents`, { title: "Antrag" })).json
      .document;
    const alt = (await lead.client.post(`/api/projects/${project.id}/documents`, { title: "Alt" })).json
      .document;
    await lead.client.delete(`/api/documents/${alt.id}`);
    const other = await boardsOutsider(t);
    const foreign = (
      await other.client.post(`/api/projects/${other.project.id}/documents`, { title: "Fremd" })
    ).json.document;
    const linked = await lead.client.request("PUT", `/api/tasks/${task.id}/documents/${antrag.id}`);
    expect(linked.status, linked.text).toBe(200);
    expect(linked.json.task.documents).toEqual([{ id: antrag.id, title: "Antrag" }]);
    const twice = await lead.client.request("PUT", `/api/tasks/${task.id}/documents/${antrag.id}`);
    expect(twice.json.task.documents).toHaveLength(1);
    await storesNothing(t, async () => {
      expectError(
        await lead.client.request("PUT", `/api/tasks/${task.id}/documents/${foreign.id}`),
        404,
        "not_found",
      );
      expectError(
        await lead.client.request("PUT", `/api/tasks/${task.id}/documents/${NOTHING}`),
        404,
        "not_found",
      );
      expectError(
        await lead.client.request("PUT", `/api/tasks/${task.id}/documents/${alt.id}`),
        409,
        "conflict",
      );
    });
    const unlinked = await lead.client.delete(`/api/tasks/${task.id}/documents/${antrag.id}`);
    expect(unlinked.json.task.documents).toEqual([]);
    const history = (await lead.client.get(`/api/tasks/${task.id}/activity`)).json.activity.map(
      (e: { kind: string; data: unknown }) => [e.kind, e.data],
    );
    expect(history.slice(0, 2)).toEqual([
      ["document_unlinked", { documentId: antrag.id, title: "Antrag" }],
      ["document_linked", { documentId: antrag.id, title: "Antrag" }],
    ]);
  });
});

describe("my tasks", () => {
  it("lists the open tasks assigned to me in every project I can read, soonest due first", async () => {
    const { lead, editor, project, board, todo, done } = await boardsWorld(t);
    const org = await createOrganisation(lead.client, { name: "Zweiter Verein" });
    const second = await lead.client.post("/api/projects", { organisationId: org.id, name: "Herbstmarkt" });
    const secondProject = second.json.project.id as string;
    await joinProject(t, lead.client, secondProject, "viewer", "Ed Editor", editor);
    const secondBoard = await createBoard(lead.client, secondProject, { name: "Markt" });
    const mine = { assigneeIds: [editor.user.id] };
    await createTask(lead.client, board.id, todo.id, { ...mine, title: "Ohne Datum" });
    await createTask(lead.client, secondBoard.id, secondBoard.columns[0]?.id ?? "", {
      ...mine,
      title: "Stände planen",
      dueDate: "2027-09-01",
    });
    await createTask(lead.client, board.id, todo.id, { ...mine, title: "Plakate", dueDate: "2027-06-01" });
    await createTask(lead.client, board.id, done.id, { ...mine, title: "Schon erledigt" });
    const gone = await createTask(lead.client, board.id, todo.id, { ...mine, title: "Archiviert" });
    await lead.client.post(`/api/tasks/${gone.id}/archive`);
    await createTask(lead.client, board.id, todo.id, { assigneeIds: [lead.user.id], title: "Nicht meins" });

    const res = await editor.client.get("/api/me/tasks");
    expect(res.status).toBe(200);
    expect(res.json.tasks.map((x: { title: string }) => x.title)).toEqual([
      "Plakate",
      "Stände planen",
      "Ohne Datum",
    ]);
    expect(res.json.tasks[1]).toMatchObject({
      project: { id: secondProject, name: "Herbstmarkt" },
      board: { id: secondBoard.id, name: "Markt" },
      column: { id: secondBoard.columns[0]?.id, name: "Offen", isDone: false },
      assignees: [{ id: editor.user.id, displayName: "Ed Editor" }],
    });
    expect(res.json.tasks[0].project).toEqual({ id: project.id, name: "Sommerfest" });

    // leaving a project takes its tasks out of my list; an archived project's too
    expect(
      (await editor.client.delete(`/api/projects/${secondProject}/members/${editor.user.id}`)).status,
    ).toBe(200);
    expect((await lead.client.post(`/api/projects/${project.id}/archive`)).status).toBe(200);
    expect((await editor.client.get("/api/me/tasks")).json.tasks).toEqual([]);
    expect((await lead.client.get("/api/me/tasks")).json.tasks).toEqual([]);
  });
});
