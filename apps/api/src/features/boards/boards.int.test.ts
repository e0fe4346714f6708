import { BoardLoad, expandBoard, Task } from "@ensemble/contracts/boards";
import { sql } from "kysely";
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
} from "../../test/boards.ts";
import { NOTHING } from "../../test/documents.ts";
import { useTestApp } from "../../test/harness.ts";
import {
  badBodies,
  expectAllForbidden,
  expectAllNotFound,
  expectAllUnauthenticated,
  expectError,
  expectRefusedBodies,
  type RouteCall,
  storesNothing,
} from "../../test/tenancy.ts";

const t = useTestApp();

describe("boards", () => {
  it("creates a board with three columns, the last one done, in German unless asked for English", async () => {
    const { lead, viewer, project, board } = await boardsWorld(t);
    expect(board).toEqual({
      id: expect.any(String),
      projectId: project.id,
      name: "Planung",
      position: expect.any(String),
      openTasks: 0,
      createdAt: t.clock.now.toISOString(),
      updatedAt: t.clock.now.toISOString(),
      project: { id: project.id, name: "Sommerfest", state: "active" },
      columns: [
        {
          id: expect.any(String),
          name: "Offen",
          position: expect.any(String),
          wipLimit: null,
          isDone: false,
        },
        {
          id: expect.any(String),
          name: "In Arbeit",
          position: expect.any(String),
          wipLimit: null,
          isDone: false,
        },
        {
          id: expect.any(String),
          name: "Erledigt",
          position: expect.any(String),
          wipLimit: null,
          isDone: true,
        },
      ],
      labels: [],
      members: [
        { id: expect.any(String), displayName: "Ed Editor" },
        { id: lead.user.id, displayName: "Lea Lead" },
        { id: viewer.user.id, displayName: "Vera Viewer" },
      ],
      abilities: { edit: true, manage: true, comment: true },
    });
    const english = await createBoard(lead.client, project.id, { name: "Events", language: "en" });
    expect(english.columns.map((c) => [c.name, c.isDone])).toEqual([
      ["To do", false],
      ["In progress", false],
      ["Done", true],
    ]);
    const list = await viewer.client.get(`/api/projects/${project.id}/boards`);
    expect(list.status).toBe(200);
    expect(list.json.canCreate).toBe(false);
    expect(list.json.boards.map((b: { name: string }) => b.name)).toEqual(["Planung", "Events"]);
    const asViewer = await viewer.client.get(`/api/boards/${board.id}`);
    expect(asViewer.json.board.abilities).toEqual({ edit: false, manage: false, comment: true });
    expect(asViewer.json.tasks).toEqual([]);
  });

  it("counts open tasks and answers the board's cards with assignees, labels, checklist and comments", async () => {
    const { lead, editor, project, board, todo, done } = await boardsWorld(t);
    const label = await createLabel(lead.client, project.id);
    const task = await createTask(lead.client, board.id, todo.id, {
      assigneeIds: [editor.user.id],
      labelIds: [label.id],
      description: { type: "doc", content: [{ type: "paragraph", content: [{ type: "text", text: "A3" }] }] },
    });
    await lead.client.post(`/api/tasks/${task.id}/checklist`, { text: "Entwurf" });
    await lead.client.post(`/api/tasks/${task.id}/checklist`, { text: "Druckerei" });
    const items = (await lead.client.get(`/api/tasks/${task.id}`)).json.task.checklistItems;
    await lead.client.patch(`/api/checklist-items/${items[0].id}`, { done: true });
    await editor.client.post(`/api/tasks/${task.id}/comments`, { body: "Mache ich" });
    await createTask(lead.client, board.id, done.id, { title: "Saal buchen" });
    const res = await lead.client.get(`/api/boards/${board.id}`);
    expect(res.json.board.openTasks).toBe(1);
    expect(res.json.board.labels).toEqual([{ id: label.id, name: "Presse", color: "#336699" }]);
    const card = res.json.tasks.find((c: { id: string }) => c.id === task.id);
    expect(card).toEqual({
      id: task.id,
      columnId: todo.id,
      position: task.position,
      title: "Plakate drucken",
      priority: "none",
      startDate: null,
      dueDate: null,
      assigneeIds: [editor.user.id],
      labelIds: [label.id],
      checklist: { done: 1, total: 2 },
      commentCount: 1,
      hasDescription: true,
      recurrence: null,
      completedAt: null,
      createdAt: expect.any(String),
      updatedAt: expect.any(String),
    });
    expect(res.json.people).toEqual([{ id: editor.user.id, displayName: "Ed Editor" }]);
    // expanded as the web app does, the card is the task as its own answer gives it
    const own = Task.parse((await lead.client.get(`/api/tasks/${task.id}`)).json.task);
    expect(own.projectId).toBe(project.id);
    expect(expandBoard(BoardLoad.parse(res.json)).tasks.find((c) => c.id === task.id)).toEqual(own);
    const list = await lead.client.get(`/api/projects/${project.id}/boards`);
    expect(list.json.boards[0].openTasks).toBe(1);
  });

  it("names each assignee once, in the order the task gives them, also one who has left the project", async () => {
    const { lead, editor, viewer, project, board, todo } = await boardsWorld(t);
    const both = await createTask(lead.client, board.id, todo.id, {
      title: "Zu zweit",
      assigneeIds: [lead.user.id, editor.user.id],
    });
    const alone = await createTask(lead.client, board.id, todo.id, {
      title: "Allein",
      assigneeIds: [editor.user.id],
    });
    await createTask(lead.client, board.id, todo.id, { title: "Niemand" });
    const removed = await lead.client.delete(`/api/projects/${project.id}/members/${editor.user.id}`);
    expect(removed.status, removed.text).toBe(200);

    const res = await viewer.client.get(`/api/boards/${board.id}`);
    expect(res.status).toBe(200);
    const load = BoardLoad.parse(res.json);
    // Ed left the project: no longer among the members, still assigned and still named
    expect(load.board.members.map((m) => m.id)).not.toContain(editor.user.id);
    expect(load.people).toEqual([
      { id: editor.user.id, displayName: "Ed Editor" },
      { id: lead.user.id, displayName: "Lea Lead" },
    ]);
    const byTitle = new Map(load.tasks.map((c) => [c.title, c.assigneeIds]));
    expect(byTitle.get("Zu zweit")).toEqual([editor.user.id, lead.user.id]);
    expect(byTitle.get("Allein")).toEqual([editor.user.id]);
    expect(byTitle.get("Niemand")).toEqual([]);
    const expanded = expandBoard(load).tasks;
    for (const task of [both, alone]) {
      const own = Task.parse((await viewer.client.get(`/api/tasks/${task.id}`)).json.task);
      expect(expanded.find((c) => c.id === task.id)).toEqual(own);
    }
  });

  it("renames and deletes a board with its columns and tasks, and tells the live streams", async () => {
    const { lead, project, board, todo } = await boardsWorld(t);
    await createTask(lead.client, board.id, todo.id);
    const before = await lastEventId(t);
    const renamed = await lead.client.patch(`/api/boards/${board.id}`, { name: "Sommerplanung" });
    expect(renamed.status).toBe(200);
    expect(renamed.json.board.name).toBe("Sommerplanung");
    const tasks = await t.rowCount("tasks");
    const deleted = await lead.client.delete(`/api/boards/${board.id}`);
    expect(deleted.json).toEqual({ ok: true });
    expect(await t.rowCount("tasks")).toBe(tasks - 1);
    expectError(await lead.client.get(`/api/boards/${board.id}`), 404, "not_found");
    const events = await eventsSince(t, before);
    expect(events.map((e) => e.type)).toEqual(["board.changed", "board.removed"]);
    for (const e of events) {
      expect(e.project_id).toBe(project.id);
      expect(e.actor_id).toBe(lead.user.id);
      expect(e.data).toEqual({ projectId: project.id, boardId: board.id });
    }
  });

  it("refuses bad board bodies and stores nothing", async () => {
    const { lead, project, board } = await boardsWorld(t);
    await expectRefusedBodies(t, (body) => lead.client.post(`/api/projects/${project.id}/boards`, body), [
      ...badBodies({ name: "Planung" }, "name"),
      [{ name: "  " }, { name: "too_short" }],
      [{ name: "X", language: "fr" }, { language: "invalid" }],
    ]);
    await expectRefusedBodies(t, (body) => lead.client.patch(`/api/boards/${board.id}`, body), [
      ...badBodies({ name: "Planung" }, "name"),
      [{}, { name: "required" }],
    ]);
  });
});

