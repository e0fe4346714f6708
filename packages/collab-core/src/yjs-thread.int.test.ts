import { spawn } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { DbHandle } from "@ensemble/db/db";
import { createTestDb } from "@ensemble/db/testing";
import { sql } from "kysely";
import * as encoding from "lib0/encoding";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as Y from "yjs";
import { CloseCode } from "./protocol.ts";
import {
  appendUpdates,
  compactDocument,
  initDocumentState,
  loadStoredState,
  readDocumentState,
  SNAPSHOT_SLICE_BYTES,
} from "./storage.ts";
import {
  type SeededPerson,
  type SeededProject,
  seedDocument,
  seedPerson,
  seedProject,
  serveCollab,
  socketClass,
  stockClient,
  textOf,
  textState,
  typeInto,
  until,
} from "./testing.ts";
import { THREAD_MIN_BYTES, ThreadFailure, YjsThread } from "./yjs-thread.ts";

/**
 * Large documents are merged in a worker thread (compaction, whole-state reads), so the event loop
 * that serves every other document never stalls on them; a thread that dies fails the compaction
 * and loses nothing.
 */

const ORIGIN = "http://localhost:3000";

let handle: DbHandle;
let lead: SeededPerson;
let project: SeededProject;
const threads: YjsThread[] = [];

/** A thread of this test file's own (so its counters say what this test did). */
function thread(options: ConstructorParameters<typeof YjsThread>[0] = {}): YjsThread {
  const t = new YjsThread(options);
  threads.push(t);
  return t;
}

beforeAll(async () => {
  handle = await createTestDb();
  lead = await seedPerson(handle.db, "Lea Lead");
  project = await seedProject(handle.db, lead);
});
afterAll(async () => {
  await Promise.all(threads.map((t) => t.close()));
  await handle.close();
});

function serve(overrides: Parameters<typeof serveCollab>[2] = {}) {
  return serveCollab(handle.db, ORIGIN, overrides);
}

function text(state: Uint8Array): string {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, state);
  return textOf(doc);
}

/** A document above the thread threshold (one long paragraph) and edits to it, logged. */
async function largeDocumentWithLog(edits: number): Promise<{ documentId: string; expected: string }> {
  const base = "a".repeat(THREAD_MIN_BYTES + 10_000);
  const state = textState(base);
  const documentId = await seedDocument(handle.db, project.projectId, lead, state);
  const doc = new Y.Doc();
  Y.applyUpdate(doc, state);
  const updates: Uint8Array[] = [];
  doc.on("update", (u: Uint8Array) => updates.push(u));
  for (let i = 0; i < edits; i++) {
    typeInto(doc, i * 7, "b");
  }
  await appendUpdates(
    handle.db,
    updates.map((data) => ({ documentId, data, userId: lead.userId })),
  );
  return { documentId, expected: textOf(doc) };
}

