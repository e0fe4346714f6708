import { randomUUID } from "node:crypto";
import type { IncomingMessage, Server } from "node:http";
import type { Duplex } from "node:stream";
import type { AccessRevocation, RevocationBus } from "@ensemble/access/revocations";
import type { SessionPolicy } from "@ensemble/auth/sessions";
import type { Db } from "@ensemble/db/db";
import type { Redis } from "ioredis";
import { sql } from "kysely";
import { type WebSocket, WebSocketServer } from "ws";
import { authenticateUpgrade, type CollabIdentity, checkAccess, documentIdFromPath } from "./auth.ts";
import { GroupCommit } from "./group-commit.ts";
import { defaultMemoryRelease, MemoryRelease, type MemoryReleaseOptions } from "./memory.ts";
import { CloseCode, COLLAB_PATH } from "./protocol.ts";
import { RedisSync } from "./redis-sync.ts";
import { Connection, Room, type RoomHost } from "./room.ts";
import { compactDocument, loadStoredState } from "./storage.ts";
import { guardThread, mergeThread, THREAD_MIN_BYTES, type YjsThread } from "./yjs-thread.ts";

/** The few logger methods used (pino's Logger fits). */
export interface CollabLogger {
  info(obj: object, msg: string): void;
  warn(obj: object, msg: string): void;
  error(obj: object, msg: string): void;
}

export interface CollabOptions {
  db: Db;
  /** Upgrades must come from this origin (the public URL's). */
  publicOrigin: string;
  secureCookies: boolean;
  sessionPolicy: SessionPolicy;
  logger: CollabLogger;
  /** Lost-access signals from the API (close or downgrade live connections). */
  revocations?: RevocationBus | undefined;
  /** With Redis, several processes serve one document and stay converged. */
  redis?: Redis | undefined;
  /** Redis key prefix (tests keep apart). */
  redisPrefix?: string;
  now?: () => Date;
  /** Largest single message (bytes); larger ones close the connection with 1009. */
  maxMessageBytes?: number;
  /** Largest document (bytes held); an update past it closes with 4413 and is not stored. */
  maxDocumentBytes?: number;
  /** Compact after this many logged updates. */
  compactAfter?: number;
  /** An idle room (no connections, nothing pending) is unloaded after this long. */
  unloadAfterMs?: number;
  /** When to ask for a full garbage collection after rooms unloaded (see memory.ts). */
  memoryRelease?: Partial<MemoryReleaseOptions>;
  /** A room without edits for this long gets its log compacted. */
  compactIdleMs?: number;
  /** An automatic version is kept at most this often while a document is edited. */
  versionEveryMs?: number;
  /** How long loading a document may take before the connection is refused. */
  loadTimeoutMs?: number;
  /** How often open connections' sessions and access are looked up again (closed or narrowed). */
  sessionCheckMs?: number;
  /** Threads for large documents' Yjs work (default: the process's `mergeThread` and `guardThread`). */
  threads?: { merge?: YjsThread; guard?: YjsThread };
  /**
   * From this many bytes on, a document's merges and shape checks run in those threads (default
   * `THREAD_MIN_BYTES`).
   */
  threadMinBytes?: number;
}

export interface CollabStats {
  rooms: number;
  connections: number;
  pendingWrites: number;
  /** INSERT statements sent by the group commit so far. */
  writes: number;
  compactions: number;
  /** Shape-guard shadows built for the loaded documents so far (here or in the guard thread). */
  guardBuilds: number;
  /** Full garbage collections asked for after rooms unloaded (memory.ts). */
  memoryReleases: number;
}

export interface CollabServer {
  /** Takes an HTTP upgrade for `/collab/<documentId>`; anything else is refused. */
  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void;
  /** Listens for upgrades on an HTTP server (other upgrade paths are refused). */
  attach(server: Server): void;
  /** Closes every connection (1001), writes everything pending, compacts, stops. */
  close(): Promise<void>;
  stats(): CollabStats;
  /** Is this document loaded here? (tests) */
  isLoaded(documentId: string): boolean;
}