describe("columns", () => {
  it("adds, places, renames, limits and reorders columns", async () => {
    const { lead, board, todo, doing, done } = await boardsWorld(t);
    const added = await lead.client.post(`/api/boards/${board.id}/columns`, { name: "Ideen", afterId: null });
    expect(added.status, added.text).toBe(201);
    const ideas = added.json.column;
    expect(ideas).toMatchObject({ name: "Ideen", wipLimit: null, isDone: false });
    const review = (
      await lead.client.post(`/api/boards/${board.id}/columns`, {
        name: "Prüfung",
        wipLimit: 3,
        afterId: doing.id,
        beforeId: done.id,
      })
    ).json.column;
    const order = async () =>
      ((await lead.client.get(`/api/boards/${board.id}`)).json.board.columns as { name: string }[]).map(
        (c) => c.name,
      );
    expect(await order()).toEqual(["Ideen", "Offen", "In Arbeit", "Prüfung", "Erledigt"]);
    const changed = await lead.client.patch(`/api/columns/${review.id}`, { name: "Review", wipLimit: null });
    expect(changed.json.column).toMatchObject({ name: "Review", wipLimit: null });
    const moved = await lead.client.post(`/api/columns/${ideas.id}/move`, {});
    expect(moved.status).toBe(200);
    expect(await order()).toEqual(["Offen", "In Arbeit", "Review", "Erledigt", "Ideen"]);
    await lead.client.post(`/api/columns/${ideas.id}/move`, { beforeId: todo.id });
    expect(await order()).toEqual(["Ideen", "Offen", "In Arbeit", "Review", "Erledigt"]);
  });

  it("refuses bad column input and stores nothing", async () => {
    const { lead, board, todo, done } = await boardsWorld(t);
    const other = await boardsOutsider(t);
    await expectRefusedBodies(t, (body) => lead.client.post(`/api/boards/${board.id}/columns`, body), [
      ...badBodies({ name: "Prüfung" }, "name"),
      [{ name: "X", wipLimit: 0 }, { wipLimit: "too_small" }],
      [{ name: "X", wipLimit: 1000 }, { wipLimit: "too_big" }],
      [{ name: "X", afterId: other.board.columns[0]?.id }, { afterId: "not_found" }],
      [{ name: "X", beforeId: NOTHING }, { beforeId: "not_found" }],
      [{ name: "X", afterId: done.id, beforeId: todo.id }, { beforeId: "not_after" }],
      [{ name: "X", afterId: "not-an-id" }, { afterId: "invalid_format" }],
    ]);
    await expectRefusedBodies(t, (body) => lead.client.patch(`/api/columns/${todo.id}`, body), [
      [{}, { _: "nothing_to_change" }],
      [{ name: "" }, { name: "too_short" }],
      [{ isDone: "yes" }, { isDone: "invalid_type" }],
    ]);
    await expectRefusedBodies(t, (body) => lead.client.post(`/api/columns/${todo.id}/move`, body), [
      [{ afterId: todo.id }, { afterId: "not_found" }],
      [{ afterId: other.board.columns[0]?.id }, { afterId: "not_found" }],
    ]);
  });

  it("deletes a column by moving its tasks (archived ones too) to the end of another, completing them in a done column", async () => {
    const { lead, board, todo, doing, done } = await boardsWorld(t);
    const a = await createTask(lead.client, board.id, todo.id, { title: "A" });
    const b = await createTask(lead.client, board.id, todo.id, { title: "B" });
    await lead.client.post(`/api/tasks/${b.id}/archive`);
    await createTask(lead.client, board.id, done.id, { title: "Schon da" });
    const other = await boardsOutsider(t);
    await storesNothing(t, async () => {
      expectError(await lead.client.delete(`/api/columns/${todo.id}`), 422, "validation_failed");
      const wrong = await lead.client.delete(`/api/columns/${todo.id}?moveTo=${todo.id}`);
      expect(wrong.json.error.fields).toEqual({ moveTo: "not_found" });
      const foreign = await lead.client.delete(
        `/api/columns/${todo.id}?moveTo=${other.board.columns[0]?.id}`,
      );
      expect(foreign.json.error.fields).toEqual({ moveTo: "not_found" });
    });
    const res = await lead.client.delete(`/api/columns/${todo.id}?moveTo=${done.id}`);
    expect(res.status, res.text).toBe(200);
    expect(await columnTitles(lead.client, board.id, done.id)).toEqual(["Schon da", "A"]);
    const moved = (await lead.client.get(`/api/tasks/${a.id}`)).json.task;
    expect(moved.columnId).toBe(done.id);
    expect(moved.completedAt).not.toBeNull();
    const archived = (await lead.client.get(`/api/tasks/${b.id}`)).json.task;
    expect(archived.columnId).toBe(done.id);
    expect(archived.archivedAt).not.toBeNull();
    const kinds = (await lead.client.get(`/api/tasks/${a.id}/activity`)).json.activity.map(
      (e: { kind: string; data: unknown }) => [e.kind, e.data],
    );
    expect(kinds.slice(0, 2)).toEqual([
      ["completed", {}],
      ["moved", { fromColumn: "Offen", toColumn: "Erledigt" }],
    ]);
    // an empty column goes without a target; the last one stays
    expect((await lead.client.delete(`/api/columns/${doing.id}`)).status).toBe(200);
    await storesNothing(t, async () => {
      expectError(await lead.client.delete(`/api/columns/${done.id}`), 409, "conflict");
    });
  });

  it("completes or reopens a column's tasks when it becomes (or stops being) a done column", async () => {
    const { lead, board, doing } = await boardsWorld(t);
    const task = await createTask(lead.client, board.id, doing.id);
    await lead.client.patch(`/api/columns/${doing.id}`, { isDone: true });
    expect((await lead.client.get(`/api/tasks/${task.id}`)).json.task.completedAt).not.toBeNull();
    await lead.client.patch(`/api/columns/${doing.id}`, { isDone: false });
    expect((await lead.client.get(`/api/tasks/${task.id}`)).json.task.completedAt).toBeNull();
  });
});

