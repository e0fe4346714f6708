import { EMPTY_STATE, readDocumentState } from "@ensemble/collab-core/storage";
import { describe, expect, it } from "vitest";
import {
  createDocument,
  createFolder,
  documentsWorld,
  NOTHING,
  readParagraphs,
  recordRevocations,
  writeParagraphs,
} from "../../test/documents.ts";
import { useTestApp } from "../../test/harness.ts";
import {
  badBodies,
  createOrganisation,
  expectAllForbidden,
  expectAllNotFound,
  expectAllUnauthenticated,
  expectError,
  expectRefusedBodies,
  later,
  person,
  type RouteCall,
  storesNothing,
} from "../../test/tenancy.ts";

const t = useTestApp();

/** Someone from a third organisation with a project of their own. */
async function outsider() {
  const p = await person(t, "Otto Outsider");
  const org = await createOrganisation(p.client, { name: "Drittverein" });
  const res = await p.client.post("/api/projects", { organisationId: org.id, name: "Eigenes" });
  const folder = await createFolder(p.client, res.json.project.id, { name: "Fremd" });
  return { ...p, org, project: res.json.project as { id: string }, folder };
}

function titles(res: { json: Record<string, any> }): string[] {
  return (res.json.documents as Array<{ title: string }>).map((d) => d.title);
}

describe("create and read", () => {
  it("creates a blank document that everyone in the project reads, with who made it", async () => {
    const { lead, project, editor, viewer } = await documentsWorld(t);
    const snapshots = await t.rowCount("document_snapshots");
    const doc = await createDocument(editor.client, project.id, { title: "  Förderantrag 2027  " });
    expect(doc).toEqual({
      id: expect.any(String),
      projectId: project.id,
      folderId: null,
      title: "Förderantrag 2027",
      createdAt: t.clock.now.toISOString(),
      createdBy: { id: editor.user.id, displayName: "Ed Editor" },
      updatedAt: t.clock.now.toISOString(),
      updatedBy: { id: editor.user.id, displayName: "Ed Editor" },
      deletedAt: null,
      abilities: { edit: true, comment: true, trash: true, restore: false, delete: false },
      project: { id: project.id, name: "Sommerfest", state: "active" },
    });
    expect(await t.rowCount("document_snapshots")).toBe(snapshots + 1);
    expect(await readDocumentState(t.deps.db, doc.id)).toEqual(EMPTY_STATE);

    expect((await editor.client.get(`/api/documents/${doc.id}`)).json.document).toEqual(doc);
    const asViewer = (await viewer.client.get(`/api/documents/${doc.id}`)).json.document;
    expect(asViewer.abilities).toEqual({
      edit: false,
      comment: true,
      trash: false,
      restore: false,
      delete: false,
    });
    const asLead = (await lead.client.get(`/api/documents/${doc.id}`)).json.document;
    expect(asLead.abilities).toEqual({
      edit: true,
      comment: true,
      trash: true,
      restore: false,
      delete: false,
    });

    const list = await viewer.client.get(`/api/projects/${project.id}/documents`);
    expect(list.json).toEqual({
      documents: [{ ...asViewer, project: undefined }],
      folders: [],
      canCreate: false,
    });
    expect((await lead.client.get(`/api/projects/${project.id}/documents`)).json.canCreate).toBe(true);
  });

  it("lists the recently changed first, with who changed them last", async () => {
    const { lead, project, editor } = await documentsWorld(t);
    const a = await createDocument(lead.client, project.id, { title: "Alt" });
    await later(t, 1, () => createDocument(lead.client, project.id, { title: "Neu" }));
    const list = async () =>
      titles(await lead.client.get(`/api/projects/${project.id}/documents?view=active`));
    expect(await list()).toEqual(["Neu", "Alt"]);
    const renamed = await later(t, 2, () =>
      editor.client.patch(`/api/documents/${a.id}`, { title: "Alt, neu" }),
    );
    expect(renamed.json.document).toMatchObject({
      title: "Alt, neu",
      updatedBy: { id: editor.user.id, displayName: "Ed Editor" },
      createdBy: { id: lead.user.id, displayName: "Lea Lead" },
    });
    expect(await list()).toEqual(["Alt, neu", "Neu"]);
  });

  it("creates inside a folder of the project, never of another project", async () => {
    const { lead, project } = await documentsWorld(t);
    const folder = await createFolder(lead.client, project.id);
    const doc = await createDocument(lead.client, project.id, { folderId: folder.id });
    expect(doc.folderId).toBe(folder.id);
    const other = await outsider();
    await storesNothing(t, async () => {
      for (const folderId of [other.folder.id, NOTHING]) {
        expectError(
          await lead.client.post(`/api/projects/${project.id}/documents`, { title: "X", folderId }),
          404,
          "not_found",
        );
      }
    });
  });

  it("refuses bad input and stores nothing", async () => {
    const { lead, project } = await documentsWorld(t);
    const path = `/api/projects/${project.id}/documents`;
    await expectRefusedBodies(t, (body) => lead.client.post(path, body), [
      ...badBodies({ title: "Neu" }, "title"),
      [{}, { title: "required" }],
      [{ title: "   " }, { title: "too_short" }],
      [{ title: "a\u0000b" }, { title: "invalid_characters" }],
      [{ title: "x".repeat(201) }, { title: "too_long" }],
      [{ title: "Neu", folderId: "abc" }, { folderId: "invalid_format" }],
      [{ title: "Neu", templateId: "builtin:nope" }, { templateId: "invalid_format" }],
      [{ title: "Neu", language: "fr" }, { language: "invalid" }],
    ]);
    const list = await lead.client.get(`${path}?view=everything`);
    expectError(list, 422, "validation_failed");
    expect(list.json.error.fields).toEqual({ view: "invalid" });
    expect((await lead.client.get(`${path}?sort=title`)).json.error.fields).toEqual({
      sort: "unknown_field",
    });
  });

  it("lets only editors and leads create, and nobody while the project is archived", async () => {
    const { lead, project, viewer } = await documentsWorld(t);
    await storesNothing(t, async () => {
      expectError(
        await viewer.client.post(`/api/projects/${project.id}/documents`, { title: "X" }),
        403,
        "forbidden",
      );
      expectError(
        await viewer.client.post(`/api/projects/${project.id}/folders`, { name: "X" }),
        403,
        "forbidden",
      );
    });
    const doc = await createDocument(lead.client, project.id);
    expect((await lead.client.post(`/api/projects/${project.id}/archive`)).status).toBe(200);
    await storesNothing(t, async () => {
      expectError(
        await lead.client.post(`/api/projects/${project.id}/documents`, { title: "X" }),
        409,
        "project_archived",
      );
      expectError(
        await lead.client.patch(`/api/documents/${doc.id}`, { title: "X" }),
        409,
        "project_archived",
      );
      expectError(await lead.client.delete(`/api/documents/${doc.id}`), 409, "project_archived");
    });
    const archived = await lead.client.get(`/api/documents/${doc.id}`);
    expect(archived.json.document).toMatchObject({
      project: { state: "archived" },
      abilities: { edit: false, comment: false, trash: false },
    });
    expect((await lead.client.get(`/api/projects/${project.id}/documents`)).json.canCreate).toBe(false);
  });
});

