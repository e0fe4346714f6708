import type { DbHandle } from "@ensemble/db/db";
import { createTestDb } from "@ensemble/db/testing";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as Y from "yjs";
import { appendUpdates, compactDocument, loadStoredState, readDocumentState } from "./storage.ts";
import {
  type SeededPerson,
  type SeededProject,
  seedDocument,
  seedPerson,
  seedProject,
  serveCollab,
  stockClient,
  textOf,
  textState,
  typeInto,
  until,
} from "./testing.ts";

/**
 * The failures the anchors' bug trackers tell of: a database error while loading (Hocuspocus
 * #382), slow storage (#1110), unloading with a write pending (#995).
 */

const ORIGIN = "http://localhost:3000";
const onPostgres = Boolean(process.env.TEST_DATABASE_URL);

let handle: DbHandle;
let lead: SeededPerson;
let project: SeededProject;

beforeAll(async () => {
  handle = await createTestDb();
  lead = await seedPerson(handle.db, "Lea Lead");
  project = await seedProject(handle.db, lead);
});
afterAll(async () => {
  await handle.close();
});

function serve(overrides: Parameters<typeof serveCollab>[2] = {}) {
  return serveCollab(handle.db, ORIGIN, overrides);
}

/** A second connection to the test database (PostgreSQL only). */
async function secondConnection(): Promise<pg.Client> {
  const dbName = (
    await handle.db
      .selectNoFrom((eb) => eb.fn<string>("current_database", []).as("n"))
      .executeTakeFirstOrThrow()
  ).n;
  const url = new URL(process.env.TEST_DATABASE_URL ?? "");
  url.pathname = `/${dbName}`;
  const client = new pg.Client({ connectionString: url.toString() });
  await client.connect();
  return client;
}

/** A second connection holding a lock until released (PostgreSQL only). */
async function lockTable(table: string): Promise<() => Promise<void>> {
  const client = await secondConnection();
  await client.query("begin");
  await client.query(`lock table ${table} in access exclusive mode`);
  return async () => {
    await client.query("rollback");
    await client.end();
  };
}

describe("collaboration server under storage faults", () => {
  it.runIf(onPostgres)(
    "never loses an update that commits after a compaction with a lower sequence number",
    async () => {
      const documentId = await seedDocument(handle.db, project.projectId, lead);
      const slow = await secondConnection();
      try {
        // process A takes a sequence number first but commits last
        await slow.query("begin");
        await slow.query("insert into document_updates (document_id, data) values ($1, $2)", [
          documentId,
          Buffer.from(textState("A")),
        ]);
        // process B's later insert commits, and a compaction runs in between
        await appendUpdates(handle.db, [{ documentId, data: textState("B"), userId: null }]);
        expect(await compactDocument(handle.db, documentId)).toBe(1);
        await slow.query("commit");
      } finally {
        await slow.end();
      }
      const stored = await loadStoredState(handle.db, documentId);
      expect(stored.updates.length).toBe(1);
      const doc = new Y.Doc();
      Y.applyUpdate(doc, await readDocumentState(handle.db, documentId));
      expect(textOf(doc).split("").sort().join("")).toBe("AB");
      expect(await compactDocument(handle.db, documentId)).toBe(1);
      expect((await loadStoredState(handle.db, documentId)).updates).toEqual([]);
    },
  );

  it("refuses the connection when the stored document cannot be read, and never overwrites it", async () => {
    const s = await serve();
    try {
      const documentId = await seedDocument(handle.db, project.projectId, lead);
      const corrupt = new Uint8Array([1, 250, 250, 250, 9, 9]);
      await handle.db
        .insertInto("document_snapshots")
        .values({ document_id: documentId, state: corrupt, snapshot_seq: 0 })
        .execute();
      const c = stockClient(s.port, documentId, ORIGIN, lead.token);
      const closes: number[] = [];
      c.provider.on("connection-close", (event: { code: number } | null) => closes.push(event?.code ?? 0));
      await until(() => closes.length > 0, 5000, "a refused connection");
      expect(closes[0]).toBe(1011);
      expect(c.provider.synced).toBe(false);
      typeInto(c.doc, 0, "must not land");
      c.provider.destroy();
      const row = await handle.db
        .selectFrom("document_snapshots")
        .select("state")
        .where("document_id", "=", documentId)
        .executeTakeFirstOrThrow();
      expect([...row.state]).toEqual([...corrupt]);
      const log = await handle.db
        .selectFrom("document_updates")
        .select("seq")
        .where("document_id", "=", documentId)
        .execute();
      expect(log).toEqual([]);
    } finally {
      await s.stop();
    }
  });

  it.runIf(onPostgres)(
    "refuses a connection whose document does not load in time, and serves it once it does",
    async () => {
      const s = await serve({ loadTimeoutMs: 300 });
      const documentId = await seedDocument(handle.db, project.projectId, lead, textState("gespeichert"));
      const release = await lockTable("document_snapshots");
      try {
        const c = stockClient(s.port, documentId, ORIGIN, lead.token);
        const closes: number[] = [];
        c.provider.on("connection-close", (event: { code: number } | null) => closes.push(event?.code ?? 0));
        await until(() => closes.includes(1011), 5000, "a refused connection");
        c.provider.destroy();
        await release();
        const again = stockClient(s.port, documentId, ORIGIN, lead.token);
        await until(() => again.provider.synced);
        expect(textOf(again.doc)).toBe("gespeichert");
        again.provider.destroy();
      } finally {
        await s.stop();
      }
    },
  );

  it.runIf(onPostgres)(
    "batches instead of storming while storage is slow, and keeps the room until the write is stored",
    async () => {
      const s = await serve({ unloadAfterMs: 50 });
      const documentId = await seedDocument(handle.db, project.projectId, lead);
      const c = stockClient(s.port, documentId, ORIGIN, lead.token);
      await until(() => c.provider.synced);
      const writesBefore = s.collab.stats().writes;
      const release = await lockTable("document_updates");
      let released = false;
      try {
        for (let i = 0; i < 200; i++) {
          typeInto(c.doc, i, "s");
          await new Promise((r) => setImmediate(r));
        }
        await until(() => s.collab.stats().pendingWrites === 200, 5000, "all 200 queued");
        c.provider.destroy();
        await until(() => s.collab.stats().connections === 0);
        // well past the unload delay: the room must stay while its writes wait
        const end = Date.now() + 300;
        while (Date.now() < end) {
          expect(s.collab.isLoaded(documentId)).toBe(true);
          await new Promise((r) => setTimeout(r, 25));
        }
        await release();
        released = true;
        await until(() => s.collab.stats().pendingWrites === 0, 10_000, "the writes to land");
        // one write blocked on the lock, then the rest in one batch (not 200 single writes)
        expect(s.collab.stats().writes - writesBefore).toBeLessThanOrEqual(3);
        await until(() => !s.collab.isLoaded(documentId), 5000, "unload after the write");
        const doc = new Y.Doc();
        Y.applyUpdate(doc, await readDocumentState(handle.db, documentId));
        expect(textOf(doc)).toBe("s".repeat(200));
      } finally {
        if (!released) {
          await release();
        }
        await s.stop();
      }
    },
  );
});