const STATUS_TEXT: Record<number, string> = {
  400: "Bad Request",
  401: "Unauthorized",
  403: "Forbidden",
  404: "Not Found",
  503: "Service Unavailable",
};

function refuse(socket: Duplex, status: number): void {
  if (socket.writable) {
    socket.write(
      `HTTP/1.1 ${status} ${STATUS_TEXT[status] ?? "Error"}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`,
    );
  }
  socket.destroy();
}

/** Builds the collaboration server (y-websocket protocol) over the shared database and access rules. */
export function createCollabServer(options: CollabOptions): CollabServer {
  const log = options.logger;
  const now = options.now ?? (() => new Date());
  const maxMessageBytes = options.maxMessageBytes ?? 16 * 1024 * 1024;
  const maxDocumentBytes = options.maxDocumentBytes ?? 64 * 1024 * 1024;
  const compactAfter = options.compactAfter ?? 1000;
  const unloadAfterMs = options.unloadAfterMs ?? 30_000;
  const compactIdleMs = options.compactIdleMs ?? 10_000;
  const versionEveryMs = options.versionEveryMs ?? 60 * 60 * 1000;
  const loadTimeoutMs = options.loadTimeoutMs ?? 10_000;
  /** What one client may send before its document has loaded. */
  const maxEarlyBytes = Math.max(2 * maxMessageBytes, 1024 * 1024);
  const processId = randomUUID();
  const threadMinBytes = options.threadMinBytes ?? THREAD_MIN_BYTES;
  const mergeOptions = { thread: options.threads?.merge, threadMinBytes };

  const wss = new WebSocketServer({ noServer: true, maxPayload: maxMessageBytes, perMessageDeflate: false });
  const rooms = new Map<string, Room>();
  const loading = new Map<string, Promise<Room>>();
  const connections = new Set<Connection>();
  const compacting = new Map<string, Promise<void>>();
  const remoteWhileLoading = new Map<string, Uint8Array[]>();
  let compactions = 0;
  let closing = false;
  const memory = new MemoryRelease({ ...defaultMemoryRelease, ...options.memoryRelease }, (ms) =>
    log.info({ ms: Math.round(ms) }, "full garbage collection after rooms unloaded"),
  );

  const commit = new GroupCommit(options.db, {
    now,
    onError: (err, attempt) =>
      log.warn({ err: String(err), attempt }, "storing document updates failed; retrying"),
  });

  const redisSync = options.redis
    ? new RedisSync(
        options.redis,
        (documentId, update) => {
          const room = rooms.get(documentId);
          if (room) {
            room.receiveRemote(update);
          } else if (loading.has(documentId)) {
            // read while the room loads: applied once it is there
            const early = remoteWhileLoading.get(documentId) ?? [];
            early.push(update);
            remoteWhileLoading.set(documentId, early);
          }
        },
        {
          processId,
          prefix: options.redisPrefix,
          onError: (err) => log.warn({ err: String(err) }, "redis stream read failed"),
        },
      )
    : undefined;

  const host: RoomHost = {
    maxDocumentBytes,
    log,
    guardThread: options.threads?.guard ?? guardThread,
    threadMinBytes,
    diffThread: options.threads?.merge ?? mergeThread,
    persist(room, update, userId, done) {
      commit.add({
        documentId: room.documentId,
        data: update ?? new Uint8Array(0),
        userId,
        done: (ok) => {
          done(ok);
          if (room.uncompacted >= compactAfter) {
            void compact(room.documentId);
          }
        },
      });
    },
    publish(room, update) {
      redisSync?.publish(room.documentId, update);
    },
    emptied(room) {
      scheduleUnload(room);
    },
  };

  function scheduleUnload(room: Room): void {
    const timer = setTimeout(() => void unloadIfIdle(room), unloadAfterMs);
    timer.unref();
  }

  async function unloadIfIdle(room: Room): Promise<void> {
    if (rooms.get(room.documentId) !== room || room.connections.size > 0) {
      return;
    }
    if (room.pendingWrites > 0) {
      // never unload with a write pending (Hocuspocus #995): look again later
      scheduleUnload(room);
      return;
    }
    rooms.delete(room.documentId);
    room.guard.drop();
    redisSync?.untrack(room.documentId);
    try {
      if (room.uncompacted > 0) {
        await compact(room.documentId);
      }
    } finally {
      // counted once nothing here holds the room any more
      memory.unloaded(room.size);
    }
  }

  /** Compacts one document's log (one at a time per document) and keeps an hourly version. */
  function compact(documentId: string): Promise<void> {
    const running = compacting.get(documentId);
    if (running) {
      return running;
    }
    const job = (async () => {
      try {
        const folded = await compactDocument(options.db, documentId, mergeOptions);
        compactions++;
        const room = rooms.get(documentId);
        if (room) {
          room.uncompacted = Math.max(0, room.uncompacted - folded);
        }
        if (folded > 0) {
          await keepAutomaticVersion(documentId);
        }
      } catch (err) {
        log.warn({ err: String(err), documentId }, "compaction failed; the log stays as it is");
      } finally {
        compacting.delete(documentId);
      }
    })();
    compacting.set(documentId, job);
    return job;
  }

  async function keepAutomaticVersion(documentId: string): Promise<void> {
    const last = await options.db
      .selectFrom("document_versions")
      .select((eb) => eb.fn.max("created_at").as("at"))
      .where("document_id", "=", documentId)
      .where("name", "is", null)
      .executeTakeFirst();
    const at = last?.at ? new Date(last.at as Date | string) : null;
    if (at && now().getTime() - at.getTime() < versionEveryMs) {
      return;
    }
    await sql`insert into document_versions (id, document_id, name, state, created_by, created_at)
      select ${randomUUID()}, s.document_id, null, s.state, d.updated_by, ${now()}
      from document_snapshots s join documents d on d.id = s.document_id
      where s.document_id = ${documentId}`.execute(options.db);
  }

  // Rooms whose edits stopped get their log folded in, so a later open reads one snapshot.
  const idleTimer = setInterval(
    () => {
      const cutoff = Date.now() - compactIdleMs;
      for (const room of rooms.values()) {
        if (room.lastActivity < cutoff) {
          // edits stopped: a small document's shape guard is rebuilt when they start again
          room.guard.rest();
        }
        if (room.uncompacted > 0 && room.pendingWrites === 0 && room.lastActivity < cutoff) {
          void compact(room.documentId);
        }
      }
    },
    Math.max(1000, Math.min(compactIdleMs, 10_000)),
  );
  idleTimer.unref();

  // A session ended elsewhere (sign-out everywhere, password reset, account deleted) ends its
  // live connections too, within one check interval.
  async function closeEndedSessions(): Promise<void> {
    // Only the connections asked about are judged by the answer: one accepted while the query
    // runs is missing from it without its session having ended (it was valid at its upgrade), and
    // closing it would tell its client "revoked" (4403: stop reconnecting) for nothing.
    const checked = [...connections];
    const ids = [...new Set(checked.map((c) => c.identity.sessionId))];
    if (ids.length === 0) {
      return;
    }
    const alive = new Set<string>();
    for (let i = 0; i < ids.length; i += 1000) {
      const rows = await options.db
        .selectFrom("sessions")
        .select("id")
        .where("id", "in", ids.slice(i, i + 1000))
        .execute();
      for (const row of rows) {
        alive.add(row.id);
      }
    }
    for (const conn of checked) {
      if (!alive.has(conn.identity.sessionId)) {
        conn.close(CloseCode.revoked, "signed out");
      }
    }
  }
  // Revocations make access changes immediate; this periodic pass also catches what a lost
  // signal (Redis pub/sub does not guarantee delivery) or a process without Redis never heard.
  // One pass at a time, the next one interval after the last ended: on a busy database a pass
  // can take longer than the interval, and passes piling up behind each other would hold the
  // connections that upgrades and loads need.
  const sessionCheckMs = options.sessionCheckMs ?? 60_000;
  let sessionTimer: NodeJS.Timeout | undefined;
  let sessionPass: Promise<void> | null = null;
  function scheduleSessionCheck(): void {
    sessionTimer = setTimeout(() => {
      sessionPass = closeEndedSessions()
        .then(() => recheckConnections([...connections].filter((c) => !c.closed)))
        .catch((err: unknown) => log.warn({ err: String(err) }, "session and access check failed"))
        .finally(() => {
          sessionPass = null;
          if (!closing) {
            scheduleSessionCheck();
          }
        });
    }, sessionCheckMs);
    sessionTimer.unref();
  }
  scheduleSessionCheck();

  async function loadRoom(documentId: string, projectId: string): Promise<Room> {
    const existing = rooms.get(documentId);
    if (existing) {
      return existing;
    }
    const pending = loading.get(documentId);
    if (pending) {
      return pending;
    }
    const job = (async () => {
      let timer: NodeJS.Timeout | undefined;
      try {
        redisSync?.track(documentId);
        const stored = await Promise.race([
          loadStoredState(options.db, documentId),
          new Promise<never>((_, reject) => {
            timer = setTimeout(() => reject(new Error("loading the document timed out")), loadTimeoutMs);
          }),
        ]);
        const room = new Room(documentId, projectId, stored, host);
        rooms.set(documentId, room);
        if (room.size >= threadMinBytes) {
          // its first edit will be judged there: the thread's start need not add to that edit's wait
          host.guardThread?.warm();
        }
        for (const update of remoteWhileLoading.get(documentId) ?? []) {
          room.receiveRemote(update);
        }
        return room;
      } catch (err) {
        if (!rooms.has(documentId)) {
          redisSync?.untrack(documentId);
        }
        throw err;
      } finally {
        clearTimeout(timer);
        loading.delete(documentId);
        remoteWhileLoading.delete(documentId);
      }
    })();
    loading.set(documentId, job);
    return job;
  }

  function accept(ws: WebSocket, socket: Duplex, identity: CollabIdentity, wantsAcks: boolean): void {
    const conn = new Connection(ws, socket, identity, wantsAcks);
    connections.add(conn);
    let room: Room | null = null;
    const early: Uint8Array[] = [];
    let earlyBytes = 0;
    ws.on("error", () => undefined);
    ws.on("message", (data, isBinary) => {
      if (!isBinary) {
        conn.close(CloseCode.malformed, "binary frames only");
        return;
      }
      const frame =
        data instanceof Buffer
          ? new Uint8Array(data.buffer, data.byteOffset, data.byteLength)
          : new Uint8Array(Buffer.concat(data as Buffer[]));
      if (room) {
        room.receive(conn, frame);
      } else if (earlyBytes + frame.byteLength > maxEarlyBytes || early.length >= 10_000) {
        // a client flooding us while its document loads
        conn.close(CloseCode.tryAgainLater, "too many messages before the document was ready");
      } else {
        early.push(frame);
        earlyBytes += frame.byteLength;
      }
    });
    ws.on("close", () => {
      conn.closed = true;
      connections.delete(conn);
      room?.leave(conn);
    });
    loadRoom(identity.documentId, identity.projectId).then(
      (loaded) => {
        if (conn.closed) {
          if (loaded.connections.size === 0) {
            scheduleUnload(loaded);
          }
          return;
        }
        room = loaded;
        loaded.join(conn);
        for (const frame of early.splice(0)) {
          loaded.receive(conn, frame);
        }
        // a revocation published between the upgrade's check and now found no connection to act on
        void recheckConnections([conn]);
      },
      (err: unknown) => {
        // never serve (or later store over) a document we could not read (Hocuspocus #382)
        log.error({ err: String(err), documentId: identity.documentId }, "could not load a document");
        conn.close(1011, "the document could not be loaded");
      },
    );
  }

  function handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    // a reset socket during the checks must not crash the process
    socket.on("error", () => undefined);
    const documentId = documentIdFromPath(req.url, COLLAB_PATH);
    if (!documentId) {
      refuse(socket, 404);
      return;
    }
    if (closing) {
      refuse(socket, 503);
      return;
    }
    const wantsAcks = /[?&]acks=1(&|$)/.test(req.url ?? "");
    authenticateUpgrade(req, documentId, {
      db: options.db,
      publicOrigin: options.publicOrigin,
      secureCookies: options.secureCookies,
      sessionPolicy: options.sessionPolicy,
      now,
    }).then(
      (outcome) => {
        if (!outcome.ok) {
          refuse(socket, outcome.status);
          return;
        }
        if (closing || socket.destroyed) {
          refuse(socket, 503);
          return;
        }
        wss.handleUpgrade(req, socket, head, (ws) => accept(ws, socket, outcome.identity, wantsAcks));
      },
      (err: unknown) => {
        log.error({ err: String(err) }, "collab authentication failed");
        refuse(socket, 503);
      },
    );
  }

  /** Someone lost (or changed) access somewhere: re-check their live connections. */
  async function recheck(revocation: AccessRevocation): Promise<void> {
    const affected = [...connections].filter((conn) => {
      if (revocation.userId !== "*" && conn.identity.userId !== revocation.userId) {
        return false;
      }
      if (revocation.scope.kind === "document") {
        return conn.identity.documentId === revocation.scope.id;
      }
      if (revocation.scope.kind === "project") {
        return conn.identity.projectId === revocation.scope.id;
      }
      return true;
    });
    await recheckConnections(affected);
  }

  /** Re-reads access once per person and document, then closes or narrows/widens each connection. */
  async function recheckConnections(list: readonly Connection[]): Promise<void> {
    const byPair = new Map<string, Connection[]>();
    for (const conn of list) {
      const key = `${conn.identity.userId} ${conn.identity.documentId}`;
      byPair.set(key, [...(byPair.get(key) ?? []), conn]);
    }
    for (const group of byPair.values()) {
      const first = group[0] as Connection;
      let access: Awaited<ReturnType<typeof checkAccess>>;
      try {
        access = await checkAccess(options.db, first.identity.userId, first.identity.documentId);
      } catch (err) {
        log.warn({ err: String(err) }, "could not re-check access; closing to be safe");
        for (const conn of group) {
          conn.close(CloseCode.goingAway, "access check failed");
        }
        continue;
      }
      for (const conn of group) {
        if (!access) {
          conn.close(CloseCode.revoked, "access revoked");
        } else if (conn.identity.canEdit && !access.canEdit) {
          conn.identity = { ...conn.identity, canEdit: false };
          conn.tellReadOnly();
        } else if (!conn.identity.canEdit && access.canEdit) {
          conn.identity = { ...conn.identity, canEdit: true };
          conn.allowWrites();
        }
      }
    }
  }
  const unsubscribe = options.revocations?.subscribe((r) => void recheck(r));

  return {
    handleUpgrade,
    attach(server) {
      server.on("upgrade", (req: IncomingMessage, socket: Duplex, head: Buffer) => {
        if ((req.url ?? "").startsWith(`${COLLAB_PATH}/`)) {
          handleUpgrade(req, socket, head);
        } else {
          socket.on("error", () => undefined);
          refuse(socket, 404);
        }
      });
    },
    async close() {
      closing = true;
      clearInterval(idleTimer);
      clearTimeout(sessionTimer);
      unsubscribe?.();
      for (const conn of connections) {
        conn.close(CloseCode.goingAway, "server restarting");
      }
      // a check under way finishes before the database may be closed behind us
      await sessionPass;
      // everything received is judged and written before we go (Hocuspocus #738)
      await Promise.all([...rooms.values()].map((r) => r.settled()));
      await commit.flush();
      await Promise.all([...compacting.values()]);
      await Promise.all(
        [...rooms.values()].filter((r) => r.uncompacted > 0).map((r) => compact(r.documentId)),
      );
      for (const room of rooms.values()) {
        room.guard.drop();
      }
      rooms.clear();
      memory.stop();
      await redisSync?.close();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
    },
    stats() {
      let pendingWrites = 0;
      let guardBuilds = 0;
      for (const room of rooms.values()) {
        pendingWrites += room.pendingWrites;
        guardBuilds += room.guard.builds;
      }
      return {
        rooms: rooms.size,
        connections: connections.size,
        pendingWrites,
        writes: commit.writes,
        compactions,
        guardBuilds,
        memoryReleases: memory.collections,
      };
    },
    isLoaded(documentId) {
      return rooms.has(documentId);
    },
  };
}
