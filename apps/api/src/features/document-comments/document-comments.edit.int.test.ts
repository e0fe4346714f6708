import { describe, expect, it } from "vitest";
import {
  createDocument,
  documentsWorld,
  expectClosedToOutsiders,
  NOTHING,
  openThread,
  type Thread,
} from "../../test/documents.ts";
import type { Client } from "../../test/harness.ts";
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
const SUBJECT = "Du wurdest in einem Kommentar erwähnt";

/** Replies `days` later (so the order of the comments is certain) and answers the new comment's id. */
async function reply(client: Client, documentId: string, threadId: string, days: number, body: string) {
  const res = await later(t, days, () =>
    client.post(`/api/documents/${documentId}/threads/${threadId}/comments`, { body }),
  );
  expect(res.status, res.text).toBe(201);
  return (res.json.thread as Thread).comments.at(-1)?.id as string;
}

/** The mention mails `to` got (they got their invitation too). */
function mentionMails(to: string) {
  return t.mails(to).filter((m) => m.subject === SUBJECT);
}

async function comment(client: Client, documentId: string, threadId: string, commentId: string) {
  const list = await client.get(`/api/documents/${documentId}/threads`);
  const thread = (list.json.threads as Thread[]).find((x) => x.id === threadId);
  return thread?.comments.find((c) => c.id === commentId);
}

