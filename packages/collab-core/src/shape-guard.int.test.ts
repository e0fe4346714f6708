import type { DbHandle } from "@ensemble/db/db";
import { createTestDb } from "@ensemble/db/testing";
import * as decoding from "lib0/decoding";
import * as encoding from "lib0/encoding";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type WebSocket from "ws";
import * as Y from "yjs";
import { CloseCode, MESSAGE_SAVED } from "./protocol.ts";
import { loadStoredState, readDocumentState } from "./storage.ts";
import {
  addToProject,
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
import { YjsThread } from "./yjs-thread.ts";

/**
 * Large documents' edits are judged in the guard thread, asynchronously: everything the
 * synchronous path promises must still hold (refused updates are never stored or passed on,
 * order per connection, "saved" counts, read-only viewers), and the shadow is built once per
 * load. Here every document counts as large (`threadMinBytes: 1`).
 */

const ORIGIN = "http://localhost:3000";

let handle: DbHandle;
let lead: SeededPerson;
let project: SeededProject;
const threads: YjsThread[] = [];

beforeAll(async () => {
  handle = await createTestDb();
  lead = await seedPerson(handle.db, "Lea Lead");
  project = await seedProject(handle.db, lead);
});
afterAll(async () => {
  await Promise.all(threads.map((t) => t.close()));
  await handle.close();
});

async function serve(overrides: Parameters<typeof serveCollab>[2] = {}, guard?: YjsThread) {
  const thread = guard ?? new YjsThread();
  threads.push(thread);
  const served = await serveCollab(handle.db, ORIGIN, {
    threads: { guard: thread },
    threadMinBytes: 1,
    ...overrides,
  });
  return { ...served, thread };
}

function rawClient(port: number, path: string, token: string): Promise<WebSocket> {
  const Ws = socketClass(ORIGIN, token);
  const ws = new Ws(`ws://127.0.0.1:${port}/collab/${path}`);
  return new Promise((resolve, reject) => {
    ws.on("open", () => resolve(ws));
    ws.on("error", reject);
  });
}

function closeEvent(ws: WebSocket): Promise<number> {
  return new Promise((resolve) => ws.on("close", (code) => resolve(code)));
}

function syncUpdateFrame(update: Uint8Array): Uint8Array {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, 0);
  encoding.writeVarUint(e, 2);
  encoding.writeVarUint8Array(e, update);
  return encoding.toUint8Array(e);
}

function storedText(state: Uint8Array): string {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, state);
  return textOf(doc);
}

/** The clocks of `client`'s first struct in each logged row, in log order. */
async function loggedClocks(documentId: string, client: number): Promise<number[]> {
  const stored = await loadStoredState(handle.db, documentId);
  return stored.updates.flatMap((u) => {
    const from = Y.parseUpdateMeta(u.data).from.get(client);
    return from === undefined ? [] : [from];
  });
}