describe("rename and move", () => {
  it("renames (a change) and moves between folders (not a change of the content)", async () => {
    const { lead, project, editor, viewer } = await documentsWorld(t);
    const folder = await createFolder(lead.client, project.id);
    const doc = await createDocument(lead.client, project.id);
    const path = `/api/documents/${doc.id}`;
    const moved = await later(t, 1, () => editor.client.patch(path, { folderId: folder.id }));
    expect(moved.json.document).toMatchObject({
      folderId: folder.id,
      updatedAt: doc.updatedAt,
      title: doc.title,
    });
    const back = await editor.client.patch(path, { folderId: null, title: "Antrag" });
    expect(back.json.document).toMatchObject({ folderId: null, title: "Antrag" });
    const other = await outsider();
    await storesNothing(t, async () => {
      expectError(await viewer.client.patch(path, { title: "Meins" }), 403, "forbidden");
      expectError(await editor.client.patch(path, { folderId: other.folder.id }), 404, "not_found");
    });
    await expectRefusedBodies(t, (body) => editor.client.patch(path, body), [
      ...badBodies({ title: "Neu" }, "title"),
      [{}, { _: "nothing_to_change" }],
      [{ folderId: 42 }, { folderId: "invalid_type" }],
      [{ title: "" }, { title: "too_short" }],
      [{ projectId: project.id }, { projectId: "unknown_field", _: "nothing_to_change" }],
    ]);
  });
});

