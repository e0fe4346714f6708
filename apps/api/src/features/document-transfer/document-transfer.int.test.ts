import { appendUpdates, readDocumentState } from "@ensemble/collab-core/storage";
import { docxToJson, jsonToDocx, stateToJson } from "@ensemble/editor/convert";
import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { createDocument, createFolder, documentsWorld, writeParagraphs } from "../../test/documents.ts";
import { type Client, ORIGIN, useTestApp } from "../../test/harness.ts";
import {
  badBodies,
  expectAllNotFound,
  expectAllUnauthenticated,
  expectError,
  expectRefusedBodies,
  person,
  type RouteCall,
  storesNothing,
} from "../../test/tenancy.ts";
import { conversions, defaultConversionLimits } from "./document-transfer.conversions.ts";
import { SLOW_BACKTICKS, SLOW_EMPHASIS, wordFileOfParagraphs } from "./document-transfer.test-files.ts";

const t = useTestApp();
const NOTHING = "00000000-0000-4000-8000-000000000000";

/** Downloads as `client` and answers the raw bytes with the headers. */
async function download(client: Client, path: string) {
  const res = await t.app.request(path, { headers: { origin: ORIGIN, cookie: client.cookie ?? "" } });
  return { status: res.status, headers: res.headers, bytes: new Uint8Array(await res.arrayBuffer()) };
}

const base64 = (text: string | Uint8Array) => Buffer.from(text).toString("base64");

/** The text of every text node, in order. */
function texts(json: unknown): string[] {
  const out: string[] = [];
  const walk = (node: { text?: string; content?: unknown[] }) => {
    if (typeof node.text === "string") {
      out.push(node.text);
    }
    for (const child of node.content ?? []) {
      walk(child as typeof node);
    }
  };
  walk(json as { content?: unknown[] });
  return out;
}