describe("shape checks in the guard thread", () => {
  it("keeps clients converged and the log in order, and builds the shadow once across pauses", async () => {
    const s = await serve({ compactIdleMs: 200, compactAfter: 100_000 });
    const documentId = await seedDocument(handle.db, project.projectId, lead, textState("Anfang"));
    const a = stockClient(s.port, documentId, ORIGIN, lead.token);
    const b = stockClient(s.port, documentId, ORIGIN, lead.token);
    try {
      await until(() => a.provider.synced && b.provider.synced);
      for (let i = 0; i < 30; i++) {
        typeInto(a.doc, i, "a");
      }
      typeInto(b.doc, 0, "b");
      await until(
        () => textOf(a.doc) === textOf(b.doc) && textOf(a.doc).length === 37,
        10_000,
        "convergence",
      );
      await until(
        async () => storedText(await readDocumentState(handle.db, documentId)) === textOf(a.doc),
        5000,
        "everything stored",
      );
      // every update of a's arrived as its own message: stored one by one, in the order typed
      const clocks = await loggedClocks(documentId, a.doc.clientID);
      expect(clocks.length).toBe(30);
      expect(clocks).toEqual([...clocks].sort((x, y) => x - y));
      // edits pause long enough for the idle pass (which compacts, and lets small shadows go)
      await until(() => s.collab.stats().compactions > 0, 5000, "the idle pass");
      typeInto(b.doc, 0, "c");
      await until(() => textOf(a.doc) === textOf(b.doc), 5000, "the edit after the pause");
      expect(s.collab.stats().guardBuilds).toBe(1);
    } finally {
      a.provider.destroy();
      b.provider.destroy();
      await s.stop();
    }
  });

  it("never stores or passes on a refused update, nor what its sender sends after it", async () => {
    const s = await serve();
    const documentId = await seedDocument(handle.db, project.projectId, lead, textState("Heil"));
    const good = stockClient(s.port, documentId, ORIGIN, lead.token);
    try {
      await until(() => good.provider.synced);
      const seen: Uint8Array[] = [];
      good.doc.on("update", (u: Uint8Array) => seen.push(u));
      const bad = await rawClient(s.port, documentId, lead.token);
      const closed = closeEvent(bad);
      const wrongShape = new Y.Doc();
      wrongShape.getArray("default").insert(0, ["x"]);
      bad.send(syncUpdateFrame(Y.encodeStateAsUpdate(wrongShape)));
      bad.send(syncUpdateFrame(textState("danach")));
      expect(await closed).toBe(CloseCode.malformed);
      typeInto(good.doc, 4, " und ganz");
      await until(
        async () => storedText(await readDocumentState(handle.db, documentId)) === "Heil und ganz",
        5000,
        "the good edit stored",
      );
      const stored = await readDocumentState(handle.db, documentId);
      const doc = new Y.Doc();
      Y.applyUpdate(doc, stored);
      expect(doc.share.size).toBe(1);
      expect(storedText(stored)).not.toContain("danach");
      // the good client only ever received its own edit's echo-free state: nothing from `bad`
      expect(textOf(good.doc)).toBe("Heil und ganz");
      expect(good.doc.share.size).toBe(1);
    } finally {
      good.provider.destroy();
      await s.stop();
    }
  });

  it("keeps viewers read-only and acknowledges saves in order, empty updates and all", async () => {
    const s = await serve();
    const documentId = await seedDocument(handle.db, project.projectId, lead);
    const viewer = await seedPerson(handle.db, "Vera Viewer");
    await addToProject(handle.db, project.projectId, viewer, "viewer");
    const ws = await rawClient(s.port, `${documentId}?acks=1`, lead.token);
    const vs = await rawClient(s.port, `${documentId}?acks=1`, viewer.token);
    try {
      const acks: Array<{ n: number; stored: Promise<number> }> = [];
      ws.on("message", (data: Buffer) => {
        const d = decoding.createDecoder(new Uint8Array(data));
        if (decoding.readVarUint(d) === MESSAGE_SAVED) {
          const n = decoding.readVarUint(d);
          acks.push({ n, stored: loadStoredState(handle.db, documentId).then((st) => st.updates.length) });
        }
      });
      let viewerAcked = 0;
      vs.on("message", (data: Buffer) => {
        const d = decoding.createDecoder(new Uint8Array(data));
        if (decoding.readVarUint(d) === MESSAGE_SAVED) {
          viewerAcked = decoding.readVarUint(d);
        }
      });
      const doc = new Y.Doc();
      const sent: Uint8Array[] = [];
      doc.on("update", (u: Uint8Array) => sent.push(u));
      for (let i = 0; i < 10; i++) {
        typeInto(doc, i, "x");
      }
      /** Update-bearing messages sent: updates and empty ones, interleaved. */
      const kinds: Array<"update" | "empty"> = [];
      for (const update of sent) {
        ws.send(syncUpdateFrame(update));
        kinds.push("update");
        ws.send(syncUpdateFrame(new Uint8Array([0, 0])));
        kinds.push("empty");
      }
      vs.send(syncUpdateFrame(textState("Gehackt")));
      vs.send(syncUpdateFrame(textState("Nochmal")));
      await until(() => acks.at(-1)?.n === kinds.length, 10_000, "all acknowledged");
      expect(acks.map((a) => a.n)).toEqual([...acks.map((a) => a.n)].sort((x, y) => x - y));
      // "saved n" only once the updates among the first n were in the log
      for (const ack of acks) {
        const updatesBefore = kinds.slice(0, ack.n).filter((k) => k === "update").length;
        expect(await ack.stored).toBeGreaterThanOrEqual(updatesBefore);
      }
      await until(() => viewerAcked === 2, 5000, "the viewer's messages counted");
      expect(storedText(await readDocumentState(handle.db, documentId))).toBe("x".repeat(10));
    } finally {
      ws.close();
      vs.close();
      await s.stop();
    }
  });

  it("stores what waits for a verdict before it closes (as on SIGTERM)", async () => {
    const s = await serve();
    const documentId = await seedDocument(handle.db, project.projectId, lead);
    const ws = await rawClient(s.port, documentId, lead.token);
    const doc = new Y.Doc();
    doc.on("update", (u: Uint8Array) => ws.send(syncUpdateFrame(u)));
    for (let i = 0; i < 15; i++) {
      typeInto(doc, i, "z");
    }
    // all arrived (waiting for their verdicts while the thread still starts, or stored already)
    await until(
      async () =>
        s.collab.stats().pendingWrites + (await loadStoredState(handle.db, documentId)).updates.length >= 15,
      5000,
      "the updates to arrive",
    );
    await s.stop();
    expect(storedText(await readDocumentState(handle.db, documentId))).toBe("z".repeat(15));
  });

  it("closes with 'try again later' and keeps nothing when the thread dies while judging", async () => {
    const s = await serve({}, new YjsThread({ heapMb: 4 }));
    const documentId = await seedDocument(handle.db, project.projectId, lead, textState("fest"));
    const watcher = stockClient(s.port, documentId, ORIGIN, lead.token);
    try {
      await until(() => watcher.provider.synced);
      const ws = await rawClient(s.port, documentId, lead.token);
      const closed = closeEvent(ws);
      const doc = new Y.Doc();
      Y.applyUpdate(doc, textState("fest"));
      const before = Y.encodeStateVector(doc);
      typeInto(doc, 0, "nie ");
      ws.send(syncUpdateFrame(Y.encodeStateAsUpdate(doc, before)));
      expect(await closed).toBe(CloseCode.tryAgainLater);
      expect(s.thread.starts).toBeGreaterThanOrEqual(1);
      expect((await loadStoredState(handle.db, documentId)).updates).toEqual([]);
      expect(textOf(watcher.doc)).toBe("fest");
    } finally {
      watcher.provider.destroy();
      await s.stop();
    }
  });
});
