import { connect } from "node:net";
import { memoryRevocationBus } from "@ensemble/access/revocations";
import { defaultSessionPolicy } from "@ensemble/auth/sessions";
import type { DbHandle } from "@ensemble/db/db";
import { createTestDb } from "@ensemble/db/testing";
import { type KyselyPlugin, type QueryId, SelectQueryNode, TableNode } from "kysely";
import * as decoding from "lib0/decoding";
import * as encoding from "lib0/encoding";
import pino from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import WebSocket from "ws";
import * as Y from "yjs";
import { CloseCode, MESSAGE_SAVED } from "./protocol.ts";
import { type CollabServer, createCollabServer } from "./server.ts";
import { appendUpdates, compactDocument, loadStoredState, readDocumentState } from "./storage.ts";
import {
  addToProject,
  listen,
  type SeededPerson,
  type SeededProject,
  seedDocument,
  seedPerson,
  seedProject,
  socketClass,
  stockClient,
  textOf,
  textState,
  typeInto,
  until,
} from "./testing.ts";

const ORIGIN = "http://localhost:3000";

let handle: DbHandle;
let collab: CollabServer;
let port: number;
let close: () => Promise<void>;
const revocations = memoryRevocationBus();
let lead: SeededPerson;
let project: SeededProject;

function start(overrides: Partial<Parameters<typeof createCollabServer>[0]> = {}) {
  return createCollabServer({
    db: handle.db,
    publicOrigin: ORIGIN,
    secureCookies: false,
    sessionPolicy: defaultSessionPolicy,
    logger: pino({ level: "silent" }),
    revocations,
    compactAfter: 50,
    ...overrides,
  });
}

beforeAll(async () => {
  handle = await createTestDb();
  collab = start();
  const l = await listen();
  collab.attach(l.server);
  port = l.port;
  close = async () => {
    await collab.close();
    await new Promise<void>((r) => l.server.close(() => r()));
  };
  lead = await seedPerson(handle.db, "Lea Lead");
  project = await seedProject(handle.db, lead);
});

afterAll(async () => {
  await close();
  await handle.close();
});

/** Opens a raw upgrade and answers the HTTP status (101 when accepted). */
function upgradeStatus(path: string, headers: Record<string, string>): Promise<number> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(`ws://127.0.0.1:${port}${path}`, { headers });
    ws.on("open", () => {
      ws.close();
      resolve(101);
    });
    ws.on("unexpected-response", (_req, res) => {
      resolve(res.statusCode ?? 0);
      ws.terminate();
    });
    ws.on("error", (err) => {
      if (!String(err).includes("Unexpected server response")) {
        reject(err);
      }
    });
  });
}

function closeEvent(ws: WebSocket): Promise<{ code: number; reason: string }> {
  return new Promise((resolve) =>
    ws.on("close", (code, reason) => resolve({ code, reason: reason.toString() })),
  );
}

function rawClient(documentId: string, token: string): Promise<WebSocket> {
  const Ws = socketClass(ORIGIN, token);
  const ws = new Ws(`ws://127.0.0.1:${port}/collab/${documentId}`);
  return new Promise((resolve, reject) => {
    ws.on("open", () => resolve(ws));
    ws.on("error", reject);
  });
}

function syncUpdateFrame(update: Uint8Array): Uint8Array {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, 0);
  encoding.writeVarUint(e, 2);
  encoding.writeVarUint8Array(e, update);
  return encoding.toUint8Array(e);
}

const textUpdate = textState;

/** An update that reads fine but would make "default" an array: every editor would throw. */
function arrayAsFragment(): Uint8Array {
  const doc = new Y.Doc();
  doc.getArray("default").insert(0, ["x"]);
  return Y.encodeStateAsUpdate(doc);
}

function storedText(state: Uint8Array): string {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, state);
  return textOf(doc);
}

/**
 * Holds the answers of the server's periodic session check (`select id from sessions where id in
 * …`, the one select from `sessions` without a join) until released, and counts those checks: a
 * slow database made controllable. Every other query runs as usual.
 */
