import type { RevocationBus } from "@ensemble/access/revocations";
import { loadReadScopes, mayReceive, type ReadScopes, touchesScopes } from "@ensemble/access/scopes";
import type { LiveEvent } from "@ensemble/contracts/events";
import type { Db } from "@ensemble/db/db";
import {
  type EventRow,
  envelopeOf,
  eventMessage,
  heartbeatMessage,
  parseEventId,
  positionMessage,
} from "./format.ts";
import type { EventNotifier } from "./notifier.ts";
import { logPosition, mustReset } from "./retention.ts";

/**
 * The live event stream's hub: one per process. One reader follows the event log (woken by the
 * notifier, and every `pollMs` in case a signal was lost), reads new rows in batches, and hands
 * each connected client the rows it may read — one query per batch, never one per client. Who may
 * read what comes from the access module (`loadReadScopes`, one query per person, cached while
 * they are connected, reloaded on every revocation that concerns them and every
 * `scopeRefreshMs`), and is checked again right before each write, so a revocation takes effect
 * for events already queued.
 *
 * A client resumes from its last event id: the events after it that it may read are replayed
 * from the log, then it goes live. It registers for live rows *before* reading the log, and
 * every row carries its id, so nothing falls between replay and live and nothing comes twice
 * (event ids become visible in increasing order: see log.ts). A client that does not read
 * (a stalled socket) is closed once its queue is full or a write stalls; it reconnects and
 * resumes from its last id, so closing it loses nothing.
 */

/** The part of a pino logger the hub uses. */
export interface HubLogger {
  warn(obj: object, msg: string): void;
  error(obj: object, msg: string): void;
  debug?(obj: object, msg: string): void;
}

export interface EventHubOptions {
  db: Db;
  notifier: EventNotifier;
  revocations: RevocationBus;
  logger?: HubLogger;
  /** Reads the log this often even without a signal (a lost Redis message delays, never loses). */
  pollMs?: number;
  /** Rows per read, for the live reader and for replays. */
  batchSize?: number;
  /** Reloads each connected person's read scopes this often (grants have no signal). */
  scopeRefreshMs?: number;
  /** A comment line this often keeps proxies from closing an idle stream and finds dead peers. */
  heartbeatMs?: number;
  /** Messages waiting for one client before it counts as stalled and is closed. */
  maxQueued?: number;
  /** A single write that takes longer than this closes the client (its socket is not read). */
  writeTimeoutMs?: number;
  /** Open streams per person in this process. */
  maxPerUser?: number;
  /** The reconnection delay suggested to clients (`retry:`); spread so a restart is not a stampede. */
  retryMs?: () => number;
  now?: () => Date;
}

/** Where a stream writes; the HTTP layer provides it. */
export interface StreamSink {
  /** Writes a chunk; resolves when the transport took it (this is the backpressure). */
  write(chunk: string): Promise<void>;
  /** Ends the response at once, dropping whatever is still buffered. */
  close(): void;
}

/** Why a stream ended (for logs and tests). */
export type CloseReason = "client" | "stalled" | "server" | "error" | "ended";

/** Per-stream options of `admit`. */
export interface AdmitOptions {
  /**
   * Is the stream's session still valid? Asked every `scopeRefreshMs`: a stream outlives no
   * sign-out, password change or account deletion by more than that.
   */
  verify?: () => Promise<boolean>;
}

/** One admitted stream: `serve` runs it until it ends; `close` ends it. */
export interface StreamTicket {
  readonly userId: string;
  /** Runs the stream (replay, then live) until it is closed; never throws. */
  serve(sink: StreamSink): Promise<CloseReason>;
  close(reason?: CloseReason): void;
}

type QueueItem = { kind: "row"; row: HubRow } | { kind: "heartbeat"; upTo: bigint };

/** A row as read once for all clients, with its message prepared once. */
interface HubRow extends EventRow {
  seq: bigint;
  message: string | undefined;
}

const DEFAULTS = {
  pollMs: 2_000,
  batchSize: 500,
  scopeRefreshMs: 30_000,
  heartbeatMs: 25_000,
  maxQueued: 2_000,
  writeTimeoutMs: 30_000,
  maxPerUser: 10,
};

