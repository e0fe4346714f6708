import { randomUUID } from "node:crypto";
import { readDocumentState } from "@ensemble/collab-core/storage";
import { describe, expect, it } from "vitest";
import {
  createDocument,
  documentsWorld,
  expectClosedToOutsiders,
  NOTHING,
  writeParagraphs,
} from "../../test/documents.ts";
import { useTestApp } from "../../test/harness.ts";
import {
  badBodies,
  expectAllNotFound,
  expectError,
  expectRefusedBodies,
  later,
  type RouteCall,
  storesNothing,
} from "../../test/tenancy.ts";

const t = useTestApp();

const paragraphs = (...texts: string[]) => ({
  type: "doc",
  content: texts.map((text) => ({ type: "paragraph", content: [{ type: "text", text }] })),
});

/** An automatic version, as the collaboration server keeps one while a document is edited. */
async function automaticVersion(documentId: string, at: Date): Promise<string> {
  const id = randomUUID();
  await t.deps.db
    .insertInto("document_versions")
    .values({
      id,
      document_id: documentId,
      name: null,
      state: await readDocumentState(t.deps.db, documentId),
      created_by: null,
      created_at: at,
    })
    .execute();
  return id;
}

describe("versions", () => {
  it("keeps named versions of the saved state; everyone who reads lists them and views their content", async () => {
    const { project, editor, viewer } = await documentsWorld(t);
    const doc = await createDocument(editor.client, project.id);
    await writeParagraphs(t, doc.id, [{ text: "Entwurf" }]);
    const auto = await automaticVersion(doc.id, new Date(t.clock.now.getTime() - 60_000));
    const base = `/api/documents/${doc.id}/versions`;
    const named = await editor.client.post(base, { name: " Eingereicht " });
    expect(named.status, named.text).toBe(201);
    expect(named.json.version).toEqual({
      id: expect.any(String),
      name: "Eingereicht",
      createdAt: t.clock.now.toISOString(),
      createdBy: { id: editor.user.id, displayName: "Ed Editor" },
    });
    await writeParagraphs(t, doc.id, [{ text: "Nachtrag" }]);
    const later_ = await later(t, 1, () => editor.client.post(base, { name: "Mit Nachtrag" }));

    const list = await viewer.client.get(base);
    expect(list.json.versions.map((v: { id: string; name: string | null }) => [v.id, v.name])).toEqual([
      [later_.json.version.id, "Mit Nachtrag"],
      [named.json.version.id, "Eingereicht"],
      [auto, null],
    ]);
    expect(list.json.versions[2].createdBy).toBeNull();

    const content = await viewer.client.get(`${base}/${named.json.version.id}`);
    expect(content.json).toEqual({ version: named.json.version, content: paragraphs("Entwurf") });
    const newer = await viewer.client.get(`${base}/${later_.json.version.id}`);
    expect(newer.json.content).toEqual(paragraphs("Entwurf", "Nachtrag"));
    const empty = await createDocument(editor.client, project.id);
    const blank = await editor.client.post(`/api/documents/${empty.id}/versions`, { name: "Leer" });
    expect(
      (await viewer.client.get(`/api/documents/${empty.id}/versions/${blank.json.version.id}`)).json.content,
    ).toEqual({ type: "doc", content: [{ type: "paragraph" }] });

    await storesNothing(t, async () => {
      expectError(await viewer.client.post(base, { name: "Meins" }), 403, "forbidden");
      // a version of another document is not found under this one
      expectError(await viewer.client.get(`/api/documents/${empty.id}/versions/${auto}`), 404, "not_found");
      expectError(await viewer.client.get(`${base}/${NOTHING}`), 404, "not_found");
    });
    await expectRefusedBodies(t, (body) => editor.client.post(base, body), [
      ...badBodies({ name: "Neu" }, "name"),
      [{}, { name: "required" }],
      [{ name: " " }, { name: "too_short" }],
      [{ name: "x".repeat(121) }, { name: "too_long" }],
    ]);
  });

  it("keeps no versions of trashed documents nor in archived projects, and hides them from viewers in the trash", async () => {
    const { lead, project, editor, viewer } = await documentsWorld(t);
    const doc = await createDocument(editor.client, project.id);
    const base = `/api/documents/${doc.id}/versions`;
    const kept = (await editor.client.post(base, { name: "Vorher" })).json.version;
    await editor.client.delete(`/api/documents/${doc.id}`);
    await storesNothing(t, async () => {
      expectError(await editor.client.post(base, { name: "Nein" }), 403, "forbidden");
      expectError(await viewer.client.get(base), 404, "not_found");
      expectError(await viewer.client.get(`${base}/${kept.id}`), 404, "not_found");
    });
    expect((await editor.client.get(`${base}/${kept.id}`)).status).toBe(200);
    await editor.client.post(`/api/documents/${doc.id}/restore`);
    await lead.client.post(`/api/projects/${project.id}/archive`);
    await storesNothing(t, async () => {
      expectError(await editor.client.post(base, { name: "Nein" }), 409, "project_archived");
    });
    expect((await viewer.client.get(base)).json.versions).toHaveLength(1);
  });

  it("answers 401 without a session and 404 to outsiders", async () => {
    const { project, editor } = await documentsWorld(t);
    const doc = await createDocument(editor.client, project.id);
    const version = (await editor.client.post(`/api/documents/${doc.id}/versions`, { name: "V1" })).json
      .version;
    const calls: RouteCall[] = [
      ["GET", `/api/documents/${doc.id}/versions`],
      ["POST", `/api/documents/${doc.id}/versions`, { name: "Übernommen" }],
      ["GET", `/api/documents/${doc.id}/versions/${version.id}`],
    ];
    await expectClosedToOutsiders(t, calls);
    await expectAllNotFound(t, editor.client, [
      ["GET", `/api/documents/${NOTHING}/versions`],
      ["GET", `/api/documents/${doc.id}/versions/not-a-uuid`],
    ]);
  });
});