describe("the Yjs thread", () => {
  it("compacts a large document in the thread, with the state vector of what it stored", async () => {
    const t = thread();
    const { documentId, expected } = await largeDocumentWithLog(40);
    expect(await compactDocument(handle.db, documentId, { thread: t })).toBe(40);
    expect(t.completed).toBe(1);
    const stored = await loadStoredState(handle.db, documentId);
    expect(stored.updates).toEqual([]);
    expect(text(stored.snapshot as Uint8Array)).toBe(expected);
    expect([...(stored.stateVector as Uint8Array)]).toEqual([
      ...Y.encodeStateVectorFromUpdate(stored.snapshot as Uint8Array),
    ]);
  });

  it("merges small documents on the calling thread (no thread is started for them)", async () => {
    const t = thread();
    const documentId = await seedDocument(handle.db, project.projectId, lead, textState("klein"));
    await appendUpdates(handle.db, [{ documentId, data: textState("!"), userId: null }]);
    expect(await compactDocument(handle.db, documentId, { thread: t })).toBe(1);
    expect(await readDocumentState(handle.db, documentId, { thread: t })).toBeInstanceOf(Uint8Array);
    expect(t.starts).toBe(0);
  });

  it("reads and creates large documents through the thread", async () => {
    const t = thread();
    const { documentId, expected } = await largeDocumentWithLog(5);
    expect(text(await readDocumentState(handle.db, documentId, { thread: t }))).toBe(expected);
    const copy = await seedDocument(handle.db, project.projectId, lead);
    const state = textState("c".repeat(THREAD_MIN_BYTES));
    await initDocumentState(handle.db, copy, state, { thread: t });
    expect(t.completed).toBe(2);
    const stored = await loadStoredState(handle.db, copy);
    expect([...(stored.stateVector as Uint8Array)]).toEqual([...Y.encodeStateVectorFromUpdate(state)]);
  });

  it("reads a snapshot of several slices byte for byte, also while compactions replace it", async () => {
    // text that compresses badly (PostgreSQL stores it as it is) and text that compresses well
    let noise = "";
    let seed = 7;
    while (noise.length < SNAPSHOT_SLICE_BYTES * 2.5) {
      seed = (seed * 48271) % 2147483647;
      noise += seed.toString(36);
    }
    for (const body of [noise, "z".repeat(SNAPSHOT_SLICE_BYTES * 3 + 17)]) {
      const state = textState(body);
      expect(state.byteLength % SNAPSHOT_SLICE_BYTES).not.toBe(0);
      const documentId = await seedDocument(handle.db, project.projectId, lead, state);
      const stored = await loadStoredState(handle.db, documentId);
      expect(Buffer.from(stored.snapshot as Uint8Array).equals(Buffer.from(state))).toBe(true);
      // stored as it is, even when it compresses well: a slice is read without decompressing
      const { rows } = await sql<{ compression: string | null }>`
        select pg_column_compression(state) as compression from document_snapshots
        where document_id = ${documentId}`.execute(handle.db);
      expect(rows[0]?.compression).toBeNull();
    }
    // reads racing compactions that each make a new, longer snapshot: every read sees one version
    const t = thread();
    const { documentId, expected } = await largeDocumentWithLog(0);
    let current = expected;
    for (let round = 0; round < 4; round++) {
      const doc = new Y.Doc();
      Y.applyUpdate(doc, await readDocumentState(handle.db, documentId, { thread: t }));
      const updates: Uint8Array[] = [];
      doc.on("update", (u: Uint8Array) => updates.push(u));
      typeInto(doc, 0, "x".repeat(40_000));
      await appendUpdates(handle.db, [{ documentId, data: Y.mergeUpdates(updates), userId: null }]);
      const before = current;
      current = textOf(doc);
      const [read, folded] = await Promise.all([
        loadStoredState(handle.db, documentId),
        compactDocument(handle.db, documentId, { thread: t }),
      ]);
      expect(folded).toBe(1);
      const state = read.snapshot as Uint8Array;
      const withLog =
        read.updates.length > 0 ? Y.mergeUpdates([state, ...read.updates.map((u) => u.data)]) : state;
      // before the compaction committed (old snapshot + its log) or after it (the new snapshot)
      expect(text(withLog)).toBe(current);
      expect([before, current]).toContain(text(state));
    }
  });

  it("reads one version inside a caller's transaction: a compaction waits for it to end", async () => {
    const t = thread();
    await t.stateVector(textState("warm")); // the thread started: the compaction is quick
    const { documentId, expected } = await largeDocumentWithLog(3);
    let compaction: Promise<number> | null = null;
    let compacted = false;
    await handle.db.transaction().execute(async (tx) => {
      const first = await loadStoredState(tx, documentId);
      compaction = compactDocument(handle.db, documentId, { thread: t }).finally(() => {
        compacted = true;
      });
      // long enough for the compaction to commit, were it not held back
      await new Promise((resolve) => setTimeout(resolve, 1000));
      expect(compacted).toBe(false);
      const again = await loadStoredState(tx, documentId);
      expect(
        Buffer.from(again.snapshot as Uint8Array).equals(Buffer.from(first.snapshot as Uint8Array)),
      ).toBe(true);
      expect(again.updates.length).toBe(3);
    });
    expect(await (compaction as unknown as Promise<number>)).toBe(3);
    expect(text((await loadStoredState(handle.db, documentId)).snapshot as Uint8Array)).toBe(expected);
  });

  it("fails the compaction when the thread dies, keeps the log, and the next attempt folds it in", async () => {
    // a heap too small for the thread: it runs out of memory, as one with a huge document would
    const dying = thread({ heapMb: 4 });
    const { documentId, expected } = await largeDocumentWithLog(30);
    const before = await loadStoredState(handle.db, documentId);
    const failure = await compactDocument(handle.db, documentId, { thread: dying }).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(ThreadFailure);
    expect((failure as ThreadFailure).reason).toBe("memory");
    const after = await loadStoredState(handle.db, documentId);
    expect(after.updates.map((u) => u.seq)).toEqual(before.updates.map((u) => u.seq));
    expect([...(after.snapshot as Uint8Array)]).toEqual([...(before.snapshot as Uint8Array)]);
    expect(text(await readDocumentState(handle.db, documentId, { thread: thread() }))).toBe(expected);
    // the snapshot row lock was released with the failed transaction: a retry goes through
    expect(await compactDocument(handle.db, documentId, { thread: thread() })).toBe(30);
    expect(text(await readDocumentState(handle.db, documentId))).toBe(expected);
  });

  it("keeps every edit when compaction keeps failing in the server, and still closes", async () => {
    const dying = thread({ heapMb: 4 });
    const { collab, port, stop } = await serve({
      compactAfter: 5,
      threads: { merge: dying },
      threadMinBytes: 1,
    });
    const documentId = await seedDocument(handle.db, project.projectId, lead, textState("Anfang"));
    const c = stockClient(port, documentId, ORIGIN, lead.token);
    try {
      await until(() => c.provider.synced);
      for (let i = 0; i < 12; i++) {
        typeInto(c.doc, 0, "x");
        await new Promise((r) => setImmediate(r));
      }
      await until(
        async () => text(await readDocumentState(handle.db, documentId)) === textOf(c.doc),
        5000,
        "the edits to be stored",
      );
      await until(() => dying.starts >= 1, 5000, "a compaction attempt");
    } finally {
      c.provider.destroy();
      // close compacts once more (and fails again): it must still return
      await stop();
    }
    expect(collab.stats().compactions).toBe(0);
    expect((await loadStoredState(handle.db, documentId)).updates.length).toBe(12);
    expect(text(await readDocumentState(handle.db, documentId))).toBe(textOf(c.doc));
  });

  it("sends a returning client what it lacks of a large base from the thread, once for all who hold the base", async () => {
    const merge = thread();
    const guard = thread();
    const { port, stop } = await serve({
      compactAfter: 100_000,
      compactIdleMs: 3_600_000,
      threads: { merge, guard },
      threadMinBytes: 1,
    });
    // the base was typed, then partly deleted: the deletion is only in its delete set
    const origin = new Y.Doc();
    typeInto(origin, 0, "Hallo ");
    const early = Y.encodeStateAsUpdate(origin);
    typeInto(origin, 6, "schöne Welt");
    const typed = Y.encodeStateAsUpdate(origin);
    origin.transact(() => {
      const paragraph = origin.getXmlFragment("default").get(0) as Y.XmlElement;
      (paragraph.get(0) as Y.XmlText).delete(6, 7);
    });
    const documentId = await seedDocument(handle.db, project.projectId, lead, Y.encodeStateAsUpdate(origin));
    // two hold every struct of the base but not its deletion, one lacks part of it, one is new
    const clients = [typed, typed, early, null].map((held) => {
      const c = stockClient(port, documentId, ORIGIN, lead.token);
      if (held) {
        Y.applyUpdate(c.doc, held);
      }
      return c;
    });
    try {
      await until(
        () => clients.every((c) => c.provider.synced && textOf(c.doc) === "Hallo Welt"),
        10_000,
        "every client synced",
      );
      // the base's delete set, worked out once for both that hold the base; the diff for the third
      expect(merge.completed).toBe(2);
    } finally {
      for (const c of clients) {
        c.provider.destroy();
      }
      await stop();
    }
  });

  it("closes a returning client with 'try again later' when the base cannot be read, and keeps serving", async () => {
    const { port, stop } = await serve({ threads: { merge: thread(), guard: thread() }, threadMinBytes: 1 });
    const state = textState("lesbar");
    const documentId = await seedDocument(handle.db, project.projectId, lead, state);
    // the stored bytes broken after the fact, the stored state vector still the good one's
    await handle.db
      .updateTable("document_snapshots")
      .set({ state: new Uint8Array([1, 2, 3, 4, 5, 6, 7, 8]) })
      .where("document_id", "=", documentId)
      .execute();
    try {
      const Ws = socketClass(ORIGIN, lead.token);
      const ws = new Ws(`ws://127.0.0.1:${port}/collab/${documentId}`);
      const closed = new Promise<number>((resolve) => ws.on("close", (code) => resolve(code)));
      await new Promise((resolve) => ws.on("open", resolve));
      // sync step 1 of a client that holds the whole (good) document
      const e = encoding.createEncoder();
      encoding.writeVarUint(e, 0);
      encoding.writeVarUint(e, 0);
      encoding.writeVarUint8Array(e, Y.encodeStateVectorFromUpdate(state));
      ws.send(encoding.toUint8Array(e));
      expect(await closed).toBe(CloseCode.tryAgainLater);
      // the process goes on: another document syncs
      const other = await seedDocument(handle.db, project.projectId, lead, textState("weiter"));
      const c = stockClient(port, other, ORIGIN, lead.token);
      try {
        await until(() => c.provider.synced && textOf(c.doc) === "weiter", 5000, "the other document");
      } finally {
        c.provider.destroy();
      }
    } finally {
      await stop();
    }
  });

  it("never keeps a process alive: a script that used it ends on its own", async () => {
    const dir = mkdtempSync(join(tmpdir(), "yjs-thread-"));
    try {
      const threadModule = fileURLToPath(new URL("./yjs-thread.ts", import.meta.url));
      const script = join(dir, "merge.mts");
      writeFileSync(
        script,
        [
          `import { YjsThread } from ${JSON.stringify(threadModule)};`,
          "const t = new YjsThread({ idleMs: 3_600_000 });",
          "const { state } = await t.merge(null, [new Uint8Array([0, 0]), new Uint8Array([0, 0])]);",
          'console.log("merged", state.byteLength, t.alive);',
        ].join("\n"),
      );
      const child = spawn(process.execPath, ["--import", "tsx", script], {
        cwd: fileURLToPath(new URL(".", import.meta.url)),
        stdio: ["ignore", "pipe", "pipe"],
      });
      let output = "";
      child.stdout.on("data", (d: Buffer) => {
        output += d.toString();
      });
      child.stderr.on("data", (d: Buffer) => {
        output += d.toString();
      });
      // a process the thread kept alive would never end: stop it (and fail) long before the test's limit
      const stop = setTimeout(() => child.kill("SIGKILL"), 15_000);
      const code = await new Promise<number | null>((resolve) => child.once("exit", resolve));
      clearTimeout(stop);
      expect(output).toContain("merged 2 true");
      expect(code).toBe(0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