function toHubRow(row: EventRow): HubRow {
  const envelope = envelopeOf(row);
  return { ...row, id: String(row.id), seq: BigInt(row.id), message: eventMessage(envelope) };
}

async function readAfter(db: Db, after: bigint, limit: number): Promise<HubRow[]> {
  const rows = await db
    .selectFrom("events")
    .selectAll()
    .where("id", ">", String(after))
    .orderBy("id", "asc")
    .limit(limit)
    .execute();
  return (rows as EventRow[]).map(toHubRow);
}

async function newestId(db: Db): Promise<bigint> {
  const row = await db.selectFrom("events").select("id").orderBy("id", "desc").limit(1).executeTakeFirst();
  return row ? BigInt(row.id) : 0n;
}

/** A connected person's read scopes, shared by their streams in this process. */
class Reader {
  scopes: ReadScopes | undefined;
  loadedAt = 0;
  readonly connections = new Set<Connection>();
  private loading: Promise<void> | undefined;
  private again = false;

  constructor(
    readonly userId: string,
    private readonly hub: EventHub,
  ) {}

  /** Resolves once the scopes are current (after any reload in flight). */
  async ready(): Promise<ReadScopes> {
    if (!this.scopes && !this.loading) {
      this.reload();
    }
    while (this.loading) {
      await this.loading;
    }
    if (!this.scopes) {
      throw new Error("the read scopes could not be loaded");
    }
    return this.scopes;
  }

  /** Loads the scopes again; a reload asked for while one runs runs once more after it. */
  reload(): void {
    if (this.loading) {
      this.again = true;
      return;
    }
    this.loading = (async () => {
      try {
        do {
          this.again = false;
          this.scopes = await loadReadScopes(this.hub.db, this.userId);
          this.loadedAt = Date.now();
        } while (this.again);
      } catch (err) {
        // unsure what they may read: close their streams; they reconnect and load afresh
        this.scopes = undefined;
        this.hub.log("error", { err, userId: this.userId }, "loading read scopes failed");
        for (const c of this.connections) {
          c.close("error");
        }
      } finally {
        this.loading = undefined;
      }
    })();
  }

  get reloading(): boolean {
    return this.loading !== undefined;
  }
}

class Connection implements StreamTicket {
  private readonly queue: QueueItem[] = [];
  private wake: (() => void) | undefined;
  private sink: StreamSink | undefined;
  private closedReason: CloseReason | undefined;
  private readonly closedSignal: Promise<void>;
  private signalClosed!: () => void;
  /** Every row up to here was sent or is not for this client. */
  private cursor = 0n;
  /** The last id written in an `id:` field (what the client will resume from). */
  private told: bigint | undefined;
  private released = false;
  reader: Reader | undefined;
  private verifiedAt = Date.now();
  private verifying = false;

  constructor(
    readonly userId: string,
    private readonly after: string | null,
    private readonly hub: EventHub,
    private readonly verify: (() => Promise<boolean>) | undefined,
  ) {
    this.closedSignal = new Promise((resolve) => {
      this.signalClosed = resolve;
    });
  }

  get closed(): boolean {
    return this.closedReason !== undefined;
  }

  /** Called by the hub's reader for each row this client may read (checked again on write). */
  push(item: QueueItem): void {
    if (this.closed) {
      return;
    }
    if (this.queue.length >= this.hub.options.maxQueued) {
      this.hub.log("warn", { userId: this.userId, queued: this.queue.length }, "event stream stalled");
      this.close("stalled");
      return;
    }
    this.queue.push(item);
    this.wake?.();
  }

  close(reason: CloseReason = "server"): void {
    if (this.closed) {
      return;
    }
    this.closedReason = reason;
    this.signalClosed();
    this.wake?.();
    if (reason === "stalled" || reason === "error" || reason === "ended") {
      // drop the socket at once: a graceful end would wait for a client that does not read
      this.sink?.close();
    }
  }

  async serve(sink: StreamSink): Promise<CloseReason> {
    this.sink = sink;
    try {
      if (!this.closed) {
        await this.run();
      }
    } catch (err) {
      if (!this.closed) {
        this.hub.log("error", { err, userId: this.userId }, "event stream failed");
        this.close("error");
      }
    } finally {
      this.close("server");
      this.release();
    }
    return this.closedReason ?? "server";
  }

