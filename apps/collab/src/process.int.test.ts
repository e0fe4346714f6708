import { type ChildProcess, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import {
  addToProject,
  listen,
  type SeededPerson,
  seedDocument,
  seedPerson,
  seedProject,
  socketClass,
  stockClient,
  textOf,
  typeInto,
  until,
} from "@ensemble/collab-core/testing";
import { createDb, type DbHandle } from "@ensemble/db/db";
import { migrateToLatest } from "@ensemble/db/migrate";
import * as encoding from "lib0/encoding";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type WebSocket from "ws";
import * as Y from "yjs";

/**
 * The standalone collaboration server as a real process: killed with SIGKILL mid-edit it loses
 * nothing older than 100 ms (y-websocket-server #9: a restart never loses stored content);
 * SIGTERM writes everything pending (Hocuspocus #738); two processes with Redis keep their
 * clients converged. On PostgreSQL when TEST_DATABASE_URL is set, else on an embedded PGlite
 * folder (one process at a time there, so the Redis case needs PostgreSQL).
 */

const MAIN = fileURLToPath(new URL("./main.ts", import.meta.url));
const ORIGIN = "http://localhost:3000";
const adminUrl = process.env.TEST_DATABASE_URL;
const redisUrl = process.env.TEST_REDIS_URL;

let databaseUrl: string | undefined;
let dataDir: string;
let dbName: string | undefined;
let lead: SeededPerson;
let projectId: string;
const children = new Set<ChildProcess>();

/** Opens the test database from this process (PGlite: only while no server process runs). */
async function withDb<T>(fn: (h: DbHandle) => Promise<T>): Promise<T> {
  const h = createDb({ databaseUrl, pgliteDataDir: join(dataDir, "pglite") });
  try {
    return await fn(h);
  } finally {
    await h.close();
  }
}

async function freePort(): Promise<number> {
  const { server, port } = await listen();
  await new Promise<void>((r) => server.close(() => r()));
  return port;
}

interface Running {
  child: ChildProcess;
  port: number;
  exited: Promise<number | null>;
}

async function startServer(extraEnv: Record<string, string> = {}): Promise<Running> {
  const port = await freePort();
  const child = spawn(process.execPath, ["--import", "tsx", MAIN], {
    env: {
      ...process.env,
      PORT: String(port),
      HOST: "127.0.0.1",
      PUBLIC_URL: ORIGIN,
      DATA_DIR: dataDir,
      LOG_LEVEL: "warn",
      ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}),
      ...extraEnv,
    },
    stdio: ["ignore", "ignore", "inherit"],
  });
  children.add(child);
  const exited = new Promise<number | null>((resolve) =>
    child.on("exit", (code) => {
      children.delete(child);
      resolve(code);
    }),
  );
  await until(
    async () => {
      try {
        const res = await fetch(`http://127.0.0.1:${port}/collab/health`);
        return res.ok;
      } catch {
        return false;
      }
    },
    30_000,
    "the collab server to start",
  );
  return { child, port, exited };
}

function frame(update: Uint8Array): Uint8Array {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, 0);
  encoding.writeVarUint(e, 2);
  encoding.writeVarUint8Array(e, update);
  return encoding.toUint8Array(e);
}

async function openRaw(port: number, documentId: string): Promise<WebSocket> {
  const Ws = socketClass(ORIGIN, lead.token);
  const ws = new Ws(`ws://127.0.0.1:${port}/collab/${documentId}`);
  await new Promise((resolve, reject) => {
    ws.on("open", resolve);
    ws.on("error", reject);
  });
  ws.on("error", () => undefined);
  return ws;
}