function heldSessionChecks() {
  let held = true;
  const waiters: Array<() => void> = [];
  const checks = new WeakSet<QueryId>();
  const counts = { inFlight: 0, maxInFlight: 0, finished: 0 };
  const plugin: KyselyPlugin = {
    transformQuery({ node, queryId }) {
      const from = SelectQueryNode.is(node) && !node.joins ? node.from?.froms[0] : undefined;
      if (from && TableNode.is(from) && from.table.identifier.name === "sessions") {
        checks.add(queryId);
        counts.inFlight++;
        counts.maxInFlight = Math.max(counts.maxInFlight, counts.inFlight);
      }
      return node;
    },
    async transformResult({ queryId, result }) {
      if (checks.has(queryId)) {
        if (held) {
          await new Promise<void>((resolve) => waiters.push(resolve));
        }
        counts.inFlight--;
        counts.finished++;
      }
      return result;
    },
  };
  return {
    plugin,
    counts,
    release() {
      held = false;
      for (const resolve of waiters.splice(0)) {
        resolve();
      }
    },
  };
}

describe("collaboration server", () => {
  it("lets two stock y-websocket clients converge and stores what they wrote", async () => {
    const documentId = await seedDocument(handle.db, project.projectId, lead);
    const a = stockClient(port, documentId, ORIGIN, lead.token);
    const b = stockClient(port, documentId, ORIGIN, lead.token);
    await until(() => a.provider.synced && b.provider.synced, 5000, "both synced");
    typeInto(a.doc, 0, "Hallo ");
    typeInto(b.doc, 0, "Welt");
    await until(() => textOf(a.doc) === textOf(b.doc) && textOf(a.doc).length === 10, 5000, "convergence");
    await until(async () => storedText(await readDocumentState(handle.db, documentId)) === textOf(a.doc));
    a.provider.destroy();
    b.provider.destroy();
  });

  it("gives a new client the stored snapshot plus the logged tail", async () => {
    const documentId = await seedDocument(handle.db, project.projectId, lead, textUpdate("Grundlage"));
    const writer = stockClient(port, documentId, ORIGIN, lead.token);
    await until(() => writer.provider.synced);
    typeInto(writer.doc, 9, " und mehr");
    await until(async () => (await loadStoredState(handle.db, documentId)).updates.length === 1);
    writer.provider.destroy();
    const reader = stockClient(port, documentId, ORIGIN, lead.token);
    await until(() => reader.provider.synced);
    expect(textOf(reader.doc)).toBe("Grundlage und mehr");
    reader.provider.destroy();
  });

  it("gives a new and a returning client everything by the time they count as synced, from a long logged tail", async () => {
    // a snapshot and 300 logged edits (folded in bounded batches on load, sent before step 2)
    const writer = new Y.Doc();
    typeInto(writer, 0, "Basis:");
    const documentId = await seedDocument(handle.db, project.projectId, lead, Y.encodeStateAsUpdate(writer));
    const halfway = new Y.Doc();
    Y.applyUpdate(halfway, Y.encodeStateAsUpdate(writer));
    const logged: Uint8Array[] = [];
    for (let i = 0; i < 300; i++) {
      const before = Y.encodeStateVector(writer);
      typeInto(writer, 1_000_000, String(i % 10));
      logged.push(Y.encodeStateAsUpdate(writer, before));
      if (i === 149) {
        Y.applyUpdate(halfway, Y.encodeStateAsUpdate(writer));
      }
    }
    await appendUpdates(
      handle.db,
      logged.map((data) => ({ documentId, data, userId: lead.userId })),
    );
    const expected = textOf(writer);
    const textAtSync = (c: ReturnType<typeof stockClient>) =>
      new Promise<string>((resolve) =>
        c.provider.on("sync", (synced: boolean) => {
          if (synced) {
            resolve(textOf(c.doc));
          }
        }),
      );
    const fresh = stockClient(port, documentId, ORIGIN, lead.token);
    expect(await textAtSync(fresh)).toBe(expected);
    // a returning client holds the snapshot and the first half of the log
    const back = stockClient(port, documentId, ORIGIN, lead.token);
    back.provider.disconnect();
    Y.applyUpdate(back.doc, Y.encodeStateAsUpdate(halfway));
    const backText = textAtSync(back);
    back.provider.connect();
    expect(await backText).toBe(expected);
    // an edit after that, then one more client: the tail folded for the first ones still serves it
    typeInto(fresh.doc, 0, "!");
    await until(() => textOf(back.doc) === `!${expected}`, 5000, "the edit to reach the returning client");
    const late = stockClient(port, documentId, ORIGIN, lead.token);
    expect(await textAtSync(late)).toBe(`!${expected}`);
    for (const c of [fresh, back, late]) {
      c.provider.destroy();
    }
  });

  it("refuses a wrong origin, no session, a stranger and an unknown document before loading anything", async () => {
    const documentId = await seedDocument(handle.db, project.projectId, lead);
    const stranger = await seedPerson(handle.db, "Stranger");
    const cookie = (t: string) => ({ cookie: `ensemble_session=${t}` });
    expect(
      await upgradeStatus(`/collab/${documentId}`, { origin: "http://evil.example", ...cookie(lead.token) }),
    ).toBe(403);
    expect(await upgradeStatus(`/collab/${documentId}`, { origin: ORIGIN })).toBe(401);
    expect(await upgradeStatus(`/collab/${documentId}`, { origin: ORIGIN, ...cookie("nope.nope") })).toBe(
      401,
    );
    expect(await upgradeStatus(`/collab/${documentId}`, { origin: ORIGIN, ...cookie(stranger.token) })).toBe(
      404,
    );
    expect(
      await upgradeStatus("/collab/00000000-0000-4000-8000-000000000000", {
        origin: ORIGIN,
        ...cookie(lead.token),
      }),
    ).toBe(404);
    expect(await upgradeStatus("/collab/not-an-id", { origin: ORIGIN, ...cookie(lead.token) })).toBe(404);
    expect(collab.isLoaded(documentId)).toBe(false);
  });

  it("keeps a viewer read-only: their updates are dropped and they are told", async () => {
    const documentId = await seedDocument(handle.db, project.projectId, lead, textUpdate("Nur lesen"));
    const viewer = await seedPerson(handle.db, "Vera Viewer");
    await addToProject(handle.db, project.projectId, viewer, "viewer");
    const denied: string[] = [];
    const v = stockClient(port, documentId, ORIGIN, viewer.token);
    v.provider.messageHandlers[2] = (_e, decoder) => {
      decoding.readVarUint(decoder);
      denied.push(decoding.readVarString(decoder));
    };
    await until(() => v.provider.synced);
    expect(textOf(v.doc)).toBe("Nur lesen");
    typeInto(v.doc, 0, "Gehackt: ");
    await until(() => denied.length > 0, 5000, "permission-denied message");
    expect(denied[0]).toBe("read-only");
    const l = stockClient(port, documentId, ORIGIN, lead.token);
    await until(() => l.provider.synced);
    expect(textOf(l.doc)).toBe("Nur lesen");
    expect(storedText(await readDocumentState(handle.db, documentId))).toBe("Nur lesen");
    v.provider.destroy();
    l.provider.destroy();
  });

  it("acknowledges saves only once they are stored, in order", async () => {
    const documentId = await seedDocument(handle.db, project.projectId, lead);
    const ws = await rawClient(`${documentId}?acks=1`, lead.token);
    const acks: number[] = [];
    ws.on("message", (data: Buffer) => {
      const d = decoding.createDecoder(new Uint8Array(data));
      if (decoding.readVarUint(d) === MESSAGE_SAVED) {
        acks.push(decoding.readVarUint(d));
      }
    });
    const doc = new Y.Doc();
    doc.on("update", (u: Uint8Array) => ws.send(syncUpdateFrame(u)));
    for (let i = 0; i < 20; i++) {
      typeInto(doc, i, "x");
    }
    await until(() => acks.at(-1) === 20, 5000, "ack of all 20");
    expect(acks).toEqual([...acks].sort((x, y) => x - y));
    const stored = await loadStoredState(handle.db, documentId);
    expect(stored.updates.length + (stored.snapshot ? 1 : 0)).toBeGreaterThan(0);
    expect(storedText(await readDocumentState(handle.db, documentId))).toBe("x".repeat(20));
    ws.close();
  });

  it("closes only the connection that sends garbage, and the stored document stays intact", async () => {
    const documentId = await seedDocument(handle.db, project.projectId, lead, textUpdate("Heil"));
    const good = stockClient(port, documentId, ORIGIN, lead.token);
    await until(() => good.provider.synced);
    for (const frame of [
      new Uint8Array([0, 2, 5, 1, 2, 3, 4, 5]), // an update Yjs cannot read
      new Uint8Array([77, 1, 2]), // an unknown message type
      new Uint8Array([0, 9, 0]), // an unknown sync type
      new Uint8Array([1, 200]), // a truncated awareness message
      syncUpdateFrame(arrayAsFragment()), // well-formed, but the wrong shape for every editor
    ]) {
      const bad = await rawClient(documentId, lead.token);
      const closed = closeEvent(bad);
      bad.send(frame);
      expect((await closed).code).toBe(CloseCode.malformed);
    }
    const text = await rawClient(documentId, lead.token);
    const closedText = closeEvent(text);
    text.send("not binary");
    expect((await closedText).code).toBe(CloseCode.malformed);
    typeInto(good.doc, 4, " und ganz");
    await until(async () => storedText(await readDocumentState(handle.db, documentId)) === "Heil und ganz");
    expect(good.provider.wsconnected).toBe(true);
    good.provider.destroy();
  });

  it("survives garbage sent before and during the handshake", async () => {
    const documentId = await seedDocument(handle.db, project.projectId, lead);
    for (const payload of [
      "\x00\xff\x13garbage\r\n\r\n",
      `GET /collab/${documentId} HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nOrigin: ${ORIGIN}\r\nCookie: ensemble_session=${lead.token}\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n\x81\xff\x00\x00garbage-frame`,
    ]) {
      await new Promise<void>((resolve) => {
        const socket = connect(port, "127.0.0.1", () => socket.write(payload));
        socket.on("error", () => resolve());
        socket.on("close", () => resolve());
        socket.setTimeout(1000, () => socket.destroy());
      });
    }
    const ok = stockClient(port, documentId, ORIGIN, lead.token);
    await until(() => ok.provider.synced);
    ok.provider.destroy();
  });

  it("refuses a message over the size limit with 1009 and a document over its limit with 4413", async () => {
    const small = start({ maxMessageBytes: 4096, maxDocumentBytes: 8192 });
    const l = await listen();
    small.attach(l.server);
    const documentId = await seedDocument(handle.db, project.projectId, lead, textUpdate("klein"));
    try {
      const Ws = socketClass(ORIGIN, lead.token);
      const big = new Ws(`ws://127.0.0.1:${l.port}/collab/${documentId}`);
      await new Promise((r) => big.on("open", r));
      const closedBig = closeEvent(big);
      big.send(syncUpdateFrame(textUpdate("x".repeat(10_000))));
      expect((await closedBig).code).toBe(CloseCode.messageTooBig);

      const grow = new Ws(`ws://127.0.0.1:${l.port}/collab/${documentId}`);
      await new Promise((r) => grow.on("open", r));
      const closedGrow = closeEvent(grow);
      const doc = new Y.Doc();
      doc.on("update", (u: Uint8Array) => {
        if (grow.readyState === WebSocket.OPEN) {
          grow.send(syncUpdateFrame(u));
        }
      });
      for (let i = 0; i < 5 && grow.readyState === WebSocket.OPEN; i++) {
        typeInto(doc, 0, "y".repeat(3000));
        await new Promise((r) => setImmediate(r));
      }
      expect((await closedGrow).code).toBe(CloseCode.documentTooLarge);
      await small.close();
      // what was taken before the limit is stored whole; the refused update is not
      const stored = storedText(await readDocumentState(handle.db, documentId));
      expect(stored).toContain("klein");
      expect(stored.replace("klein", "")).toMatch(/^(y{3000})+$/);
      expect((await readDocumentState(handle.db, documentId)).byteLength).toBeLessThanOrEqual(8192);
    } finally {
      await small.close();
      await new Promise<void>((r) => l.server.close(() => r()));
    }
  });

  it("compacts after enough updates, and the compacted document loads the same", async () => {
    const documentId = await seedDocument(handle.db, project.projectId, lead);
    const a = stockClient(port, documentId, ORIGIN, lead.token);
    await until(() => a.provider.synced);
    for (let i = 0; i < 120; i++) {
      typeInto(a.doc, i, String(i % 10));
      await new Promise((r) => setImmediate(r));
    }
    const expected = textOf(a.doc);
    await until(async () => storedText(await readDocumentState(handle.db, documentId)) === expected);
    await until(
      async () => (await loadStoredState(handle.db, documentId)).snapshotSeq > 0n,
      5000,
      "a compaction",
    );
    expect(collab.stats().compactions).toBeGreaterThan(0);
    const stored = await loadStoredState(handle.db, documentId);
    expect(stored.updates.length).toBeLessThan(120);
    const versions = await handle.db
      .selectFrom("document_versions")
      .select("id")
      .where("document_id", "=", documentId)
      .execute();
    expect(versions.length).toBe(1);
    a.provider.destroy();
    const b = stockClient(port, documentId, ORIGIN, lead.token);
    await until(() => b.provider.synced);
    expect(textOf(b.doc)).toBe(expected);
    b.provider.destroy();
  });

  it("closes a removed member's connection within seconds and downgrades a demoted editor", async () => {
    const documentId = await seedDocument(handle.db, project.projectId, lead);
    const editor = await seedPerson(handle.db, "Eddi Editor");
    const leaver = await seedPerson(handle.db, "Lena Leaving");
    await addToProject(handle.db, project.projectId, editor, "editor");
    await addToProject(handle.db, project.projectId, leaver, "editor");
    const e = await rawClient(documentId, editor.token);
    const l = await rawClient(documentId, leaver.token);
    const closed = closeEvent(l);
    await handle.db
      .deleteFrom("project_members")
      .where("project_id", "=", project.projectId)
      .where("user_id", "=", leaver.userId)
      .execute();
    await revocations.publish({ userId: leaver.userId, scope: { kind: "project", id: project.projectId } });
    expect((await closed).code).toBe(CloseCode.revoked);

    const denied: string[] = [];
    e.on("message", (data: Buffer) => {
      const d = decoding.createDecoder(new Uint8Array(data));
      if (decoding.readVarUint(d) === 2) {
        decoding.readVarUint(d);
        denied.push(decoding.readVarString(d));
      }
    });
    await addToProject(handle.db, project.projectId, editor, "viewer");
    await revocations.publish({ userId: editor.userId, scope: { kind: "project", id: project.projectId } });
    await until(() => denied.length > 0, 5000, "read-only notice");
    e.send(syncUpdateFrame(textUpdate("nicht mehr")));
    const reader = stockClient(port, documentId, ORIGIN, lead.token);
    await until(() => reader.provider.synced);
    expect(textOf(reader.doc)).toBe("");
    reader.provider.destroy();
    e.close();
  });

  it("closes the connections of a session that ended elsewhere, and no one else's", async () => {
    const checks = heldSessionChecks();
    const checking = start({ db: handle.db.withPlugin(checks.plugin), sessionCheckMs: 20 });
    const l = await listen();
    checking.attach(l.server);
    try {
      const documentId = await seedDocument(handle.db, project.projectId, lead);
      const other = await seedPerson(handle.db, "Signed Out Soon");
      await addToProject(handle.db, project.projectId, other, "editor");
      const Ws = socketClass(ORIGIN, other.token);
      const ws = new Ws(`ws://127.0.0.1:${l.port}/collab/${documentId}`);
      await new Promise((r) => ws.on("open", r));
      // a check has read which sessions exist (only the other's connection was there) and its
      // answer is held: the lead joins while it is under way, as on a busy database
      await until(() => checks.counts.inFlight > 0, 5000, "a session check under way");
      const stays = stockClient(l.port, documentId, ORIGIN, lead.token);
      const stayCloses: number[] = [];
      stays.provider.on("connection-close", (event: { code: number } | null) =>
        stayCloses.push(event?.code ?? 0),
      );
      await until(() => stays.provider.synced, 10_000, "the lead's client to sync");
      // several check intervals pass while the answer is held: no second check piles up behind it
      await new Promise((r) => setTimeout(r, 100));
      expect(checks.counts.maxInFlight).toBe(1);
      checks.release();
      await until(() => checks.counts.finished >= 2, 5000, "two checks to end");
      // the check's answer lacked the lead's session because the lead joined later, not because it ended
      expect(stayCloses).toEqual([]);
      expect(ws.readyState).toBe(WebSocket.OPEN);
      const closed = closeEvent(ws);
      await handle.db.deleteFrom("sessions").where("user_id", "=", other.userId).execute();
      expect((await closed).code).toBe(CloseCode.revoked);
      expect(stayCloses).toEqual([]);
      expect(stays.provider.wsconnected).toBe(true);
      expect(checks.counts.maxInFlight).toBe(1);
      stays.provider.destroy();
    } finally {
      checks.release();
      await checking.close();
      await new Promise<void>((r) => l.server.close(() => r()));
    }
  });

  it("notices lost access on its periodic check even when no revocation arrives", async () => {
    const checking = start({ sessionCheckMs: 50, revocations: undefined });
    const l = await listen();
    checking.attach(l.server);
    try {
      const documentId = await seedDocument(handle.db, project.projectId, lead);
      const removed = await seedPerson(handle.db, "Quietly Removed");
      await addToProject(handle.db, project.projectId, removed, "editor");
      const Ws = socketClass(ORIGIN, removed.token);
      const ws = new Ws(`ws://127.0.0.1:${l.port}/collab/${documentId}`);
      await new Promise((r) => ws.on("open", r));
      const closed = closeEvent(ws);
      await handle.db
        .deleteFrom("project_members")
        .where("project_id", "=", project.projectId)
        .where("user_id", "=", removed.userId)
        .execute();
      expect((await closed).code).toBe(CloseCode.revoked);
    } finally {
      await checking.close();
      await new Promise<void>((r) => l.server.close(() => r()));
    }
  });

  it("shows everyone under their own name: presence cannot be taken over or made up", async () => {
    const documentId = await seedDocument(handle.db, project.projectId, lead);
    const viewer = await seedPerson(handle.db, "Vito Viewer");
    await addToProject(handle.db, project.projectId, viewer, "viewer");
    const l = stockClient(port, documentId, ORIGIN, lead.token);
    l.provider.awareness.setLocalStateField("user", { name: "Lea Lead", color: "#1a7f37" });
    const observer = stockClient(port, documentId, ORIGIN, lead.token);
    await until(() => l.provider.synced && observer.provider.synced);
    const leadId = l.provider.awareness.clientID;
    await until(() => observer.provider.awareness.getStates().has(leadId), 5000, "the lead's presence");

    const attacker = await rawClient(documentId, viewer.token);
    const fake = (clientId: number, clock: number, name: string) => {
      const inner = encoding.createEncoder();
      encoding.writeVarUint(inner, 1);
      encoding.writeVarUint(inner, clientId);
      encoding.writeVarUint(inner, clock);
      encoding.writeVarString(inner, JSON.stringify({ user: { name, color: "#000000", id: lead.userId } }));
      const e = encoding.createEncoder();
      encoding.writeVarUint(e, 1);
      encoding.writeVarUint8Array(e, encoding.toUint8Array(inner));
      return encoding.toUint8Array(e);
    };
    attacker.send(fake(leadId, 999, "Lea Lead (hijacked)"));
    attacker.send(fake(424242, 1, "Direktorin Dora"));
    await until(() => observer.provider.awareness.getStates().has(424242), 5000, "the made-up entry");
    const states = observer.provider.awareness.getStates();
    expect((states.get(leadId) as { user: { name: string } }).user.name).toBe("Lea Lead");
    expect(states.get(424242)).toMatchObject({ user: { name: "Vito Viewer", id: viewer.userId } });
    attacker.close();
    l.provider.destroy();
    observer.provider.destroy();
  });

  it("passes on a burst of edits and carets from many people, and everyone ends with all of it", async () => {
    const documentId = await seedDocument(handle.db, project.projectId, lead, textUpdate("Protokoll"));
    const people = Array.from({ length: 12 }, () => stockClient(port, documentId, ORIGIN, lead.token));
    await until(() => people.every((p) => p.provider.synced), 10_000, "everyone synced");
    // all at once: the server merges what arrives together and sends each person the merged
    // edits and the carets in one write
    people.forEach((p, i) => {
      typeInto(p.doc, 0, `<${i}>`);
      p.provider.awareness.setLocalStateField("cursor", { anchor: i, head: i });
    });
    const tokens = people.map((_, i) => `<${i}>`);
    const holdsAll = (p: (typeof people)[number]) => {
      const text = textOf(p.doc);
      const carets = [...p.provider.awareness.getStates().values()].filter((s) => "cursor" in s);
      return tokens.every((t) => text.includes(t)) && carets.length === people.length;
    };
    await until(() => people.every(holdsAll), 10_000, "every edit and caret everywhere");
    const first = textOf(people[0]?.doc ?? new Y.Doc());
    expect(first.length).toBe("Protokoll".length + tokens.join("").length);
    expect(people.every((p) => textOf(p.doc) === first)).toBe(true);
    for (const p of people) {
      p.provider.destroy();
    }
  });

  it("unloads an idle document only after its writes are stored", async () => {
    const quick = start({ unloadAfterMs: 50 });
    const l = await listen();
    quick.attach(l.server);
    try {
      const documentId = await seedDocument(handle.db, project.projectId, lead);
      const a = stockClient(l.port, documentId, ORIGIN, lead.token);
      await until(() => a.provider.synced);
      typeInto(a.doc, 0, "bleibt");
      a.provider.destroy();
      await until(() => !quick.isLoaded(documentId), 5000, "unload");
      expect(storedText(await readDocumentState(handle.db, documentId))).toBe("bleibt");
      expect(quick.stats().pendingWrites).toBe(0);
    } finally {
      await quick.close();
      await new Promise<void>((r) => l.server.close(() => r()));
    }
  });

  it("asks for one full garbage collection after a wave of unloads, not one per room", async () => {
    const quick = start({
      unloadAfterMs: 50,
      memoryRelease: { rooms: 3, bytes: Number.POSITIVE_INFINITY, settleMs: 100, cooldownMs: 60_000 },
    });
    const l = await listen();
    quick.attach(l.server);
    try {
      const wave = async (count: number) => {
        const ids = await Promise.all(
          Array.from({ length: count }, () => seedDocument(handle.db, project.projectId, lead)),
        );
        const clients = ids.map((id) => stockClient(l.port, id, ORIGIN, lead.token));
        await until(() => clients.every((c) => c.provider.synced), 5000, "every client synced");
        for (const c of clients) {
          c.provider.destroy();
        }
        await until(() => ids.every((id) => !quick.isLoaded(id)), 5000, "every room unloaded");
      };
      // two rooms: below the threshold, nothing
      await wave(2);
      await new Promise((r) => setTimeout(r, 300));
      expect(quick.stats().memoryReleases).toBe(0);
      // five more: past it, one collection once the wave has settled
      await wave(5);
      await until(() => quick.stats().memoryReleases === 1, 5000, "the collection");
      // another wave within the cooldown waits for it
      await wave(4);
      await new Promise((r) => setTimeout(r, 300));
      expect(quick.stats().memoryReleases).toBe(1);
    } finally {
      await quick.close();
      await new Promise<void>((r) => l.server.close(() => r()));
    }
  });

  it("writes everything pending when closed (as on SIGTERM)", async () => {
    const closing = start();
    const l = await listen();
    closing.attach(l.server);
    const documentId = await seedDocument(handle.db, project.projectId, lead);
    const ws = await new Promise<WebSocket>((resolve) => {
      const Ws = socketClass(ORIGIN, lead.token);
      const s = new Ws(`ws://127.0.0.1:${l.port}/collab/${documentId}`);
      s.on("open", () => resolve(s));
    });
    const doc = new Y.Doc();
    const sent: Promise<void>[] = [];
    doc.on("update", (u: Uint8Array) => {
      sent.push(new Promise((r) => ws.send(syncUpdateFrame(u), () => r())));
    });
    for (let i = 0; i < 200; i++) {
      typeInto(doc, i, "z");
    }
    await Promise.all(sent);
    await until(() => closing.stats().connections === 1);
    // the frames are on the wire; the server may not have read them all yet: wait until it has
    await until(() => closing.stats().pendingWrites > 0 || closing.stats().writes > 0);
    await closing.close();
    await new Promise<void>((r) => l.server.close(() => r()));
    await until(async () => storedText(await readDocumentState(handle.db, documentId)).length > 0);
    const text = storedText(await readDocumentState(handle.db, documentId));
    expect(text).toBe("z".repeat(text.length));
  });

  it("compacts under a row lock, so concurrent compactions agree", async () => {
    const documentId = await seedDocument(handle.db, project.projectId, lead);
    const a = stockClient(port, documentId, ORIGIN, lead.token);
    await until(() => a.provider.synced);
    for (let i = 0; i < 30; i++) {
      typeInto(a.doc, 0, "k");
    }
    await until(async () => storedText(await readDocumentState(handle.db, documentId)) === "k".repeat(30));
    const results = await Promise.all([
      compactDocument(handle.db, documentId),
      compactDocument(handle.db, documentId),
    ]);
    expect(results.filter((n) => n > 0).length).toBeLessThanOrEqual(1);
    expect(storedText(await readDocumentState(handle.db, documentId))).toBe("k".repeat(30));
    a.provider.destroy();
  });
});