  /** Checks the session again when it is due; closes the stream when it ended. */
  verifyIfDue(due: number): void {
    if (!this.verify || this.verifying || this.verifiedAt >= due || this.closed) {
      return;
    }
    this.verifying = true;
    this.verify()
      .then((valid) => {
        this.verifiedAt = Date.now();
        if (!valid) {
          this.close("ended");
        }
      })
      .catch((err: unknown) => {
        this.hub.log("warn", { err, userId: this.userId }, "checking an event stream's session failed");
      })
      .finally(() => {
        this.verifying = false;
      });
  }

  /** Gives the admission back (exactly once). */
  release(): void {
    if (this.released) {
      return;
    }
    this.released = true;
    this.hub.unregister(this);
  }

  private async run(): Promise<void> {
    await this.hub.ensureStarted();
    if (this.closed) {
      return;
    }
    const reader = this.hub.register(this);
    await reader.ready();
    // registered before reading the log: rows committed from now on reach the queue
    await this.write(positionMessage(undefined, this.hub.options.retryMs()));
    const after = this.after === null ? undefined : parseEventId(this.after);
    if (this.after === null) {
      this.cursor = await newestId(this.hub.db);
      await this.tell(this.cursor);
    } else if (after === undefined || mustReset(after, await logPosition(this.hub.db))) {
      await this.reset();
    } else {
      this.cursor = after;
      this.told = after;
      await this.replay(reader);
      // retention may have cut the log while we read it
      if (mustReset(after, await logPosition(this.hub.db)) && !this.closed) {
        await this.reset();
      }
    }
    await this.live(reader);
  }

  /** Tells the client it missed events for good, and resumes it from the log's end. */
  private async reset(): Promise<void> {
    this.cursor = await newestId(this.hub.db);
    const envelope: LiveEvent = {
      id: String(this.cursor),
      at: this.hub.options.now().toISOString(),
      actorId: null,
      type: "stream.reset",
      data: {},
    };
    await this.write(eventMessage(envelope) ?? "");
    this.told = this.cursor;
  }

  private async replay(reader: Reader): Promise<void> {
    for (;;) {
      const rows = await readAfter(this.hub.db, this.cursor, this.hub.options.batchSize);
      for (const row of rows) {
        if (this.closed) {
          return;
        }
        await this.send(reader, row);
      }
      if (rows.length < this.hub.options.batchSize || this.closed) {
        break;
      }
    }
    if (this.told === undefined || this.cursor > this.told) {
      await this.tell(this.cursor);
    }
  }

  private async live(reader: Reader): Promise<void> {
    while (!this.closed) {
      const item = this.queue.shift();
      if (!item) {
        await new Promise<void>((resolve) => {
          this.wake = resolve;
        });
        this.wake = undefined;
        continue;
      }
      if (item.kind === "row") {
        await this.send(reader, item.row);
      } else {
        // every row up to `upTo` was handed out before this heartbeat was queued
        const move = item.upTo > this.cursor;
        if (move) {
          this.cursor = item.upTo;
        }
        const tell = this.told === undefined || this.cursor > this.told;
        await this.write(heartbeatMessage(tell ? this.cursor : undefined));
        if (tell) {
          this.told = this.cursor;
        }
      }
    }
  }

  /** Sends a row if it is new for this client and readable now. */
  private async send(reader: Reader, row: HubRow): Promise<void> {
    if (row.seq <= this.cursor) {
      return;
    }
    const scopes = reader.reloading ? await reader.ready() : (reader.scopes ?? (await reader.ready()));
    if (this.closed) {
      return;
    }
    this.cursor = row.seq;
    if (row.message && mayReceive(scopes, this.userId, row)) {
      await this.write(row.message);
      this.told = row.seq;
    }
  }

  private async tell(id: bigint): Promise<void> {
    await this.write(positionMessage(id));
    this.told = id;
  }

