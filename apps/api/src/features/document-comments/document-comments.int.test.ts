import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import {
  createDocument,
  documentsWorld,
  expectClosedToOutsiders,
  NOTHING,
  openThread,
} from "../../test/documents.ts";
import { useTestApp } from "../../test/harness.ts";
import {
  addMember,
  badBodies,
  expectAllNotFound,
  expectError,
  expectRefusedBodies,
  later,
  person,
  type RouteCall,
  storesNothing,
} from "../../test/tenancy.ts";

const t = useTestApp();

describe("comment threads", () => {
  it("viewers open threads with mentions; others reply; everyone sees them in order", async () => {
    const { lead, project, editor, viewer } = await documentsWorld(t);
    const doc = await createDocument(editor.client, project.id);
    const id = randomUUID();
    const thread = await openThread(viewer.client, doc.id, {
      id,
      quote: "Eigenanteil 10 %",
      body: " @Lea Lead, stimmt der Eigenanteil? ",
      mentions: [lead.user.id, lead.user.id],
    });
    expect(thread).toEqual({
      id,
      quote: "Eigenanteil 10 %",
      createdAt: t.clock.now.toISOString(),
      createdBy: { id: viewer.user.id, displayName: "Vera Viewer" },
      resolvedAt: null,
      resolvedBy: null,
      comments: [
        {
          id: expect.any(String),
          author: { id: viewer.user.id, displayName: "Vera Viewer" },
          body: "@Lea Lead, stimmt der Eigenanteil?",
          mentions: [{ id: lead.user.id, displayName: "Lea Lead" }],
          createdAt: t.clock.now.toISOString(),
          editedAt: null,
          isMine: true,
          canEdit: true,
          canDelete: true,
        },
      ],
    });
    const reply = await later(t, 1, () =>
      lead.client.post(`/api/documents/${doc.id}/threads/${id}/comments`, { body: "Ja, laut Richtlinie." }),
    );
    expect(reply.status, reply.text).toBe(201);
    expect(
      reply.json.thread.comments.map((c: { body: string; isMine: boolean }) => [c.body, c.isMine]),
    ).toEqual([
      ["@Lea Lead, stimmt der Eigenanteil?", false],
      ["Ja, laut Richtlinie.", true],
    ]);
    const second = await later(t, 2, () => openThread(editor.client, doc.id, { quote: "" }));
    const list = await viewer.client.get(`/api/documents/${doc.id}/threads`);
    expect(list.json.threads.map((x: { id: string }) => x.id)).toEqual([id, second.id]);
    expect(list.json.threads[0].comments[1]).toMatchObject({ isMine: false, mentions: [] });
    // another document's threads are its own
    const other = await createDocument(editor.client, project.id);
    expect((await viewer.client.get(`/api/documents/${other.id}/threads`)).json.threads).toEqual([]);
    await storesNothing(t, async () => {
      expectError(
        await viewer.client.post(`/api/documents/${other.id}/threads/${id}/comments`, { body: "Hier?" }),
        404,
        "not_found",
      );
      expectError(
        await viewer.client.post(`/api/documents/${other.id}/threads/${id}/resolve`),
        404,
        "not_found",
      );
    });
  });

  it("resolves and reopens; a reply reopens a resolved thread", async () => {
    const { lead, project, editor, viewer } = await documentsWorld(t);
    const doc = await createDocument(editor.client, project.id);
    const thread = await openThread(editor.client, doc.id);
    const base = `/api/documents/${doc.id}/threads/${thread.id}`;
    const resolved = await viewer.client.post(`${base}/resolve`);
    expect(resolved.json.thread).toMatchObject({
      resolvedAt: t.clock.now.toISOString(),
      resolvedBy: { id: viewer.user.id, displayName: "Vera Viewer" },
    });
    // resolving again keeps who resolved it first
    const again = await later(t, 1, () => lead.client.post(`${base}/resolve`));
    expect(again.json.thread.resolvedBy.id).toBe(viewer.user.id);
    const reopened = await lead.client.post(`${base}/reopen`);
    expect(reopened.json.thread).toMatchObject({ resolvedAt: null, resolvedBy: null });
    expect((await lead.client.post(`${base}/reopen`)).json.thread.resolvedAt).toBeNull();
    await lead.client.post(`${base}/resolve`);
    const replied = await editor.client.post(`${base}/comments`, { body: "Doch noch offen" });
    expect(replied.json.thread).toMatchObject({ resolvedAt: null, resolvedBy: null });
    expect(replied.json.thread.comments).toHaveLength(2);
  });

  it("mentions only members of the project (422 not_a_member) and refuses taken ids and bad input", async () => {
    const { lead, org, project, editor, viewer } = await documentsWorld(t);
    const doc = await createDocument(editor.client, project.id);
    const thread = await openThread(editor.client, doc.id);
    // an admin of the organisation sees the project but is not one of its members
    const admin = await addMember(t, lead.client, org.id, "admin", "Adam Admin");
    const stranger = await person(t, "Sven Stranger");
    const threadPath = `/api/documents/${doc.id}/threads`;
    const replyPath = `${threadPath}/${thread.id}/comments`;
    for (const mentions of [[stranger.user.id], [lead.user.id, admin.user.id], [NOTHING]]) {
      await storesNothing(t, async () => {
        for (const res of [
          await viewer.client.post(threadPath, { id: randomUUID(), quote: "x", body: "@jemand", mentions }),
          await viewer.client.post(replyPath, { body: "@jemand", mentions }),
        ]) {
          expectError(res, 422, "validation_failed");
          expect(res.json.error.fields).toEqual({ mentions: "not_a_member" });
        }
      });
    }
    await storesNothing(t, async () => {
      const taken = await viewer.client.post(threadPath, { id: thread.id, quote: "x", body: "Nochmal" });
      expectError(taken, 409, "conflict");
    });
    const valid = { id: randomUUID(), quote: "Zitat", body: "Text" };
    await expectRefusedBodies(t, (body) => viewer.client.post(threadPath, body), [
      ...badBodies(valid, "body"),
      [{ ...valid, body: "   " }, { body: "too_short" }],
      [{ ...valid, body: "x".repeat(5001) }, { body: "too_long" }],
      [{ ...valid, quote: "x".repeat(1001) }, { quote: "too_long" }],
      [{ ...valid, id: "abc" }, { id: "invalid_format" }],
      [{ quote: "Zitat", body: "Text" }, { id: "required" }],
      [{ ...valid, mentions: "alle" }, { mentions: "invalid_type" }],
      [{ ...valid, mentions: ["abc"] }, { "mentions.0": "invalid_format" }],
      [{ ...valid, mentions: Array.from({ length: 21 }, () => lead.user.id) }, { mentions: "too_big" }],
    ]);
    await expectRefusedBodies(t, (body) => viewer.client.post(replyPath, body), [
      ...badBodies({ body: "Text" }, "body"),
      [{}, { body: "required" }],
      [{ body: "" }, { body: "too_short" }],
    ]);
  });

  it("stops comments while the project is archived and hides a trashed document's threads from viewers", async () => {
    const { lead, project, editor, viewer } = await documentsWorld(t);
    const doc = await createDocument(editor.client, project.id);
    const thread = await openThread(viewer.client, doc.id);
    const base = `/api/documents/${doc.id}/threads`;
    await editor.client.delete(`/api/documents/${doc.id}`);
    await storesNothing(t, async () => {
      expectError(await viewer.client.get(base), 404, "not_found");
      expectError(
        await editor.client.post(`${base}/${thread.id}/comments`, { body: "Hallo" }),
        403,
        "forbidden",
      );
    });
    expect((await editor.client.get(base)).json.threads).toHaveLength(1);
    await editor.client.post(`/api/documents/${doc.id}/restore`);
    await lead.client.post(`/api/projects/${project.id}/archive`);
    await storesNothing(t, async () => {
      expectError(
        await viewer.client.post(`${base}/${thread.id}/comments`, { body: "Hallo" }),
        409,
        "project_archived",
      );
      expectError(await lead.client.post(`${base}/${thread.id}/resolve`), 409, "project_archived");
      expectError(
        await viewer.client.post(base, { id: randomUUID(), quote: "", body: "Neu" }),
        409,
        "project_archived",
      );
    });
    expect((await viewer.client.get(base)).json.threads).toHaveLength(1);
  });

  it("answers 401 without a session and 404 to outsiders on every route", async () => {
    const { project, editor } = await documentsWorld(t);
    const doc = await createDocument(editor.client, project.id);
    const thread = await openThread(editor.client, doc.id);
    const base = `/api/documents/${doc.id}/threads`;
    const calls: RouteCall[] = [
      ["GET", base],
      ["POST", base, { id: randomUUID(), quote: "", body: "Übernommen" }],
      ["POST", `${base}/${thread.id}/comments`, { body: "Übernommen" }],
      ["POST", `${base}/${thread.id}/resolve`],
      ["POST", `${base}/${thread.id}/reopen`],
    ];
    await expectClosedToOutsiders(t, calls);
    await expectAllNotFound(t, editor.client, [
      ["POST", `${base}/${NOTHING}/comments`, { body: "Hallo" }],
      ["POST", `${base}/${NOTHING}/resolve`],
      ["POST", `${base}/not-a-uuid/reopen`],
      ["GET", `/api/documents/${NOTHING}/threads`],
    ]);
  });
});