describe("editing a comment", () => {
  it("lets its author change the text (marked edited); the same text changes nothing; nobody else may", async () => {
    const { lead, project, editor, viewer } = await documentsWorld(t);
    const doc = await createDocument(editor.client, project.id);
    const thread = await openThread(viewer.client, doc.id, {
      body: "@Lea stimmt das?",
      mentions: [lead.user.id],
    });
    const first = thread.comments[0]?.id as string;
    const answer = await reply(editor.client, doc.id, thread.id, 1, "Ja.");
    const path = `/api/documents/${doc.id}/threads/${thread.id}/comments/${first}`;

    const edited = await later(t, 2, () =>
      viewer.client.patch(path, { body: "  @Lea stimmt der Anteil?  " }),
    );
    expect(edited.status, edited.text).toBe(200);
    const editedAt = new Date(t.clock.now.getTime() + 2 * 86_400_000).toISOString();
    expect(edited.json.thread.comments).toEqual([
      {
        id: first,
        author: { id: viewer.user.id, displayName: "Vera Viewer" },
        body: "@Lea stimmt der Anteil?",
        // left out, the mentions stay
        mentions: [{ id: lead.user.id, displayName: "Lea Lead" }],
        createdAt: t.clock.now.toISOString(),
        editedAt,
        isMine: true,
        canEdit: true,
        canDelete: true,
      },
      expect.objectContaining({
        id: answer,
        editedAt: null,
        isMine: false,
        canEdit: false,
        canDelete: false,
      }),
    ]);
    // the same text again is no edit
    const same = await later(t, 3, () => viewer.client.patch(path, { body: "@Lea stimmt der Anteil?" }));
    expect(same.json.thread.comments[0].editedAt).toBe(editedAt);
    // a lead moderates (deletes) but never puts words into someone's mouth; another member neither
    expect(await comment(lead.client, doc.id, thread.id, first)).toMatchObject({
      isMine: false,
      canEdit: false,
      canDelete: true,
    });
    await storesNothing(t, async () => {
      expectError(await lead.client.patch(path, { body: "Anders" }), 403, "forbidden");
      expectError(await editor.client.patch(path, { body: "Anders" }), 403, "forbidden");
    });
    expect((await comment(viewer.client, doc.id, thread.id, first))?.body).toBe("@Lea stimmt der Anteil?");
    // editing mentioned nobody anew: Lea heard once
    expect(mentionMails(lead.email)).toHaveLength(1);
  });

  it("mails only people mentioned anew, checks only them for membership, and replaces the mentions when given", async () => {
    const { lead, org, project, editor, viewer } = await documentsWorld(t);
    const doc = await createDocument(editor.client, project.id);
    const thread = await openThread(viewer.client, doc.id, { body: "@Lea", mentions: [lead.user.id] });
    const path = `/api/documents/${doc.id}/threads/${thread.id}/comments/${thread.comments[0]?.id}`;
    expect(mentionMails(lead.email)).toHaveLength(1);

    const both = await viewer.client.patch(path, {
      body: "@Lea @Ed",
      mentions: [lead.user.id, editor.user.id, editor.user.id],
    });
    expect(both.status, both.text).toBe(200);
    expect(both.json.thread.comments[0].mentions.map((m: { id: string }) => m.id)).toEqual([
      lead.user.id,
      editor.user.id,
    ]);
    expect(mentionMails(lead.email)).toHaveLength(1);
    expect(mentionMails(editor.email)).toHaveLength(1);
    expect(mentionMails(editor.email)[0]?.text).toContain("> @Lea @Ed");
    // changing the text again mails nobody: both were mentioned already
    expect(
      (await viewer.client.patch(path, { body: "@Lea @Ed, bitte", mentions: [editor.user.id, lead.user.id] }))
        .status,
    ).toBe(200);
    expect(mentionMails(lead.email)).toHaveLength(1);
    expect(mentionMails(editor.email)).toHaveLength(1);

    // someone new who is not a member of the project: 422, nothing changes, nobody is mailed
    const admin = await addMember(t, lead.client, org.id, "admin", "Adam Admin");
    const stranger = await person(t, "Sven Stranger");
    for (const outsider of [admin, stranger]) {
      await storesNothing(t, async () => {
        const res = await viewer.client.patch(path, {
          body: "@alle",
          mentions: [lead.user.id, outsider.user.id],
        });
        expectError(res, 422, "validation_failed");
        expect(res.json.error.fields).toEqual({ mentions: "not_a_member" });
      });
      expect(mentionMails(outsider.email)).toEqual([]);
    }
    expect((await comment(viewer.client, doc.id, thread.id, thread.comments[0]?.id as string))?.body).toBe(
      "@Lea @Ed, bitte",
    );

    // Ed leaves the project: he stays mentioned through later edits (only new mentions are checked)
    expect((await lead.client.delete(`/api/projects/${project.id}/members/${editor.user.id}`)).status).toBe(
      200,
    );
    const kept = await viewer.client.patch(path, {
      body: "@Lea @Ed, danke",
      mentions: [lead.user.id, editor.user.id],
    });
    expect(kept.status, kept.text).toBe(200);
    expect(kept.json.thread.comments[0].mentions).toHaveLength(2);
    // an empty list removes every mention
    const none = await viewer.client.patch(path, { body: "Danke", mentions: [] });
    expect(none.json.thread.comments[0].mentions).toEqual([]);
    expect(mentionMails(lead.email)).toHaveLength(1);
  });

  it("refuses bad input (422) and stores nothing", async () => {
    const { lead, project, editor, viewer } = await documentsWorld(t);
    const doc = await createDocument(editor.client, project.id);
    const thread = await openThread(viewer.client, doc.id);
    const path = `/api/documents/${doc.id}/threads/${thread.id}/comments/${thread.comments[0]?.id}`;
    await expectRefusedBodies(t, (body) => viewer.client.patch(path, body), [
      ...badBodies({ body: "Text" }, "body"),
      [{}, { body: "required" }],
      [{ body: "   " }, { body: "too_short" }],
      [{ body: "x".repeat(5001) }, { body: "too_long" }],
      [{ body: "Text", mentions: "alle" }, { mentions: "invalid_type" }],
      [{ body: "Text", mentions: ["abc"] }, { "mentions.0": "invalid_format" }],
      [{ body: "Text", mentions: Array.from({ length: 21 }, () => lead.user.id) }, { mentions: "too_big" }],
    ]);
    expect(
      (await comment(viewer.client, doc.id, thread.id, thread.comments[0]?.id as string))?.editedAt,
    ).toBeNull();
  });
});