describe("labels", () => {
  it("creates, renames, recolours and deletes labels; a deleted label leaves its tasks", async () => {
    const { lead, viewer, project, board, todo } = await boardsWorld(t);
    const label = await createLabel(lead.client, project.id, { name: "Technik", color: "#AABBCC" });
    expect(label).toEqual({ id: expect.any(String), name: "Technik", color: "#aabbcc" });
    await createLabel(lead.client, project.id, { name: "Bühne" });
    const list = await viewer.client.get(`/api/projects/${project.id}/labels`);
    expect(list.json.labels.map((l: { name: string }) => l.name)).toEqual(["Bühne", "Technik"]);
    const changed = await lead.client.patch(`/api/labels/${label.id}`, { name: "Ton", color: "#000000" });
    expect(changed.json.label).toEqual({ id: label.id, name: "Ton", color: "#000000" });
    const task = await createTask(lead.client, board.id, todo.id, { labelIds: [label.id] });
    const before = await lastEventId(t);
    expect((await lead.client.delete(`/api/labels/${label.id}`)).status).toBe(200);
    expect((await lead.client.get(`/api/tasks/${task.id}`)).json.task.labelIds).toEqual([]);
    expect((await eventsSince(t, before)).map((e) => [e.type, e.data.boardId])).toEqual([
      ["board.changed", board.id],
    ]);
  });

  it("refuses a taken name (any case), a bad colour and the 201st label, and stores nothing", async () => {
    const { lead, project } = await boardsWorld(t);
    const presse = await createLabel(lead.client, project.id, { name: "Presse" });
    const other = await createLabel(lead.client, project.id, { name: "Technik" });
    await expectRefusedBodies(t, (body) => lead.client.post(`/api/projects/${project.id}/labels`, body), [
      [{ name: "presse", color: "#112233" }, { name: "taken" }],
      [{ name: "Neu", color: "red" }, { color: "invalid_color" }],
      [{ name: "x".repeat(41), color: "#112233" }, { name: "too_long" }],
      [{ name: "Neu" }, { color: "required" }],
    ]);
    await expectRefusedBodies(t, (body) => lead.client.patch(`/api/labels/${other.id}`, body), [
      [{ name: "PRESSE" }, { name: "taken" }],
      [{}, { _: "nothing_to_change" }],
    ]);
    expect(presse.name).toBe("Presse");
    await sql`insert into task_labels (id, project_id, name, color)
      select gen_random_uuid()::text, ${project.id}, 'Label ' || i, '#000000' from generate_series(1, 198) i`.execute(
      t.deps.db,
    );
    await expectRefusedBodies(t, (body) => lead.client.post(`/api/projects/${project.id}/labels`, body), [
      [{ name: "Zu viel", color: "#112233" }, { name: "too_many" }],
    ]);
  });
});