async function readText(port: number, documentId: string): Promise<string> {
  const c = stockClient(port, documentId, ORIGIN, lead.token);
  try {
    await until(() => c.provider.synced, 10_000, "sync");
    return textOf(c.doc);
  } finally {
    c.provider.destroy();
  }
}

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), "ensemble-collab-proc-"));
  if (adminUrl) {
    dbName = `ensemble_collab_${process.pid}_${randomBytes(4).toString("hex")}`;
    const admin = new pg.Client({ connectionString: adminUrl });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${dbName}`);
    await admin.end();
    const url = new URL(adminUrl);
    url.pathname = `/${dbName}`;
    databaseUrl = url.toString();
  }
  await withDb(async (h) => {
    await migrateToLatest(h.db);
    lead = await seedPerson(h.db, "Lea Lead");
    projectId = (await seedProject(h.db, lead)).projectId;
    await addToProject(h.db, projectId, lead, "lead");
  });
}, 60_000);

afterAll(async () => {
  for (const child of children) {
    child.kill("SIGKILL");
  }
  if (adminUrl && dbName) {
    const admin = new pg.Client({ connectionString: adminUrl });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
    await admin.end();
  }
  rmSync(dataDir, { recursive: true, force: true });
});

describe("the collaboration server process", () => {
  it("killed with SIGKILL mid-edit, keeps every update older than 100 ms", async () => {
    const documentId = await withDb((h) => seedDocument(h.db, projectId, lead));
    const first = await startServer();
    const ws = await openRaw(first.port, documentId);
    const doc = new Y.Doc();
    const sentAt: number[] = [];
    let i = 0;
    // a steady typist: one marked update every 2 ms until the kill
    const typing = setInterval(() => {
      if (ws.readyState !== ws.OPEN) {
        return;
      }
      typeInto(doc, Number.MAX_SAFE_INTEGER, `[${i}]`);
      sentAt[i] = Date.now();
      i++;
    }, 2);
    doc.on("update", (u: Uint8Array) => {
      if (ws.readyState === ws.OPEN) {
        ws.send(frame(u));
      }
    });
    await until(() => i >= 300, 30_000, "300 updates sent");
    const killedAt = Date.now();
    first.child.kill("SIGKILL");
    clearInterval(typing);
    await first.exited;

    const second = await startServer();
    try {
      const stored = await readText(second.port, documentId);
      const missing: number[] = [];
      for (let k = 0; k < sentAt.length; k++) {
        if ((sentAt[k] ?? 0) < killedAt - 100 && !stored.includes(`[${k}]`)) {
          missing.push(k);
        }
      }
      expect(missing).toEqual([]);
      expect(sentAt.filter((t) => t < killedAt - 100).length).toBeGreaterThan(100);
    } finally {
      second.child.kill("SIGTERM");
      await second.exited;
    }
  }, 90_000);

  it("on SIGTERM writes everything it received before exiting, and a restart serves it", async () => {
    const documentId = await withDb((h) => seedDocument(h.db, projectId, lead));
    const first = await startServer();
    const c = stockClient(first.port, documentId, ORIGIN, lead.token);
    await until(() => c.provider.synced);
    for (let k = 0; k < 500; k++) {
      typeInto(c.doc, k, "w");
    }
    const expected = textOf(c.doc);
    // wait until the server has everything (a peer sees it), then stop it at once
    const peer = stockClient(first.port, documentId, ORIGIN, lead.token);
    await until(() => textOf(peer.doc) === expected, 10_000, "the peer to have everything");
    first.child.kill("SIGTERM");
    expect(await first.exited).toBe(0);
    c.provider.destroy();
    peer.provider.destroy();
    const second = await startServer();
    try {
      expect(await readText(second.port, documentId)).toBe(expected);
    } finally {
      second.child.kill("SIGTERM");
      await second.exited;
    }
  }, 90_000);

  it.runIf(Boolean(adminUrl && redisUrl))(
    "two processes with Redis keep clients on either converged",
    async () => {
      const documentId = await withDb((h) => seedDocument(h.db, projectId, lead));
      const env = { REDIS_URL: redisUrl ?? "" };
      const [p1, p2] = await Promise.all([startServer(env), startServer(env)]);
      try {
        const a = stockClient(p1.port, documentId, ORIGIN, lead.token);
        const b = stockClient(p2.port, documentId, ORIGIN, lead.token);
        await until(() => a.provider.synced && b.provider.synced);
        for (let k = 0; k < 50; k++) {
          typeInto(a.doc, 0, "a");
          typeInto(b.doc, 0, "b");
        }
        await until(
          () => textOf(a.doc) === textOf(b.doc) && textOf(a.doc).length === 100,
          10_000,
          "convergence across processes",
        );
        // a late joiner on either process gets the whole document from the database
        expect(await readText(p2.port, documentId)).toBe(textOf(a.doc));
        a.provider.destroy();
        b.provider.destroy();
      } finally {
        p1.child.kill("SIGTERM");
        p2.child.kill("SIGTERM");
        await Promise.all([p1.exited, p2.exited]);
      }
    },
    90_000,
  );
});