describe("export", () => {
  it("downloads Markdown, HTML and Word named after the title, for everyone who reads", async () => {
    const { project, editor, viewer } = await documentsWorld(t);
    const doc = await createDocument(editor.client, project.id, { title: "Förderantrag: Straße/2027" });
    await writeParagraphs(t, doc.id, [
      { text: "Ziele des Projekts" },
      { text: "Mit Kommentar", commentThread: NOTHING },
    ]);
    const path = `/api/documents/${doc.id}/export`;

    const md = await download(viewer.client, `${path}?format=markdown`);
    expect(md.status).toBe(200);
    expect(md.headers.get("content-type")).toBe("text/markdown; charset=utf-8");
    expect(md.headers.get("content-disposition")).toBe(
      "attachment; filename=\"Foerderantrag Strasse 2027.md\"; filename*=UTF-8''F%C3%B6rderantrag%20Stra%C3%9Fe%202027.md",
    );
    expect(md.headers.get("cache-control")).toBe("no-store");
    expect(new TextDecoder().decode(md.bytes)).toBe("Ziele des Projekts\n\nMit Kommentar\n");

    const html = await download(viewer.client, `${path}?format=html`);
    expect(html.headers.get("content-type")).toBe("text/html; charset=utf-8");
    expect(html.headers.get("content-disposition")).toContain('filename="Foerderantrag Strasse 2027.html"');
    const page = new TextDecoder().decode(html.bytes);
    expect(page).toContain("Förderantrag: Straße/2027");
    expect(page).toContain("Ziele des Projekts");
    expect(page).not.toContain(NOTHING);

    const docx = await download(viewer.client, `${path}?format=docx`);
    expect(docx.headers.get("content-type")).toBe(
      "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    );
    expect(docx.headers.get("content-disposition")).toContain('filename="Foerderantrag Strasse 2027.docx"');
    expect(String.fromCharCode(docx.bytes[0] ?? 0, docx.bytes[1] ?? 0)).toBe("PK");
    expect(texts(await docxToJson(docx.bytes))).toEqual(
      expect.arrayContaining(["Ziele des Projekts", "Mit Kommentar"]),
    );
  });

  it("exports what a client wrote with the plain Yjs API, without its javascript: links", async () => {
    const { project, editor, viewer } = await documentsWorld(t);
    const doc = await createDocument(editor.client, project.id);
    await writeParagraphs(t, doc.id, [{ text: "Ziele" }]);
    // straight over the collab socket: values that are no XML in the editor's fragment, and a link
    const foreign = new Y.Doc();
    foreign.getArray("default").insert(0, ["x"]);
    const link = new Y.Doc();
    const paragraph = new Y.XmlElement("paragraph");
    paragraph.insert(0, [new Y.XmlText()]);
    link.getXmlFragment("default").insert(0, [paragraph]);
    (paragraph.get(0) as Y.XmlText).insert(0, "klick", { link: { href: "javascript:alert(1)" } });
    await appendUpdates(t.deps.db, [
      { documentId: doc.id, data: Y.encodeStateAsUpdate(foreign), userId: null },
      { documentId: doc.id, data: Y.encodeStateAsUpdate(link), userId: null },
    ]);
    for (const format of ["markdown", "html", "docx"]) {
      const res = await download(viewer.client, `/api/documents/${doc.id}/export?format=${format}`);
      expect(res.status, format).toBe(200);
    }
    const md = new TextDecoder().decode(
      (await download(viewer.client, `/api/documents/${doc.id}/export?format=markdown`)).bytes,
    );
    expect(md).toContain("Ziele");
    expect(md).toContain("klick");
    expect(md).not.toContain("javascript:");
  });

  it("refuses bad formats, and hides trashed documents from viewers", async () => {
    const { project, editor, viewer } = await documentsWorld(t);
    const doc = await createDocument(editor.client, project.id);
    const path = `/api/documents/${doc.id}/export`;
    for (const [query, fields] of [
      ["", { format: "invalid" }],
      ["?format=pdf", { format: "invalid" }],
      ["?format=html&inline=1", { inline: "unknown_field" }],
    ] as const) {
      const res = await viewer.client.get(`${path}${query}`);
      expectError(res, 422, "validation_failed");
      expect(res.json.error.fields).toEqual(fields);
    }
    await editor.client.delete(`/api/documents/${doc.id}`);
    expectError(await viewer.client.get(`${path}?format=markdown`), 404, "not_found");
    expect((await download(editor.client, `${path}?format=markdown`)).status).toBe(200);
  });
});

describe("import", () => {
  it("makes a document from Markdown (UTF-8 or Windows-1252), titled after the file", async () => {
    const { project, editor, viewer } = await documentsWorld(t);
    const folder = await createFolder(editor.client, project.id);
    const path = `/api/projects/${project.id}/documents/import`;
    const res = await editor.client.post(path, {
      format: "markdown",
      filename: "Sicherheitskonzept.md",
      content: base64("\uFEFF# Sicherheit\n\n- [ ] Fluchtwege prüfen\n\n**Wichtig:** Ordner"),
      folderId: folder.id,
    });
    expect(res.status, res.text).toBe(201);
    expect(res.json.document).toMatchObject({
      title: "Sicherheitskonzept",
      folderId: folder.id,
      createdBy: { id: editor.user.id },
      abilities: { edit: true },
    });
    const json = stateToJson(await readDocumentState(t.deps.db, res.json.document.id));
    expect(json.content?.map((n) => n.type)).toEqual(["heading", "taskList", "paragraph"]);
    expect(texts(json)).toEqual(["Sicherheit", "Fluchtwege prüfen", "Wichtig:", " Ordner"]);

    const latin1 = Uint8Array.from([..."Stra\u00dfe und Gr\u00fc\u00dfe"].map((c) => c.charCodeAt(0)));
    const old = await editor.client.post(path, {
      format: "markdown",
      filename: "alt.txt",
      content: base64(latin1),
    });
    expect(texts(stateToJson(await readDocumentState(t.deps.db, old.json.document.id)))).toEqual([
      "Straße und Grüße",
    ]);
    await storesNothing(t, async () => {
      const binary = await editor.client.post(path, {
        format: "markdown",
        filename: "bild.md",
        content: base64(Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0])),
      });
      expectError(binary, 422, "validation_failed");
      expect(binary.json.error.fields).toEqual({ content: "unreadable_file" });
      expectError(
        await viewer.client.post(path, { format: "markdown", filename: "x.md", content: base64("x") }),
        403,
        "forbidden",
      );
    });
  });

  it("makes a document from a Word file, and refuses what is not one", async () => {
    const { project, editor } = await documentsWorld(t);
    const path = `/api/projects/${project.id}/documents/import`;
    const word = await jsonToDocx(
      {
        type: "doc",
        content: [
          { type: "heading", attrs: { level: 1 }, content: [{ type: "text", text: "Pressemitteilung" }] },
          { type: "paragraph", content: [{ type: "text", text: "Das Festival beginnt." }] },
        ],
      },
      "Presse",
    );
    const res = await editor.client.post(path, {
      format: "docx",
      filename: "Presse.docx",
      content: base64(word),
    });
    expect(res.status, res.text).toBe(201);
    expect(res.json.document.title).toBe("Presse");
    expect(texts(stateToJson(await readDocumentState(t.deps.db, res.json.document.id)))).toEqual([
      "Pressemitteilung",
      "Das Festival beginnt.",
    ]);
    await storesNothing(t, async () => {
      for (const content of [base64("kein Word"), base64(new Uint8Array([0x50, 0x4b, 3, 4, 1, 2, 3]))]) {
        const bad = await editor.client.post(path, { format: "docx", filename: "kaputt.docx", content });
        expectError(bad, 422, "validation_failed");
        expect(bad.json.error.fields).toEqual({ content: "unreadable_file" });
      }
    });
  });

  it("takes bodies up to 6 MB on this route only, files up to 4 MB, and refuses bad input", async () => {
    const { project, editor } = await documentsWorld(t);
    const path = `/api/projects/${project.id}/documents/import`;
    const valid = { format: "markdown", filename: "notiz.md", content: base64("Hallo") };
    await storesNothing(t, async () => {
      // a body above 1 MB reaches the import's own checks (here: a file 1 byte over 4 MB)
      const tooBig = await editor.client.post(path, {
        ...valid,
        content: base64(new Uint8Array(4 * 1024 * 1024 + 1)),
      });
      expectError(tooBig, 422, "validation_failed");
      expect(tooBig.json.error.fields).toEqual({ content: "too_long" });
      const huge = await editor.client.post(path, { ...valid, content: "A".repeat(6 * 1024 * 1024) });
      expectError(huge, 413, "payload_too_large");
      expect(huge.json.error.message).toBe("The request body is larger than 6 MB.");
      // every other route keeps the 1 MB limit
      const elsewhere = await editor.client.post(`/api/projects/${project.id}/documents`, {
        title: "x",
        padding: "x".repeat(1024 * 1024),
      });
      expectError(elsewhere, 413, "payload_too_large");
      expect(elsewhere.json.error.message).toBe("The request body is larger than 1 MB.");
    });
    await expectRefusedBodies(t, (body) => editor.client.post(path, body), [
      ...badBodies(valid, "filename"),
      [{ ...valid, format: "pdf" }, { format: "invalid" }],
      [{ ...valid, content: "nicht base64!" }, { content: "invalid_format" }],
      [{ ...valid, content: "A".repeat(5_600_004) }, { content: "too_long" }],
      [{ ...valid, folderId: "abc" }, { folderId: "invalid_format" }],
      [{ format: "markdown", filename: "x.md" }, { content: "required" }],
    ]);
    await storesNothing(t, async () => {
      expectError(await editor.client.post(path, { ...valid, folderId: NOTHING }), 404, "not_found");
    });
  });
});