  /** Writes, but gives up (closing the client) when the transport does not take it in time. */
  private async write(chunk: string): Promise<void> {
    const sink = this.sink;
    if (this.closed || !sink) {
      return;
    }
    let timer: ReturnType<typeof setTimeout> | undefined;
    const stalled = new Promise<void>((resolve) => {
      timer = setTimeout(() => {
        this.hub.log("warn", { userId: this.userId }, "event stream write stalled");
        this.close("stalled");
        resolve();
      }, this.hub.options.writeTimeoutMs);
    });
    try {
      await Promise.race([sink.write(chunk), stalled, this.closedSignal]);
    } finally {
      clearTimeout(timer);
    }
  }
}

type ResolvedOptions = Required<Omit<EventHubOptions, "db" | "notifier" | "revocations" | "logger">>;

/** The process's live event hub (see the module comment). */
export class EventHub {
  readonly db: Db;
  readonly options: ResolvedOptions;
  private readonly notifier: EventNotifier;
  private readonly revocations: RevocationBus;
  private readonly logger: HubLogger | undefined;
  private readonly readers = new Map<string, Reader>();
  /** Admitted streams per person (registered or about to be). */
  private readonly admitted = new Map<string, Set<Connection>>();
  private admittedCount = 0;
  private closedForGood = false;

  private starting: Promise<void> | undefined;
  private running = false;
  private generation = 0;
  /** Every row up to here was read and handed out. */
  private last = 0n;
  private pumping = false;
  private pumpAgain = false;
  private stopFns: (() => void)[] = [];

  constructor(options: EventHubOptions) {
    this.db = options.db;
    this.notifier = options.notifier;
    this.revocations = options.revocations;
    this.logger = options.logger;
    this.options = {
      pollMs: options.pollMs ?? DEFAULTS.pollMs,
      batchSize: options.batchSize ?? DEFAULTS.batchSize,
      scopeRefreshMs: options.scopeRefreshMs ?? DEFAULTS.scopeRefreshMs,
      heartbeatMs: options.heartbeatMs ?? DEFAULTS.heartbeatMs,
      maxQueued: options.maxQueued ?? DEFAULTS.maxQueued,
      writeTimeoutMs: options.writeTimeoutMs ?? DEFAULTS.writeTimeoutMs,
      maxPerUser: options.maxPerUser ?? DEFAULTS.maxPerUser,
      retryMs: options.retryMs ?? (() => 2_000 + Math.floor(Math.random() * 3_000)),
      now: options.now ?? (() => new Date()),
    };
  }

  /**
   * Admits a stream for `userId` resuming after `lastEventId` (null: from now on). Answers
   * "too_many" when the person has `maxPerUser` streams open here, "closed" once the hub closed.
   */
  admit(
    userId: string,
    lastEventId: string | null,
    options: AdmitOptions = {},
  ): StreamTicket | "too_many" | "closed" {
    if (this.closedForGood) {
      return "closed";
    }
    const mine = this.admitted.get(userId) ?? new Set<Connection>();
    if (mine.size >= this.options.maxPerUser) {
      return "too_many";
    }
    const connection = new Connection(userId, lastEventId, this, options.verify);
    mine.add(connection);
    this.admitted.set(userId, mine);
    this.admittedCount++;
    return connection;
  }

  /** Open streams (for tests and metrics). */
  get size(): number {
    return this.admittedCount;
  }

  /** Ends every stream and stops reading; clients reconnect elsewhere (or here after a restart). */
  async close(): Promise<void> {
    this.closedForGood = true;
    for (const set of this.admitted.values()) {
      for (const c of set) {
        c.close("server");
      }
    }
    this.stop();
  }

  /** @internal */
  log(level: "warn" | "error", obj: object, msg: string): void {
    this.logger?.[level](obj, msg);
  }

  /** @internal Starts the reader (once) at the log's current end. */
  ensureStarted(): Promise<void> {
    if (this.closedForGood) {
      return Promise.resolve();
    }
    if (!this.starting) {
      const generation = ++this.generation;
      this.starting = (async () => {
        const last = await newestId(this.db);
        if (generation !== this.generation) {
          return;
        }
        this.last = last;
        this.running = true;
        this.stopFns.push(this.notifier.subscribe(() => void this.pump()));
        this.stopFns.push(this.revocations.subscribe((r) => this.onRevocation(r.userId, r.scope)));
        const poll = setInterval(() => {
          void this.pump();
          this.refreshOldScopes();
        }, this.options.pollMs);
        const beat = setInterval(() => this.heartbeat(), this.options.heartbeatMs);
        poll.unref?.();
        beat.unref?.();
        this.stopFns.push(() => clearInterval(poll));
        this.stopFns.push(() => clearInterval(beat));
      })();
      this.starting.catch(() => {
        if (generation === this.generation) {
          this.starting = undefined;
        }
      });
    }
    return this.starting;
  }