describe("duplicate", () => {
  it("copies the stored content beside the original, without its comment marks", async () => {
    const { lead, project, editor, viewer } = await documentsWorld(t);
    const folder = await createFolder(lead.client, project.id);
    const doc = await createDocument(lead.client, project.id, { title: "Finanzplan", folderId: folder.id });
    await writeParagraphs(t, doc.id, [{ text: "Einnahmen" }, { text: "Ausgaben", commentThread: NOTHING }]);
    const copy = await editor.client.post(`/api/documents/${doc.id}/duplicate`);
    expect(copy.status, copy.text).toBe(201);
    expect(copy.json.document).toMatchObject({
      title: "Kopie von Finanzplan",
      folderId: folder.id,
      createdBy: { id: editor.user.id },
      abilities: { edit: true, delete: false },
    });
    expect(copy.json.document.id).not.toBe(doc.id);
    expect(await readParagraphs(t, copy.json.document.id)).toEqual([
      { text: "Einnahmen" },
      { text: "Ausgaben" },
    ]);
    // the original keeps its mark
    expect(await readParagraphs(t, doc.id)).toEqual([
      { text: "Einnahmen" },
      { text: "Ausgaben", commentThread: NOTHING },
    ]);

    await t.deps.db.updateTable("users").set({ locale: "en" }).where("id", "=", editor.user.id).execute();
    const long = await createDocument(lead.client, project.id, { title: "ß".repeat(200) });
    const english = await editor.client.post(`/api/documents/${long.id}/duplicate`);
    expect(english.json.document.title).toBe(`Copy of ${"ß".repeat(192)}`);
    await storesNothing(t, async () => {
      expectError(await viewer.client.post(`/api/documents/${doc.id}/duplicate`), 403, "forbidden");
    });
  });
});

describe("trash, restore, delete for good", () => {
  it("trashes for editors: gone for viewers, in the trash for editors, live connections told", async () => {
    const { lead, project, editor, viewer } = await documentsWorld(t);
    const doc = await createDocument(editor.client, project.id, { title: "Entwurf" });
    const kept = await createDocument(lead.client, project.id, { title: "Bleibt" });
    const revocations = recordRevocations(t);
    try {
      const path = `/api/documents/${doc.id}`;
      const list = (client: typeof lead.client, view: string) =>
        client.get(`/api/projects/${project.id}/documents?view=${view}`);
      expect((await list(lead.client, "active")).status).toBe(200);
      expectError(await viewer.client.delete(path), 403, "forbidden");
      const trashed = await editor.client.delete(path);
      expect(trashed.json.document).toMatchObject({
        deletedAt: t.clock.now.toISOString(),
        abilities: { edit: false, comment: false, trash: false, restore: true, delete: true },
      });
      await expect
        .poll(() => revocations.seen.filter((r) => r.scope.kind === "document"))
        .toEqual([{ userId: "*", scope: { kind: "document", id: doc.id } }]);

      expect(titles(await list(viewer.client, "active"))).toEqual(["Bleibt"]);
      expect(titles(await list(viewer.client, "trash"))).toEqual([]);
      expect(titles(await list(editor.client, "trash"))).toEqual(["Entwurf"]);
      expectError(await viewer.client.get(path), 404, "not_found");
      expect((await lead.client.get(path)).json.document.abilities).toEqual({
        edit: false,
        comment: false,
        trash: false,
        restore: true,
        delete: true,
      });
      await storesNothing(t, async () => {
        expectError(await editor.client.patch(path, { title: "Nein" }), 403, "forbidden");
        expectError(await editor.client.post(`${path}/duplicate`), 403, "forbidden");
        expectError(await editor.client.delete(path), 403, "forbidden");
        expectError(await viewer.client.post(`${path}/restore`), 404, "not_found");
        expectError(await lead.client.post(`/api/documents/${kept.id}/restore`), 403, "forbidden");
      });

      const restored = await editor.client.post(`${path}/restore`);
      expect(restored.json.document).toMatchObject({ deletedAt: null, abilities: { edit: true } });
      expect(titles(await list(viewer.client, "active")).sort()).toEqual(["Bleibt", "Entwurf"]);
    } finally {
      revocations.stop();
    }
  });

  it("deletes for good from the trash only: leads, and the editor who created it", async () => {
    const { lead, project, editor } = await documentsWorld(t);
    const mine = await createDocument(editor.client, project.id, { title: "Meins" });
    const theirs = await createDocument(lead.client, project.id, { title: "Von Lea" });
    await writeParagraphs(t, theirs.id, [{ text: "Inhalt" }]);
    const revocations = recordRevocations(t);
    try {
      await storesNothing(t, async () => {
        // not from the live list: a document is trashed first
        expectError(await lead.client.delete(`/api/documents/${theirs.id}/permanent`), 403, "forbidden");
      });
      await editor.client.delete(`/api/documents/${mine.id}`);
      await editor.client.delete(`/api/documents/${theirs.id}`);
      await storesNothing(t, async () => {
        expectError(await editor.client.delete(`/api/documents/${theirs.id}/permanent`), 403, "forbidden");
      });
      expect((await editor.client.delete(`/api/documents/${mine.id}/permanent`)).json).toEqual({ ok: true });
      const before = { docs: await t.rowCount("documents"), updates: await t.rowCount("document_updates") };
      expect((await lead.client.delete(`/api/documents/${theirs.id}/permanent`)).json).toEqual({ ok: true });
      expect(await t.rowCount("documents")).toBe(before.docs - 1);
      expect(await t.rowCount("document_updates")).toBe(before.updates - 1);
      const left = await t.deps.db
        .selectFrom("document_snapshots")
        .select("document_id")
        .where("document_id", "in", [mine.id, theirs.id])
        .execute();
      expect(left).toEqual([]);
      expectError(await lead.client.get(`/api/documents/${theirs.id}`), 404, "not_found");
      expect(titles(await lead.client.get(`/api/projects/${project.id}/documents?view=trash`))).toEqual([]);
      await expect
        .poll(() =>
          revocations.seen
            .filter((r) => r.scope.kind === "document")
            .map((r) => r.scope.id)
            .sort(),
        )
        .toEqual([mine.id, mine.id, theirs.id, theirs.id].sort());
    } finally {
      revocations.stop();
    }
  });
});