/**
 * Runs `act` while asking GET /api/health over and over, and answers what `act` gave with the
 * slowest health answer: the server must keep answering everyone while one import is read.
 */
async function whileHealthChecked<T>(
  act: Promise<T>,
): Promise<{ result: T; slowestHealthMs: number; checks: number }> {
  let done = false;
  const finished = act.finally(() => {
    done = true;
  });
  let slowest = 0;
  let checks = 0;
  do {
    const started = performance.now();
    const res = await t.app.request("/api/health");
    expect(res.status).toBe(200);
    slowest = Math.max(slowest, performance.now() - started);
    checks++;
    // paced, so the checks do not take the CPU from the conversion they watch
    await new Promise((resolve) => setTimeout(resolve, 20));
  } while (!done);
  return { result: await finished, slowestHealthMs: slowest, checks };
}

describe("import of files that are slow or huge to read", () => {
  it("stops Markdown that takes too long to read (422) while the server keeps answering", async () => {
    const { project, editor } = await documentsWorld(t);
    const path = `/api/projects/${project.id}/documents/import`;
    await storesNothing(t, async () => {
      const { result, slowestHealthMs, checks } = await whileHealthChecked(
        Promise.all(
          [SLOW_BACKTICKS, SLOW_EMPHASIS].map((text) =>
            editor.client.post(path, { format: "markdown", filename: "langsam.md", content: base64(text) }),
          ),
        ),
      );
      for (const res of result) {
        expectError(res, 422, "validation_failed");
        expect(res.json.error.fields).toEqual({ content: "unreadable_file" });
        expect(res.json.error.message).toMatch(/took too long/);
      }
      // both at once, each stopped at its time limit ("took too long" above); meanwhile the
      // server kept answering: a conversion on the event loop would have held a health check
      // for the whole time limit (no wall-clock bound of its own: those fail on a busy machine)
      expect(checks).toBeGreaterThan(10);
      expect(slowestHealthMs).toBeLessThan(defaultConversionLimits.timeoutMs);
    });
    const after = await editor.client.post(path, {
      format: "markdown",
      filename: "normal.md",
      content: base64("# Danach"),
    });
    expect(after.status, after.text).toBe(201);
  });

  it("refuses Markdown over 1 MB before reading it", async () => {
    const { project, editor } = await documentsWorld(t);
    const path = `/api/projects/${project.id}/documents/import`;
    await storesNothing(t, async () => {
      const big = await editor.client.post(path, {
        format: "markdown",
        filename: "gross.md",
        content: base64("a".repeat(1024 * 1024 + 1)),
      });
      expectError(big, 422, "validation_failed");
      expect(big.json.error.fields).toEqual({ content: "unreadable_file" });
      expect(big.json.error.message).toMatch(/up to 1 MB/);
    });
    const limit = await editor.client.post(path, {
      format: "markdown",
      filename: "genau.md",
      content: base64("Ein Absatz mit etwas Text darin.\n\n".repeat(30_000).slice(0, 1024 * 1024)),
    });
    expect(limit.status, limit.text).toBe(201);
  });

  it("refuses Word files that unpack to more than 8 MB or need too much memory (422), while the server keeps answering", async () => {
    const { project, editor } = await documentsWorld(t);
    const path = `/api/projects/${project.id}/documents/import`;
    // 20 MB of paragraphs declared honestly (62 KB zipped): refused by the zip directory check
    const declared = wordFileOfParagraphs(20 * 1024 * 1024);
    expect(declared.byteLength).toBeLessThan(100 * 1024);
    // 7.5 MB: under that limit, but reading it needs far more than a conversion thread's heap
    const dense = wordFileOfParagraphs(7.5 * 1024 * 1024);
    await storesNothing(t, async () => {
      const { result, slowestHealthMs } = await whileHealthChecked(
        Promise.all(
          [declared, dense].map((bytes) =>
            editor.client.post(path, { format: "docx", filename: "riesig.docx", content: base64(bytes) }),
          ),
        ),
      );
      const [tooLarge, tooDense] = result;
      for (const res of result) {
        expectError(res, 422, "validation_failed");
        expect(res.json.error.fields).toEqual({ content: "unreadable_file" });
      }
      expect(tooLarge?.json.error.message).toBe("This file could not be read as a Word document.");
      expect(tooDense?.json.error.message).toMatch(/too much memory|took too long/);
      // read in a conversion thread: the event loop was never held for a conversion's time limit
      expect(slowestHealthMs).toBeLessThan(defaultConversionLimits.timeoutMs);
    });
    const normal = await editor.client.post(path, {
      format: "docx",
      filename: "klein.docx",
      content: base64(wordFileOfParagraphs(10 * 1024)),
    });
    expect(normal.status, normal.text).toBe(201);
  });

  it("converts two files at a time, lets eight wait and answers 503 busy beyond that", async () => {
    const { project, editor } = await documentsWorld(t);
    const path = `/api/projects/${project.id}/documents/import`;
    const post = (text: string) =>
      editor.client.post(path, { format: "markdown", filename: "x.md", content: base64(text) });
    const slow = [post(SLOW_BACKTICKS), post(SLOW_BACKTICKS)];
    await expect.poll(() => conversions.load.running).toBe(2);
    const waiting = Array.from({ length: 8 }, (_, index) => post(`Wartet ${index}`));
    await expect.poll(() => conversions.load.waiting).toBe(8);
    const refused = await post("Eine zu viel");
    expectError(refused, 503, "busy");
    expect(refused.headers.get("retry-after")).toBe("5");
    for (const res of await Promise.all(slow)) {
      expectError(res, 422, "validation_failed");
    }
    for (const res of await Promise.all(waiting)) {
      expect(res.status, res.text).toBe(201);
    }
    expect(conversions.load).toEqual({ running: 0, waiting: 0 });
  });
});

describe("access", () => {
  it("answers 401 without a session and 404 to outsiders", async () => {
    const { project, editor } = await documentsWorld(t);
    const doc = await createDocument(editor.client, project.id);
    const calls: RouteCall[] = [
      ["GET", `/api/documents/${doc.id}/export?format=markdown`],
      [
        "POST",
        `/api/projects/${project.id}/documents/import`,
        { format: "markdown", filename: "x.md", content: base64("x") },
      ],
    ];
    await expectAllUnauthenticated(t, calls);
    await expectAllNotFound(t, (await person(t, "Otto Outsider")).client, calls);
    await expectAllNotFound(t, editor.client, [["GET", `/api/documents/${NOTHING}/export?format=html`]]);
  });
});