describe("who may do what on boards", () => {
  it("lets a viewer read and comment but change nothing (403), and stores nothing", async () => {
    const { lead, viewer, project, board, todo, doing } = await boardsWorld(t);
    const label = await createLabel(lead.client, project.id);
    const task = await createTask(lead.client, board.id, todo.id);
    const withItem = await lead.client.post(`/api/tasks/${task.id}/checklist`, { text: "Entwurf" });
    const item = withItem.json.task.checklistItems[0].id;
    const doc = await lead.client.post(`/api/projects/${project.id}/documents`, { title: "Antrag" });
    for (const path of [
      `/api/boards/${board.id}`,
      `/api/boards/${board.id}/archive`,
      `/api/tasks/${task.id}`,
      `/api/tasks/${task.id}/activity`,
      `/api/tasks/${task.id}/comments`,
      `/api/projects/${project.id}/labels`,
    ]) {
      expect((await viewer.client.get(path)).status, path).toBe(200);
    }
    const calls: RouteCall[] = [
      ["POST", `/api/projects/${project.id}/boards`, { name: "X" }],
      ["POST", `/api/projects/${project.id}/labels`, { name: "X", color: "#000000" }],
      ["PATCH", `/api/boards/${board.id}`, { name: "X" }],
      ["DELETE", `/api/boards/${board.id}`],
      ["POST", `/api/boards/${board.id}/columns`, { name: "X" }],
      ["POST", `/api/boards/${board.id}/archive-done`],
      ["POST", `/api/boards/${board.id}/tasks`, { columnId: todo.id, title: "X" }],
      ["PATCH", `/api/columns/${todo.id}`, { name: "X" }],
      ["POST", `/api/columns/${todo.id}/move`, {}],
      ["DELETE", `/api/columns/${todo.id}?moveTo=${doing.id}`],
      ["PATCH", `/api/labels/${label.id}`, { name: "X" }],
      ["DELETE", `/api/labels/${label.id}`],
      ["PATCH", `/api/tasks/${task.id}`, { title: "X" }],
      ["DELETE", `/api/tasks/${task.id}`],
      ["POST", `/api/tasks/${task.id}/move`, { columnId: doing.id }],
      ["POST", `/api/tasks/${task.id}/archive`],
      ["POST", `/api/tasks/${task.id}/restore`],
      ["POST", `/api/tasks/${task.id}/checklist`, { text: "X" }],
      ["PUT", `/api/tasks/${task.id}/documents/${doc.json.document.id}`],
      ["DELETE", `/api/tasks/${task.id}/documents/${doc.json.document.id}`],
      ["PATCH", `/api/checklist-items/${item}`, { done: true }],
      ["DELETE", `/api/checklist-items/${item}`],
      ["POST", `/api/checklist-items/${item}/move`, {}],
      ["POST", `/api/checklist-items/${item}/promote`],
    ];
    const before = await lastEventId(t);
    await expectAllForbidden(t, viewer.client, calls);
    expect(await eventsSince(t, before)).toEqual([]);
    const comment = await viewer.client.post(`/api/tasks/${task.id}/comments`, { body: "Sieht gut aus" });
    expect(comment.status).toBe(201);
  });

  it("answers 404 to another organisation's people on every board route, and 401 without a session", async () => {
    const { lead, project, board, todo, doing } = await boardsWorld(t);
    const label = await createLabel(lead.client, project.id);
    const task = await createTask(lead.client, board.id, todo.id);
    const item = (await lead.client.post(`/api/tasks/${task.id}/checklist`, { text: "Entwurf" })).json.task
      .checklistItems[0].id;
    const comment = (await lead.client.post(`/api/tasks/${task.id}/comments`, { body: "Hallo" })).json.comment
      .id;
    const doc = (await lead.client.post(`/api/projects/${project.id}/documents`, { title: "Antrag" })).json
      .document.id;
    const calls: RouteCall[] = [
      ["GET", `/api/projects/${project.id}/boards`],
      ["POST", `/api/projects/${project.id}/boards`, { name: "X" }],
      ["GET", `/api/projects/${project.id}/labels`],
      ["POST", `/api/projects/${project.id}/labels`, { name: "X", color: "#000000" }],
      ["GET", `/api/boards/${board.id}`],
      ["PATCH", `/api/boards/${board.id}`, { name: "X" }],
      ["DELETE", `/api/boards/${board.id}`],
      ["POST", `/api/boards/${board.id}/columns`, { name: "X" }],
      ["GET", `/api/boards/${board.id}/archive`],
      ["POST", `/api/boards/${board.id}/archive-done`],
      ["POST", `/api/boards/${board.id}/tasks`, { columnId: todo.id, title: "X" }],
      ["PATCH", `/api/columns/${todo.id}`, { name: "X" }],
      ["POST", `/api/columns/${todo.id}/move`, {}],
      ["DELETE", `/api/columns/${todo.id}?moveTo=${doing.id}`],
      ["PATCH", `/api/labels/${label.id}`, { name: "X" }],
      ["DELETE", `/api/labels/${label.id}`],
      ["GET", `/api/tasks/${task.id}`],
      ["PATCH", `/api/tasks/${task.id}`, { title: "X" }],
      ["DELETE", `/api/tasks/${task.id}`],
      ["POST", `/api/tasks/${task.id}/move`, { columnId: doing.id }],
      ["POST", `/api/tasks/${task.id}/archive`],
      ["POST", `/api/tasks/${task.id}/restore`],
      ["POST", `/api/tasks/${task.id}/checklist`, { text: "X" }],
      ["PUT", `/api/tasks/${task.id}/documents/${doc}`],
      ["DELETE", `/api/tasks/${task.id}/documents/${doc}`],
      ["GET", `/api/tasks/${task.id}/activity`],
      ["GET", `/api/tasks/${task.id}/comments`],
      ["POST", `/api/tasks/${task.id}/comments`, { body: "X" }],
      ["PATCH", `/api/checklist-items/${item}`, { done: true }],
      ["DELETE", `/api/checklist-items/${item}`],
      ["POST", `/api/checklist-items/${item}/move`, {}],
      ["POST", `/api/checklist-items/${item}/promote`],
      ["PATCH", `/api/task-comments/${comment}`, { body: "X" }],
      ["DELETE", `/api/task-comments/${comment}`],
    ];
    const stranger = await boardsOutsider(t);
    const before = await lastEventId(t);
    await expectAllNotFound(t, stranger.client, calls);
    // ids that name nothing at all answer the same
    await expectAllNotFound(
      t,
      lead.client,
      calls
        .filter(([, path]) => !path.startsWith("/api/projects/"))
        .map(([method, path, body]) => [
          method,
          path.replace(
            /\/(boards|columns|labels|tasks|checklist-items|task-comments)\/[0-9a-f-]{36}/,
            `/$1/${NOTHING}`,
          ),
          body,
        ]),
    );
    await expectAllUnauthenticated(t, [...calls, ["GET", "/api/me/tasks"]]);
    expect(await eventsSince(t, before)).toEqual([]);
    // the stranger's own board does not take the victim's columns, labels or tasks either
    await storesNothing(t, async () => {
      const res = await stranger.client.post(`/api/boards/${stranger.board.id}/tasks`, {
        columnId: todo.id,
        title: "X",
        labelIds: [label.id],
      });
      expect(res.json.error.fields).toEqual({ columnId: "not_found" });
      const moved = await stranger.client.post(`/api/projects/${stranger.project.id}/boards`, { name: "Y" });
      const target = moved.json.board.columns[0].id;
      expect(
        (await lead.client.post(`/api/tasks/${task.id}/move`, { columnId: target })).json.error.fields,
      ).toEqual({ columnId: "not_found" });
      await stranger.client.delete(`/api/boards/${moved.json.board.id}`);
    });
  });

  it("keeps an archived project's boards readable and unchangeable (409 project_archived)", async () => {
    const { lead, editor, viewer, project, board, todo, doing } = await boardsWorld(t);
    const task = await createTask(lead.client, board.id, todo.id);
    expect((await lead.client.post(`/api/projects/${project.id}/archive`)).status).toBe(200);
    const res = await editor.client.get(`/api/boards/${board.id}`);
    expect(res.json.board.project.state).toBe("archived");
    expect(res.json.board.abilities).toEqual({ edit: false, manage: false, comment: false });
    await storesNothing(t, async () => {
      for (const [method, path, body] of [
        ["POST", `/api/tasks/${task.id}/move`, { columnId: doing.id }],
        ["PATCH", `/api/boards/${board.id}`, { name: "X" }],
        ["POST", `/api/tasks/${task.id}/comments`, { body: "X" }],
      ] as RouteCall[]) {
        expectError(await editor.client.request(method, path, body), 409, "project_archived");
      }
      expectError(
        await viewer.client.post(`/api/tasks/${task.id}/comments`, { body: "X" }),
        409,
        "project_archived",
      );
    });
  });
});