describe("folders", () => {
  it("nests, renames and moves folders, never into themselves", async () => {
    const { lead, project, editor, viewer } = await documentsWorld(t);
    const top = await createFolder(editor.client, project.id, { name: "Förderung" });
    expect(top).toEqual({
      id: expect.any(String),
      projectId: project.id,
      parentId: null,
      name: "Förderung",
      createdAt: t.clock.now.toISOString(),
    });
    const middle = await createFolder(editor.client, project.id, { name: "2027", parentId: top.id });
    const bottom = await createFolder(editor.client, project.id, { name: "Anlagen", parentId: middle.id });
    const other = await createFolder(lead.client, project.id, { name: "Presse" });
    const list = await viewer.client.get(`/api/projects/${project.id}/documents`);
    expect(
      list.json.folders.map((f: { name: string; parentId: string | null }) => [f.name, f.parentId]),
    ).toEqual([
      ["2027", top.id],
      ["Anlagen", middle.id],
      ["Förderung", null],
      ["Presse", null],
    ]);

    const path = (id: string) => `/api/folders/${id}`;
    const renamed = await editor.client.patch(path(bottom.id), { name: "Belege" });
    expect(renamed.json.folder).toMatchObject({ name: "Belege", parentId: middle.id });
    const moved = await editor.client.patch(path(middle.id), { parentId: other.id });
    expect(moved.json.folder).toMatchObject({ name: "2027", parentId: other.id });
    expect((await editor.client.patch(path(middle.id), { parentId: null })).json.folder.parentId).toBeNull();

    await expectRefusedBodies(t, (body) => editor.client.patch(path(top.id), body), [
      ...badBodies({ name: "Neu" }, "name"),
      [{}, { _: "nothing_to_change" }],
      [{ name: "x".repeat(121) }, { name: "too_long" }],
      [{ parentId: "abc" }, { parentId: "invalid_format" }],
    ]);
    await middleIntoOwnChild(editor.client, middle.id, bottom.id);
    const stranger = await outsider();
    await storesNothing(t, async () => {
      expectError(
        await editor.client.patch(path(top.id), { parentId: stranger.folder.id }),
        404,
        "not_found",
      );
      expectError(
        await editor.client.post(`/api/projects/${project.id}/folders`, {
          name: "X",
          parentId: stranger.folder.id,
        }),
        404,
        "not_found",
      );
      expectError(await viewer.client.patch(path(top.id), { name: "Meins" }), 403, "forbidden");
      expectError(await viewer.client.delete(path(top.id)), 403, "forbidden");
    });
    await expectRefusedBodies(t, (body) => editor.client.post(`/api/projects/${project.id}/folders`, body), [
      ...badBodies({ name: "Neu" }, "name"),
      [{}, { name: "required" }],
      [{ name: "Neu", parentId: 1 }, { parentId: "invalid_type" }],
    ]);
  });

  async function middleIntoOwnChild(
    client: Parameters<typeof createFolder>[0],
    middle: string,
    bottom: string,
  ) {
    await storesNothing(t, async () => {
      for (const parentId of [middle, bottom]) {
        const res = await client.patch(`/api/folders/${middle}`, { parentId, name: "Umbenannt" });
        expectError(res, 422, "validation_failed");
        expect(res.json.error.fields).toEqual({ parentId: "folder_cycle" });
      }
    });
    const after = await t.deps.db
      .selectFrom("document_folders")
      .select(["name", "parent_id"])
      .where("id", "=", middle)
      .executeTakeFirstOrThrow();
    expect(after.name).toBe("2027");
  }

  it("deleting a folder moves its documents (trashed ones too) and subfolders up to its parent", async () => {
    const { lead, project, editor } = await documentsWorld(t);
    const top = await createFolder(editor.client, project.id, { name: "Oben" });
    const doomed = await createFolder(editor.client, project.id, { name: "Weg", parentId: top.id });
    const child = await createFolder(editor.client, project.id, { name: "Kind", parentId: doomed.id });
    const doc = await createDocument(editor.client, project.id, { folderId: doomed.id });
    const trashed = await createDocument(editor.client, project.id, { folderId: doomed.id, title: "Alt" });
    await editor.client.delete(`/api/documents/${trashed.id}`);
    const inChild = await createDocument(editor.client, project.id, { folderId: child.id });
    const docs = await t.rowCount("documents");
    expect((await editor.client.delete(`/api/folders/${doomed.id}`)).json).toEqual({ ok: true });
    expect(await t.rowCount("documents")).toBe(docs);
    const folderOf = async (id: string) =>
      (await lead.client.get(`/api/documents/${id}`)).json.document.folderId;
    expect(await folderOf(doc.id)).toBe(top.id);
    expect(await folderOf(trashed.id)).toBe(top.id);
    expect(await folderOf(inChild.id)).toBe(child.id);
    const folders = (await lead.client.get(`/api/projects/${project.id}/documents`)).json.folders;
    expect(folders.map((f: { name: string; parentId: string | null }) => [f.name, f.parentId])).toEqual([
      ["Kind", top.id],
      ["Oben", null],
    ]);
    expectError(await editor.client.delete(`/api/folders/${doomed.id}`), 404, "not_found");
    // and at the top level, its contents land at the top level
    expect((await editor.client.delete(`/api/folders/${top.id}`)).json).toEqual({ ok: true });
    expect(await folderOf(doc.id)).toBeNull();
  });
});

