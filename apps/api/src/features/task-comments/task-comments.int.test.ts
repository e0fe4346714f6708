import { describe, expect, it } from "vitest";
import { boardsOutsider, boardsWorld, createTask, eventsSince, lastEventId } from "../../test/boards.ts";
import { useTestApp } from "../../test/harness.ts";
import { badBodies, expectError, expectRefusedBodies, later, storesNothing } from "../../test/tenancy.ts";

const t = useTestApp({ limits: { mentionMailsPerHour: 2 } });

describe("task comments", () => {
  it("lets everyone who reads comment, counts comments on the card, and records them in the history", async () => {
    const { lead, viewer, board, todo } = await boardsWorld(t);
    const task = await createTask(lead.client, board.id, todo.id);
    const before = await lastEventId(t);
    const res = await viewer.client.post(`/api/tasks/${task.id}/comments`, { body: "  Bis Freitag?  " });
    expect(res.status, res.text).toBe(201);
    expect(res.json.comment).toEqual({
      id: expect.any(String),
      author: { id: viewer.user.id, displayName: "Vera Viewer" },
      body: "Bis Freitag?",
      mentions: [],
      createdAt: t.clock.now.toISOString(),
      editedAt: null,
      canEdit: true,
      canDelete: true,
    });
    await later(t, 1, () => lead.client.post(`/api/tasks/${task.id}/comments`, { body: "Ja" }));
    const list = await viewer.client.get(`/api/tasks/${task.id}/comments`);
    expect(
      list.json.comments.map((c: { body: string; canEdit: boolean; canDelete: boolean }) => [
        c.body,
        c.canEdit,
        c.canDelete,
      ]),
    ).toEqual([
      ["Bis Freitag?", true, true],
      ["Ja", false, false],
    ]);
    const asLead = await lead.client.get(`/api/tasks/${task.id}/comments`);
    expect(
      asLead.json.comments.map((c: { canEdit: boolean; canDelete: boolean }) => [c.canEdit, c.canDelete]),
    ).toEqual([
      [false, true],
      [true, true],
    ]);
    const events = await eventsSince(t, before);
    expect(events.map((e) => [e.type, e.data.task.commentCount])).toEqual([
      ["task.changed", 1],
      ["task.changed", 2],
    ]);
    const history = (await lead.client.get(`/api/tasks/${task.id}/activity`)).json.activity;
    expect(history[1]).toMatchObject({
      kind: "commented",
      actor: { id: viewer.user.id, displayName: "Vera Viewer" },
      data: { commentId: res.json.comment.id },
    });
  });

  it("mails the members mentioned (not the author, never twice), and refuses mentions of outsiders", async () => {
    const { lead, editor, viewer, board, todo } = await boardsWorld(t);
    const task = await createTask(lead.client, board.id, todo.id, { title: "Plakate drucken" });
    const mails = t.mails(editor.email).length;
    const res = await lead.client.post(`/api/tasks/${task.id}/comments`, {
      body: "@Ed kannst du das übernehmen?",
      mentions: [editor.user.id, lead.user.id, editor.user.id],
    });
    expect(res.status).toBe(201);
    expect(res.json.comment.mentions).toEqual([
      { id: editor.user.id, displayName: "Ed Editor" },
      { id: lead.user.id, displayName: "Lea Lead" },
    ]);
    const inbox = t.mails(editor.email);
    expect(inbox).toHaveLength(mails + 1);
    expect(inbox.at(-1)?.subject).toBe("Du wurdest in einem Kommentar erwähnt");
    expect(inbox.at(-1)?.text).toContain(
      "Lea Lead hat dich in einem Kommentar zur Aufgabe „Plakate drucken“ erwähnt",
    );
    expect(inbox.at(-1)?.text).toContain(`/boards/${board.id}?task=${task.id}`);
    expect(t.mails(lead.email).filter((m) => m.subject.includes("erwähnt"))).toEqual([]);

    const other = await boardsOutsider(t);
    await expectRefusedBodies(t, (body) => lead.client.post(`/api/tasks/${task.id}/comments`, body), [
      ...badBodies({ body: "Hallo" }, "body").filter(
        ([, fields]) => !("body" in fields && fields.body === "too_long"),
      ),
      [{ body: "x".repeat(5001) }, { body: "too_long" }],
      [{ body: "   " }, { body: "too_short" }],
      [{ body: "Hallo", mentions: [other.user.id] }, { mentions: "not_a_member" }],
    ]);

    // editing: only people mentioned anew get a mail
    const edited = await lead.client.patch(`/api/task-comments/${res.json.comment.id}`, {
      body: "@Ed @Vera kannst du das übernehmen?",
      mentions: [editor.user.id, viewer.user.id],
    });
    expect(edited.status, edited.text).toBe(200);
    expect(edited.json.comment.editedAt).toBe(t.clock.now.toISOString());
    expect(t.mails(editor.email)).toHaveLength(mails + 1);
    expect(t.mails(viewer.email).filter((m) => m.subject.includes("erwähnt"))).toHaveLength(1);
  });

  it("lets authors edit their own comments and moderators delete anyone's, and nobody else", async () => {
    const { lead, editor, viewer, board, todo } = await boardsWorld(t);
    const task = await createTask(lead.client, board.id, todo.id);
    const mine = (await editor.client.post(`/api/tasks/${task.id}/comments`, { body: "Von Ed" })).json
      .comment;
    await storesNothing(t, async () => {
      expectError(
        await viewer.client.patch(`/api/task-comments/${mine.id}`, { body: "X" }),
        403,
        "forbidden",
      );
      expectError(await lead.client.patch(`/api/task-comments/${mine.id}`, { body: "X" }), 403, "forbidden");
      expectError(await viewer.client.delete(`/api/task-comments/${mine.id}`), 403, "forbidden");
    });
    await expectRefusedBodies(t, (body) => editor.client.patch(`/api/task-comments/${mine.id}`, body), [
      [{}, { body: "required" }],
      [{ body: "" }, { body: "too_short" }],
    ]);
    const rows = await t.rowCount("task_comments");
    const same = await editor.client.patch(`/api/task-comments/${mine.id}`, { body: "Von Ed" });
    expect(same.json.comment.editedAt).toBeNull();
    expect((await lead.client.delete(`/api/task-comments/${mine.id}`)).json).toEqual({ ok: true });
    expect(await t.rowCount("task_comments")).toBe(rows - 1);
    expect((await lead.client.get(`/api/tasks/${task.id}`)).json.task.commentCount).toBe(0);
    expectError(await editor.client.delete(`/api/task-comments/${mine.id}`), 404, "not_found");
  });

  it("stops mention mails at the author's hourly budget but keeps the comments", async () => {
    const { lead, editor, board, todo } = await boardsWorld(t);
    const task = await createTask(lead.client, board.id, todo.id);
    const before = t.mails(editor.email).length;
    for (let i = 0; i < 4; i++) {
      const res = await lead.client.post(`/api/tasks/${task.id}/comments`, {
        body: `Erinnerung ${i}`,
        mentions: [editor.user.id],
      });
      expect(res.status).toBe(201);
    }
    expect(t.mails(editor.email).length - before).toBeLessThanOrEqual(2);
    expect((await lead.client.get(`/api/tasks/${task.id}/comments`)).json.comments).toHaveLength(4);
  });
});