describe("deleting a comment", () => {
  it("lets the author delete their reply and leads and admins of the organisation any; others may not", async () => {
    const { lead, org, project, editor, viewer } = await documentsWorld(t);
    const admin = await addMember(t, lead.client, org.id, "admin", "Adam Admin");
    const doc = await createDocument(editor.client, project.id);
    const thread = await openThread(viewer.client, doc.id);
    const base = `/api/documents/${doc.id}/threads/${thread.id}/comments`;
    const fromEd = await reply(editor.client, doc.id, thread.id, 1, "Ja.");
    const fromVera = await reply(viewer.client, doc.id, thread.id, 2, "Danke!");
    const again = await reply(editor.client, doc.id, thread.id, 3, "Gern.");

    await storesNothing(t, async () => {
      expectError(await editor.client.delete(`${base}/${fromVera}`), 403, "forbidden");
      expectError(await viewer.client.delete(`${base}/${fromEd}`), 403, "forbidden");
    });
    const own = await viewer.client.delete(`${base}/${fromVera}`);
    expect(own.status, own.text).toBe(200);
    expect(own.json.thread.comments.map((c: { id: string }) => c.id)).toEqual([
      thread.comments[0]?.id,
      fromEd,
      again,
    ]);
    const byLead = await lead.client.delete(`${base}/${fromEd}`);
    expect(byLead.json.thread.comments.map((c: { id: string }) => c.id)).toEqual([
      thread.comments[0]?.id,
      again,
    ]);
    const comments = await t.rowCount("document_comments");
    const byAdmin = await admin.client.delete(`${base}/${again}`);
    expect(byAdmin.status, byAdmin.text).toBe(200);
    expect(byAdmin.json.thread.comments).toHaveLength(1);
    expect(await t.rowCount("document_comments")).toBe(comments - 1);
    // gone is gone
    await storesNothing(t, async () => {
      expectError(await lead.client.delete(`${base}/${again}`), 404, "not_found");
      expectError(await lead.client.patch(`${base}/${again}`, { body: "x" }), 404, "not_found");
    });
  });

  it("deletes the whole thread with its first comment and answers thread: null", async () => {
    const { lead, project, editor, viewer } = await documentsWorld(t);
    const doc = await createDocument(editor.client, project.id);
    const thread = await openThread(editor.client, doc.id);
    const keep = await openThread(editor.client, doc.id, { body: "Anderer Faden" });
    await reply(viewer.client, doc.id, thread.id, 1, "Antwort");
    await reply(lead.client, doc.id, thread.id, 2, "Noch eine");
    const [threads, comments] = [await t.rowCount("document_threads"), await t.rowCount("document_comments")];
    const res = await editor.client.delete(
      `/api/documents/${doc.id}/threads/${thread.id}/comments/${thread.comments[0]?.id}`,
    );
    expect(res.status, res.text).toBe(200);
    expect(res.json).toEqual({ thread: null });
    expect(await t.rowCount("document_threads")).toBe(threads - 1);
    expect(await t.rowCount("document_comments")).toBe(comments - 3);
    const list = await viewer.client.get(`/api/documents/${doc.id}/threads`);
    expect(list.json.threads.map((x: { id: string }) => x.id)).toEqual([keep.id]);
    // a moderator deleting the first comment takes the thread too
    const byLead = await lead.client.delete(
      `/api/documents/${doc.id}/threads/${keep.id}/comments/${keep.comments[0]?.id}`,
    );
    expect(byLead.json).toEqual({ thread: null });
    expect((await viewer.client.get(`/api/documents/${doc.id}/threads`)).json.threads).toEqual([]);
  });
});