  /** @internal The connection receives live rows from now on. */
  register(connection: Connection): Reader {
    let reader = this.readers.get(connection.userId);
    if (!reader) {
      reader = new Reader(connection.userId, this);
      this.readers.set(connection.userId, reader);
    }
    reader.connections.add(connection);
    connection.reader = reader;
    return reader;
  }

  /** @internal */
  unregister(connection: Connection): void {
    const mine = this.admitted.get(connection.userId);
    if (mine?.delete(connection)) {
      this.admittedCount--;
      if (mine.size === 0) {
        this.admitted.delete(connection.userId);
      }
    }
    const reader = connection.reader;
    if (reader) {
      reader.connections.delete(connection);
      if (reader.connections.size === 0 && this.readers.get(reader.userId) === reader) {
        this.readers.delete(reader.userId);
      }
    }
    if (this.admittedCount === 0) {
      this.stop();
    }
  }

  private stop(): void {
    this.generation++;
    this.starting = undefined;
    this.running = false;
    for (const fn of this.stopFns.splice(0)) {
      fn();
    }
  }

  /** Reads what is new in the log and hands it out; one read at a time, repeated if woken meanwhile. */
  private async pump(): Promise<void> {
    if (!this.running) {
      return;
    }
    if (this.pumping) {
      this.pumpAgain = true;
      return;
    }
    this.pumping = true;
    const generation = this.generation;
    try {
      do {
        this.pumpAgain = false;
        for (;;) {
          const rows = await readAfter(this.db, this.last, this.options.batchSize);
          if (generation !== this.generation) {
            return;
          }
          for (const row of rows) {
            this.dispatch(row);
            this.last = row.seq;
          }
          if (rows.length < this.options.batchSize) {
            break;
          }
        }
      } while (this.pumpAgain);
    } catch (err) {
      this.log("error", { err }, "reading the event log failed; retrying on the next signal");
    } finally {
      this.pumping = false;
      if (this.pumpAgain && generation !== this.generation) {
        // woken for a restarted reader while this one was ending
        void this.pump();
      }
    }
  }

  private dispatch(row: HubRow): void {
    if (!row.message) {
      return;
    }
    for (const reader of this.readers.values()) {
      // while scopes reload, queue by the old ones: every row is checked again before it is written
      if (reader.scopes && !reader.reloading && !mayReceive(reader.scopes, reader.userId, row)) {
        continue;
      }
      for (const c of reader.connections) {
        c.push({ kind: "row", row });
      }
    }
  }

  private heartbeat(): void {
    for (const reader of this.readers.values()) {
      for (const c of reader.connections) {
        c.push({ kind: "heartbeat", upTo: this.last });
      }
    }
  }

  private onRevocation(userId: string, scope: { kind: string; id: string }): void {
    if (userId !== "*") {
      this.readers.get(userId)?.reload();
      return;
    }
    for (const reader of this.readers.values()) {
      if (reader.scopes && touchesScopes(reader.scopes, scope.kind, scope.id)) {
        reader.reload();
      }
    }
  }

  /** Reloads every connected person's scopes and checks every stream's session now. */
  checkAccessNow(): void {
    for (const reader of this.readers.values()) {
      reader.reload();
      for (const c of reader.connections) {
        c.verifyIfDue(Number.POSITIVE_INFINITY);
      }
    }
  }

  private refreshOldScopes(): void {
    const due = Date.now() - this.options.scopeRefreshMs;
    for (const reader of this.readers.values()) {
      if (!reader.reloading && reader.loadedAt < due) {
        reader.reload();
      }
      for (const c of reader.connections) {
        c.verifyIfDue(due);
      }
    }
  }
}

/** The process's hub, with the defaults described on EventHubOptions. */
export function createEventHub(options: EventHubOptions): EventHub {
  return new EventHub(options);
}