describe("access", () => {
  async function everyRoute() {
    const w = await documentsWorld(t);
    const folder = await createFolder(w.lead.client, w.project.id);
    const doc = await createDocument(w.lead.client, w.project.id, { folderId: folder.id });
    const trashed = await createDocument(w.lead.client, w.project.id, { title: "Papierkorb" });
    await w.lead.client.delete(`/api/documents/${trashed.id}`);
    const p = `/api/projects/${w.project.id}`;
    const d = `/api/documents/${doc.id}`;
    const scoped: RouteCall[] = [
      ["GET", `${p}/documents`],
      ["GET", `${p}/documents?view=trash`],
      ["POST", `${p}/documents`, { title: "Übernommen" }],
      ["POST", `${p}/folders`, { name: "Übernommen" }],
      ["GET", d],
      ["PATCH", d, { title: "Übernommen" }],
      ["POST", `${d}/duplicate`],
      ["DELETE", d],
      ["POST", `/api/documents/${trashed.id}/restore`],
      ["DELETE", `/api/documents/${trashed.id}/permanent`],
      ["PATCH", `/api/folders/${folder.id}`, { name: "Übernommen" }],
      ["DELETE", `/api/folders/${folder.id}`],
    ];
    return { ...w, doc, folder, trashed, scoped };
  }

  it("every route answers 401 without a session", async () => {
    const { scoped } = await everyRoute();
    await expectAllUnauthenticated(t, scoped);
  });

  it("every route answers 404 to a signed-in outsider and for ids that name nothing", async () => {
    const { lead, scoped, project, doc, folder, trashed, viewer } = await everyRoute();
    const stranger = await outsider();
    await expectAllNotFound(t, stranger.client, scoped);
    const gone = scoped.map(
      ([m, path, b]): RouteCall => [
        m,
        path
          .replace(project.id, NOTHING)
          .replace(doc.id, NOTHING)
          .replace(folder.id, NOTHING)
          .replace(trashed.id, NOTHING),
        b,
      ],
    );
    await expectAllNotFound(t, lead.client, gone);
    await expectAllNotFound(t, lead.client, [
      ["GET", "/api/documents/not-a-uuid"],
      ["PATCH", "/api/folders/1%20or%201=1", { name: "X" }],
      ["DELETE", `/api/documents/${"x".repeat(300)}/permanent`],
    ]);
    // a viewer sees the project, so changes are forbidden rather than not found (but the trash is not theirs)
    await expectAllForbidden(
      t,
      viewer.client,
      scoped.filter(([m, path]) => m !== "GET" && !path.includes(trashed.id)),
    );
  });
});