describe("editing and deleting where the document does not allow it", () => {
  it("refuses in an archived project (409) and in the trash (403 to editors, 404 to viewers)", async () => {
    const { lead, project, editor, viewer } = await documentsWorld(t);
    const doc = await createDocument(editor.client, project.id);
    const fromVera = await openThread(viewer.client, doc.id);
    const fromEd = await openThread(editor.client, doc.id);
    const pathOf = (th: Thread) => `/api/documents/${doc.id}/threads/${th.id}/comments/${th.comments[0]?.id}`;
    await editor.client.delete(`/api/documents/${doc.id}`);
    await storesNothing(t, async () => {
      expectError(await viewer.client.patch(pathOf(fromVera), { body: "Neu" }), 404, "not_found");
      expectError(await viewer.client.delete(pathOf(fromVera)), 404, "not_found");
      expectError(await editor.client.patch(pathOf(fromEd), { body: "Neu" }), 403, "forbidden");
      expectError(await lead.client.delete(pathOf(fromVera)), 403, "forbidden");
    });
    await editor.client.post(`/api/documents/${doc.id}/restore`);
    await lead.client.post(`/api/projects/${project.id}/archive`);
    await storesNothing(t, async () => {
      expectError(await viewer.client.patch(pathOf(fromVera), { body: "Neu" }), 409, "project_archived");
      expectError(await viewer.client.delete(pathOf(fromVera)), 409, "project_archived");
      expectError(await lead.client.delete(pathOf(fromVera)), 409, "project_archived");
    });
    // in the archive the abilities say so too
    expect(
      await comment(viewer.client, doc.id, fromVera.id, fromVera.comments[0]?.id as string),
    ).toMatchObject({
      isMine: true,
      canEdit: false,
      canDelete: false,
    });
  });

  it("answers 401 without a session and 404 to outsiders and for comments named under another thread or document", async () => {
    const { project, editor, viewer } = await documentsWorld(t);
    const doc = await createDocument(editor.client, project.id);
    const thread = await openThread(editor.client, doc.id);
    const other = await openThread(editor.client, doc.id);
    const otherDoc = await createDocument(editor.client, project.id);
    const id = thread.comments[0]?.id as string;
    const path = `/api/documents/${doc.id}/threads/${thread.id}/comments/${id}`;
    const calls: RouteCall[] = [
      ["PATCH", path, { body: "Übernommen" }],
      ["DELETE", path],
    ];
    await expectClosedToOutsiders(t, calls);
    // a comment named under another thread or document is not found, even by a member
    await expectAllNotFound(t, editor.client, [
      ["PATCH", `/api/documents/${doc.id}/threads/${other.id}/comments/${id}`, { body: "Hallo" }],
      ["DELETE", `/api/documents/${doc.id}/threads/${other.id}/comments/${id}`],
      ["PATCH", `/api/documents/${otherDoc.id}/threads/${thread.id}/comments/${id}`, { body: "Hallo" }],
      ["DELETE", `/api/documents/${otherDoc.id}/threads/${thread.id}/comments/${id}`],
      ["DELETE", `/api/documents/${doc.id}/threads/${thread.id}/comments/${NOTHING}`],
      ["PATCH", `/api/documents/${doc.id}/threads/${thread.id}/comments/not-a-uuid`, { body: "Hallo" }],
    ]);
    expect((await comment(viewer.client, doc.id, thread.id, id))?.body).toBe("Stimmt das?");
  });

  it("keeps a former member away from their own comment", async () => {
    const { lead, project, editor, viewer } = await documentsWorld(t);
    const doc = await createDocument(editor.client, project.id);
    const thread = await openThread(viewer.client, doc.id);
    const path = `/api/documents/${doc.id}/threads/${thread.id}/comments/${thread.comments[0]?.id}`;
    expect((await lead.client.delete(`/api/projects/${project.id}/members/${viewer.user.id}`)).status).toBe(
      200,
    );
    await expectAllNotFound(t, viewer.client, [
      ["PATCH", path, { body: "Doch anders" }],
      ["DELETE", path],
    ]);
  });
});

describe("the API description", () => {
  it("describes editing and deleting a comment in /api/openapi.json", async () => {
    const res = await t.app.request("/api/openapi.json");
    const doc = (await res.json()) as { paths: Record<string, Record<string, any>> };
    const item = doc.paths["/api/documents/{id}/threads/{threadId}/comments/{commentId}"];
    expect(Object.keys(item ?? {}).sort()).toEqual(["delete", "patch"]);
    const input = item?.patch.requestBody.content["application/json"].schema;
    expect(Object.keys(input.properties).sort()).toEqual(["body", "mentions"]);
    expect(item?.patch.parameters.map((p: { name: string }) => p.name).sort()).toEqual([
      "commentId",
      "id",
      "threadId",
    ]);
    expect(item?.delete.responses[200].content["application/json"].schema.properties).toHaveProperty(
      "thread",
    );
  });
});
