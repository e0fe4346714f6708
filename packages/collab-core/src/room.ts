import type { Duplex } from "node:stream";
import * as decoding from "lib0/decoding";
import * as encoding from "lib0/encoding";
import type { WebSocket } from "ws";
import * as Y from "yjs";
import type { CollabIdentity } from "./auth.ts";
import { binaryFrame, type Frame, writeFrames } from "./frame.ts";
import { mergeBounded } from "./merge.ts";
import {
  CloseCode,
  MESSAGE_AUTH,
  MESSAGE_AWARENESS,
  MESSAGE_QUERY_AWARENESS,
  MESSAGE_SAVED,
  MESSAGE_SYNC,
  SYNC_STEP1,
  SYNC_STEP2,
  SYNC_UPDATE,
} from "./protocol.ts";
import { ShapeGuard, type Verdict } from "./shape-guard.ts";
import type { StoredState } from "./storage.ts";
import type { YjsThread } from "./yjs-thread.ts";

/** What a room needs from the server around it. */
export interface RoomHost {
  /** Queue an update for durable storage; `done` runs once it is stored (ok) or dropped. */
  persist(room: Room, update: Uint8Array | null, userId: string | null, done: (ok: boolean) => void): void;
  /** Send an update to the other processes serving this document (Redis), if any. */
  publish(room: Room, update: Uint8Array): void;
  /** The room has no connections left. */
  emptied(room: Room): void;
  maxDocumentBytes: number;
  log: { warn(obj: object, msg: string): void };
  /** Where large documents' edits are judged (see shape-guard.ts), from `threadMinBytes` on. */
  guardThread?: YjsThread | undefined;
  threadMinBytes: number;
  /** Where what a returning client lacks of a large base is worked out (`Y.diffUpdate`). */
  diffThread?: YjsThread | undefined;
}

/** Presence limits per connection: ids it may announce, and the size of one state (JSON text). */
const MAX_AWARENESS_IDS = 8;
const MAX_AWARENESS_STATE = 8 * 1024;
/** A connection with more than this waiting to be sent is not keeping up. */
const MAX_BUFFERED_BYTES = 8 * 1024 * 1024;

/** Tail updates are folded into the middle chunk at this count, the middle into the base at this size. */
const TAIL_FOLD = 128;
const MID_FOLD_MIN_BYTES = 64 * 1024;
/** The longest a busy room holds its next broadcast back (see `flush`). */
const MAX_FLUSH_WAIT_MS = 20;

/** One WebSocket in a room. */
export class Connection {
  /** Update-bearing sync messages received, and how many of them are durably stored. */
  received = 0;
  durable = 0;
  private acked = 0;
  /** Awareness client ids this connection announced (removed when it leaves). */
  readonly awarenessIds = new Set<number>();
  private toldReadOnly = false;
  closed = false;
  /** One of its updates was refused or could not be checked: nothing more of it is taken. */
  discarded = false;

  constructor(
    readonly ws: WebSocket,
    /** The socket under `ws` (its server compresses nothing), for frames made once per broadcast. */
    private readonly socket: Duplex,
    public identity: CollabIdentity,
    /** Send "saved" acknowledgements (the client asked with `?acks=1`). */
    readonly wantsAcks: boolean,
  ) {
    if (ws.extensions !== "") {
      // with compression ws queues its own sends, and frames written straight to the socket
      // could overtake them: the server must not negotiate any extension
      throw new Error(`collab connections take no WebSocket extensions (got "${ws.extensions}")`);
    }
  }

  /** Whether it may be sent to now (open, and reading what it was sent). */
  private writable(): boolean {
    if (this.closed || this.ws.readyState !== this.ws.OPEN) {
      return false;
    }
    if (this.ws.bufferedAmount > MAX_BUFFERED_BYTES) {
      // a reader that does not read must not make us hold everything for it
      this.close(CloseCode.tryAgainLater, "not keeping up");
      return false;
    }
    return true;
  }

  send(message: Uint8Array): void {
    if (this.writable()) {
      // a failed send surfaces as the socket's error and close events, handled by the server
      this.ws.send(message, { binary: true });
    }
  }

  /** Sends frames made once for a whole room, all in one write. */
  sendFrames(frames: readonly Frame[]): void {
    if (frames.length > 0 && this.writable()) {
      writeFrames(this.socket, frames);
    }
  }

  close(code: number, reason: string): void {
    if (this.closed) {
      return;
    }
    this.closed = true;
    try {
      this.ws.close(code, reason);
    } catch {
      this.ws.terminate();
    }
  }

  /** Marks message number `index` stored; acknowledges in order. */
  markDurable(index: number): void {
    if (index > this.durable) {
      this.durable = index;
    }
    if (this.wantsAcks && this.durable > this.acked) {
      this.acked = this.durable;
      const e = encoding.createEncoder();
      encoding.writeVarUint(e, MESSAGE_SAVED);
      encoding.writeVarUint(e, this.acked);
      this.send(encoding.toUint8Array(e));
    }
  }

  /** Tells a read-only client once that its changes are not taken (y-websocket auth message). */
  tellReadOnly(): void {
    if (this.toldReadOnly) {
      return;
    }
    this.toldReadOnly = true;
    const e = encoding.createEncoder();
    encoding.writeVarUint(e, MESSAGE_AUTH);
    encoding.writeVarUint(e, 0); // permission denied
    encoding.writeVarString(e, "read-only");
    this.send(encoding.toUint8Array(e));
  }

  /** Access widened again (e.g. a viewer became editor). */
  allowWrites(): void {
    this.toldReadOnly = false;
  }
}

class MalformedMessage extends Error {}

/** Raises `sv` to cover what `update` holds. */
function addTo(sv: Map<number, number>, update: Uint8Array): void {
  const { to } = Y.parseUpdateMeta(update);
  for (const [client, clock] of to) {
    if ((sv.get(client) ?? 0) < clock) {
      sv.set(client, clock);
    }
  }
}

function syncMessage(type: number, payload: Uint8Array): Uint8Array {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, MESSAGE_SYNC);
  encoding.writeVarUint(e, type);
  encoding.writeVarUint8Array(e, payload);
  return encoding.toUint8Array(e);
}

function isEmptyUpdate(update: Uint8Array): boolean {
  return update.length === 2 && update[0] === 0 && update[1] === 0;
}

/** An update-bearing message waiting for its turn: an update for its verdict, or an acknowledgement. */
interface Waiting {
  conn: Connection;
  index: number;
  update: Uint8Array | null;
  verdict: Verdict | null;
}

/**
 * One document being edited in this process. It keeps the document as Yjs update bytes, never as
 * a Y.Doc: a base (the stored snapshot), a merged middle and a short tail of recent updates, plus
 * the state vector. A new client gets those bytes as they are; a returning one gets
 * `Y.diffUpdate` of them. So a document with a long history opens as fast as a fresh one, and an
 * idle room costs little more than its bytes. Updates arriving in one turn of the event loop are
 * merged and broadcast once.
 */
export class Room {
  readonly connections = new Set<Connection>();
  private base: Uint8Array;
  /**
   * The base as a whole step-2 message, made for the first new client after the base changed and
   * sent as it is to the next ones (a 5.6 MB base was copied twice per new client, 35–40 ms of CPU
   * and garbage). The base is then a view into it, so the bytes are held once.
   */
  private baseStep2: Uint8Array | null = null;
  /** The base's state vector, and a count that changes whenever the base does. */
  private readonly baseSv = new Map<number, number>();
  private baseVersion = 0;
  /**
   * For a returning client holding every struct up to the base's state vector (a browser that
   * kept the document): what it lacks of the base is then the same for all of them — the base's
   * delete set, plus any structs past a gap in a client's clocks — worked out once per base. A
   * 5.6 MB base took 70–100 ms of `Y.diffUpdate` per returning client on the event loop.
   */
  private baseDeletes: { version: number; update: Promise<Uint8Array> } | null = null;
  private mid: Uint8Array | null = null;
  private tail: Uint8Array[] = [];
  private bytes: number;
  private readonly sv = new Map<number, number>();
  /** Awareness: client id → last clock and state (JSON text; "null" once gone). */
  private readonly awareness = new Map<number, { clock: number; state: string }>();
  /** Which connection announced each awareness id: only it may change or remove it. */
  private readonly awarenessOwner = new Map<number, Connection>();
  private pendingUpdates: Uint8Array[] = [];
  private pendingUpdateOrigins = new Set<Connection | null>();
  private pendingAwareness = new Set<number>();
  private pendingAwarenessOrigins = new Set<Connection>();
  private flushScheduled = false;
  /** A busy room's next broadcast waits until then (`performance.now()`), see `flush`. */
  private nextFlushAt = 0;
  /**
   * Update-bearing messages in arrival order while edits are judged in the guard thread: each is
   * acted on (stored, broadcast, acknowledged, or refused) only once it and all before it are
   * judged, so order per connection and the "saved" counts hold.
   */
  private waiting: Waiting[] = [];
  private waitingBytes = 0;
  private settledWaiters: Array<() => void> = [];
  /** Updates of this room not yet stored (including those waiting for a verdict). */
  pendingWrites = 0;
  /** Logged updates since the last compaction (this process's count). */
  uncompacted = 0;
  lastActivity = Date.now();
  /** Checks that edits fit a Tiptap document before they are stored or passed on. */
  readonly guard: ShapeGuard;

  constructor(
    readonly documentId: string,
    readonly projectId: string,
    stored: StoredState,
    private readonly host: RoomHost,
  ) {
    this.base = stored.snapshot ?? Y.encodeStateAsUpdate(new Y.Doc());
    this.bytes = this.base.byteLength;
    if (stored.snapshot && stored.stateVector) {
      // stored with the snapshot: a large document opens without parsing its state
      for (const [client, clock] of Y.decodeStateVector(stored.stateVector)) {
        this.baseSv.set(client, clock);
      }
    } else {
      addTo(this.baseSv, this.base);
    }
    for (const [client, clock] of this.baseSv) {
      this.sv.set(client, clock);
    }
    // the logged tail (up to ~1,000 updates between compactions) merged in bounded batches: one
    // `Y.mergeUpdates` over all of them grows with the square of the count (500: 7-17 ms here,
    // more on a cold start), and parsing one merged update for the state vector beats parsing each
    const loaded = stored.updates.map((u) => u.data);
    for (const u of loaded) {
      this.bytes += u.byteLength;
    }
    if (loaded.length === 1) {
      this.tail.push(loaded[0] as Uint8Array);
    } else if (loaded.length > 1) {
      this.mid = mergeBounded(loaded);
    }
    for (const part of [...(this.mid ? [this.mid] : []), ...this.tail]) {
      this.addToStateVector(part);
    }
    this.uncompacted = stored.updates.length;
    this.foldMid();
    this.guard = new ShapeGuard({
      currentState: () => [this.base, ...(this.mid ? [this.mid] : []), ...this.tail],
      size: () => this.bytes,
      thread: host.guardThread,
      threadMinBytes: host.threadMinBytes,
    });
  }

  /** The document's size in bytes as held here (not counting duplicates merged away). */
  get size(): number {
    return this.bytes;
  }

  private addToStateVector(update: Uint8Array): void {
    addTo(this.sv, update);
  }

  private foldIfNeeded(): void {
    if (this.tail.length >= TAIL_FOLD) {
      this.foldTail();
    }
  }

  /** Merges the tail into the middle chunk (bounded batches), so what is recent is one update. */
  private foldTail(): void {
    if (this.tail.length === 0 || (this.tail.length === 1 && !this.mid)) {
      return;
    }
    this.mid = mergeBounded(this.mid ? [this.mid, ...this.tail] : this.tail);
    this.tail = [];
    this.foldMid();
  }

  private foldMid(): void {
    if (this.mid && this.mid.byteLength >= Math.max(MID_FOLD_MIN_BYTES, this.base.byteLength / 4)) {
      addTo(this.baseSv, this.mid);
      this.base = Y.mergeUpdates([this.base, this.mid]);
      this.baseStep2 = null;
      this.baseVersion++;
      this.mid = null;
    }
  }

  /** Everything held, merged into one update (for compaction in memory and tests). */
  state(): Uint8Array {
    const parts = [this.base, ...(this.mid ? [this.mid] : []), ...this.tail];
    return parts.length === 1 ? this.base : Y.mergeUpdates(parts);
  }

  /** A client joined: it gets our state vector, then (on its step 1) what it lacks; and who is here. */
  join(conn: Connection): void {
    this.connections.add(conn);
    this.lastActivity = Date.now();
    conn.send(syncMessage(SYNC_STEP1, Y.encodeStateVector(this.sv)));
    const states = this.awarenessUpdate([...this.awareness.keys()].filter((id) => this.isPresent(id)));
    if (states) {
      conn.send(states);
    }
  }

  /** A client left: its awareness states are removed for everyone. */
  leave(conn: Connection): void {
    if (!this.connections.delete(conn)) {
      return;
    }
    for (const id of conn.awarenessIds) {
      const entry = this.awareness.get(id);
      if (entry) {
        this.awareness.set(id, { clock: entry.clock + 1, state: "null" });
        this.pendingAwareness.add(id);
      }
      this.awarenessOwner.delete(id);
    }
    this.scheduleFlush();
    if (this.connections.size === 0) {
      this.host.emptied(this);
    }
  }

  private isPresent(id: number): boolean {
    return this.awareness.get(id)?.state !== "null";
  }

  /** Handles one frame from a client. A frame we cannot read closes only that connection. */
  receive(conn: Connection, frame: Uint8Array): void {
    this.lastActivity = Date.now();
    try {
      this.dispatch(conn, frame);
    } catch (err) {
      const reason = err instanceof MalformedMessage ? err.message : "unreadable message";
      conn.close(CloseCode.malformed, reason);
    }
  }

  private dispatch(conn: Connection, frame: Uint8Array): void {
    const d = decoding.createDecoder(frame);
    const type = decoding.readVarUint(d);
    switch (type) {
      case MESSAGE_SYNC: {
        const sub = decoding.readVarUint(d);
        const payload = decoding.readVarUint8Array(d);
        if (sub === SYNC_STEP1) {
          this.answerStep1(conn, payload);
        } else if (sub === SYNC_STEP2 || sub === SYNC_UPDATE) {
          this.receiveUpdate(conn, payload);
        } else {
          throw new MalformedMessage("unknown sync message");
        }
        return;
      }
      case MESSAGE_AWARENESS:
        this.receiveAwareness(conn, decoding.readVarUint8Array(d));
        return;
      case MESSAGE_QUERY_AWARENESS: {
        const all = this.awarenessUpdate([...this.awareness.keys()].filter((id) => this.isPresent(id)));
        if (all) {
          conn.send(all);
        }
        return;
      }
      case MESSAGE_AUTH:
        return;
      default:
        throw new MalformedMessage("unknown message type");
    }
  }

  private answerStep1(conn: Connection, encodedSv: Uint8Array): void {
    const sv = Y.decodeStateVector(encodedSv);
    // what is recent as one update (merged once, kept for the next client)
    this.foldTail();
    const recent = this.mid ?? this.tail[0] ?? null;
    // The recent part goes first, as an update, and the base last, as step 2: a client counts
    // itself synced at step 2, and by then it holds everything (Yjs keeps the recent structs
    // pending until the base they build on arrives). The large base is never merged on this path.
    if (sv.size === 0) {
      // a new client: the stored bytes as they are (no Y.Doc, no re-encoding)
      if (recent) {
        conn.send(syncMessage(SYNC_UPDATE, recent));
      }
      conn.send(this.baseAsStep2());
      return;
    }
    if (recent) {
      const diff = Y.diffUpdate(recent, encodedSv);
      if (!isEmptyUpdate(diff)) {
        conn.send(syncMessage(SYNC_UPDATE, diff));
      }
    }
    const hasBase = [...this.baseSv].every(([client, clock]) => (sv.get(client) ?? 0) >= clock);
    const step2 = hasBase ? this.deletesOfBase() : this.diffBase(encodedSv);
    if (step2 instanceof Uint8Array) {
      conn.send(syncMessage(SYNC_STEP2, step2));
      return;
    }
    // worked out in the thread: meanwhile the client gets what happens (it joined), and its
    // step 2 then completes it
    void step2.then(
      (update) => conn.send(syncMessage(SYNC_STEP2, update)),
      // neither the thread nor this thread could read the base: that client cannot sync now
      () => conn.close(CloseCode.tryAgainLater, "the document could not be sent; try again"),
    );
  }

  /** Is the base large enough that what a client lacks of it is worked out in the thread? */
  private get baseInThread(): boolean {
    return this.host.diffThread !== undefined && this.base.byteLength >= this.host.threadMinBytes;
  }

  /** What of the base a client with `encodedSv` lacks: here when small, in the thread when large. */
  private diffBase(encodedSv: Uint8Array): Uint8Array | Promise<Uint8Array> {
    const base = this.base;
    if (!this.baseInThread || !this.host.diffThread) {
      return Y.diffUpdate(base, encodedSv);
    }
    // a thread that died is started again once (every diff it held would otherwise fall back
    // here at once); failing again costs the stall it was to spare, never the client's sync
    const thread = this.host.diffThread;
    return thread
      .diff(base, encodedSv)
      .catch(() => thread.diff(base, encodedSv))
      .catch(() => Y.diffUpdate(base, encodedSv));
  }

  /** What a client holding the base's state vector lacks of the base (its delete set, mostly), cached. */
  private deletesOfBase(): Uint8Array | Promise<Uint8Array> {
    if (!this.baseInThread) {
      return Y.diffUpdate(this.base, Y.encodeStateVector(this.baseSv));
    }
    if (this.baseDeletes?.version !== this.baseVersion) {
      this.baseDeletes = {
        version: this.baseVersion,
        update: this.diffBase(Y.encodeStateVector(this.baseSv)) as Promise<Uint8Array>,
      };
    }
    return this.baseDeletes.update;
  }

  private baseAsStep2(): Uint8Array {
    if (!this.baseStep2) {
      const message = syncMessage(SYNC_STEP2, this.base);
      this.baseStep2 = message;
      this.base = message.subarray(message.byteLength - this.base.byteLength);
    }
    return this.baseStep2;
  }

  private receiveUpdate(conn: Connection, update: Uint8Array): void {
    if (conn.discarded) {
      return;
    }
    const index = ++conn.received;
    if (!conn.identity.canEdit) {
      conn.tellReadOnly();
      this.ackInOrder(conn, index);
      return;
    }
    if (isEmptyUpdate(update)) {
      this.ackInOrder(conn, index);
      return;
    }
    try {
      Y.decodeUpdate(update);
    } catch {
      throw new MalformedMessage("unreadable update");
    }
    if (this.bytes + this.waitingBytes + update.byteLength > this.host.maxDocumentBytes) {
      conn.close(CloseCode.documentTooLarge, "document too large");
      return;
    }
    this.pendingWrites++;
    if (this.waiting.length > 0 || this.guard.usesThread) {
      const entry: Waiting = { conn, index, update, verdict: null };
      this.waiting.push(entry);
      this.waitingBytes += update.byteLength;
      this.guard.check(update, (verdict) => {
        entry.verdict = verdict;
        this.actOnVerdicts();
      });
      return;
    }
    if (!this.guard.accept(update)) {
      this.pendingWrites--;
      conn.discarded = true;
      throw new MalformedMessage("update does not fit the document");
    }
    this.store(conn, index, update);
  }

  /** Stores, applies and passes on an accepted update (counted in `pendingWrites` already). */
  private store(conn: Connection, index: number, update: Uint8Array): void {
    this.apply(update, conn);
    this.host.persist(this, update, conn.identity.userId, (ok) => {
      this.pendingWrites--;
      if (ok) {
        this.uncompacted++;
      }
      conn.markDurable(index);
    });
    this.host.publish(this, update);
  }

  /** Acts on the judged messages at the head of the queue, in arrival order. */
  private actOnVerdicts(): void {
    while (this.waiting.length > 0) {
      const entry = this.waiting[0] as Waiting;
      if (entry.verdict === null) {
        break;
      }
      this.waiting.shift();
      const { conn, index, update } = entry;
      if (update === null) {
        if (!conn.discarded) {
          this.ackNow(conn, index);
        }
        continue;
      }
      this.waitingBytes -= update.byteLength;
      if (entry.verdict === "ok" && !conn.discarded) {
        this.store(conn, index, update);
        continue;
      }
      this.pendingWrites--;
      if (conn.discarded) {
        continue;
      }
      // what it sent after this may build on it: none of it is taken (the client resends on reconnect)
      conn.discarded = true;
      if (entry.verdict === "refused") {
        conn.close(CloseCode.malformed, "update does not fit the document");
      } else {
        conn.close(CloseCode.tryAgainLater, "the update could not be checked; send it again");
      }
    }
    if (this.waiting.length === 0) {
      for (const resolve of this.settledWaiters.splice(0)) {
        resolve();
      }
    }
  }

  /** Resolves once nothing waits for a verdict (before shutting down: then everything is stored or refused). */
  settled(): Promise<void> {
    if (this.waiting.length === 0) {
      return Promise.resolve();
    }
    return new Promise((resolve) => this.settledWaiters.push(resolve));
  }

  /** An empty update is stored the moment everything before it is. */
  private ackInOrder(conn: Connection, index: number): void {
    if (this.waiting.length > 0) {
      // behind updates still being judged: acknowledged in its turn
      this.waiting.push({ conn, index, update: null, verdict: "ok" });
      return;
    }
    this.ackNow(conn, index);
  }

  private ackNow(conn: Connection, index: number): void {
    if (conn.durable === index - 1) {
      conn.markDurable(index);
      return;
    }
    // something before it is still being written: queue a marker behind it (nothing is stored)
    this.host.persist(this, null, null, () => conn.markDurable(index));
  }

  /** An update from another process (already stored there): apply and pass on, not stored here. */
  receiveRemote(update: Uint8Array): void {
    try {
      Y.decodeUpdate(update);
    } catch {
      return;
    }
    this.guard.follow(update);
    this.apply(update, null);
  }

  private apply(update: Uint8Array, origin: Connection | null): void {
    this.tail.push(update);
    this.bytes += update.byteLength;
    this.addToStateVector(update);
    this.foldIfNeeded();
    this.pendingUpdates.push(update);
    this.pendingUpdateOrigins.add(origin);
    this.scheduleFlush();
  }

  private receiveAwareness(conn: Connection, update: Uint8Array): void {
    const d = decoding.createDecoder(update);
    const count = decoding.readVarUint(d);
    if (count > 1000) {
      throw new MalformedMessage("too many awareness states");
    }
    for (let i = 0; i < count; i++) {
      const clientId = decoding.readVarUint(d);
      const clock = decoding.readVarUint(d);
      const raw = decoding.readVarString(d);
      const owner = this.awarenessOwner.get(clientId);
      if (owner && owner !== conn) {
        continue; // someone else's presence: not this connection's to change or remove
      }
      if (!owner && (raw === "null" || conn.awarenessIds.size >= MAX_AWARENESS_IDS)) {
        continue;
      }
      const current = this.awareness.get(clientId);
      if (current && current.clock > clock) {
        continue;
      }
      const state = raw === "null" ? raw : this.stampIdentity(conn, raw);
      if (state === null) {
        continue;
      }
      this.awareness.set(clientId, { clock, state });
      if (state === "null") {
        conn.awarenessIds.delete(clientId);
        this.awarenessOwner.delete(clientId);
      } else {
        conn.awarenessIds.add(clientId);
        this.awarenessOwner.set(clientId, conn);
      }
      this.pendingAwareness.add(clientId);
    }
    this.pendingAwarenessOrigins.add(conn);
    this.scheduleFlush();
  }

  /**
   * A presence state as others will see it: a JSON object of bounded size whose `user` carries
   * the authenticated person's id and name, whatever the client wrote (no one appears as someone
   * else). Null when the state is not acceptable.
   */
  private stampIdentity(conn: Connection, raw: string): string | null {
    if (raw.length > MAX_AWARENESS_STATE) {
      return null;
    }
    let parsed: unknown;
    try {
      parsed = JSON.parse(raw);
    } catch {
      return null;
    }
    if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) {
      return null;
    }
    const state = parsed as Record<string, unknown>;
    const user = state.user;
    if (typeof user === "object" && user !== null && !Array.isArray(user)) {
      state.user = { ...user, id: conn.identity.userId, name: conn.identity.displayName };
    }
    return JSON.stringify(state);
  }

  private awarenessUpdate(ids: readonly number[]): Uint8Array | null {
    if (ids.length === 0) {
      return null;
    }
    const inner = encoding.createEncoder();
    encoding.writeVarUint(inner, ids.length);
    for (const id of ids) {
      const entry = this.awareness.get(id);
      encoding.writeVarUint(inner, id);
      encoding.writeVarUint(inner, entry?.clock ?? 0);
      encoding.writeVarString(inner, entry?.state ?? "null");
    }
    const e = encoding.createEncoder();
    encoding.writeVarUint(e, MESSAGE_AWARENESS);
    encoding.writeVarUint8Array(e, encoding.toUint8Array(inner));
    return encoding.toUint8Array(e);
  }

  private scheduleFlush(): void {
    if (this.flushScheduled) {
      return;
    }
    this.flushScheduled = true;
    const wait = this.nextFlushAt - performance.now();
    if (wait > 0.5) {
      setTimeout(() => this.flush(), wait);
    } else {
      setImmediate(() => this.flush());
    }
  }

  /**
   * Sends what arrived since the last broadcast: one merged update and one awareness message,
   * each framed once for everyone, and both to a connection in one write (a system call per
   * connection and broadcast is most of a busy room's cost).
   */
  private flush(): void {
    this.flushScheduled = false;
    const started = performance.now();
    let update: Frame | null = null;
    let skip: Connection | null | undefined;
    if (this.pendingUpdates.length > 0) {
      const updates = this.pendingUpdates;
      const origins = this.pendingUpdateOrigins;
      this.pendingUpdates = [];
      this.pendingUpdateOrigins = new Set();
      // bounded batches: a paced broadcast can carry hundreds of updates
      const merged = updates.length === 1 ? (updates[0] as Uint8Array) : mergeBounded(updates);
      update = binaryFrame(syncMessage(SYNC_UPDATE, merged));
      // a lone sender need not hear its own update back; with several, everyone gets the merge
      skip = origins.size === 1 ? [...origins][0] : undefined;
    }
    let awareness: Frame | null = null;
    let gone: number[] = [];
    if (this.pendingAwareness.size > 0) {
      const ids = [...this.pendingAwareness];
      this.pendingAwareness.clear();
      this.pendingAwarenessOrigins.clear();
      const message = this.awarenessUpdate(ids);
      // the sender too: its own echo is what keeps a lone client's connection from timing out
      awareness = message ? binaryFrame(message) : null;
      gone = ids.filter((id) => this.awareness.get(id)?.state === "null");
    }
    if (!update && !awareness) {
      return;
    }
    const everything = [update, awareness].filter((f): f is Frame => f !== null);
    const forSender = awareness ? [awareness] : [];
    for (const conn of this.connections) {
      conn.sendFrames(conn === skip ? forSender : everything);
    }
    for (const id of gone) {
      this.awareness.delete(id);
    }
    // a room spends at most half of its time broadcasting: one whose broadcast took 7 ms (500
    // connections) sends the next no sooner than 7 ms later (never more than MAX_FLUSH_WAIT_MS),
    // with what arrived meanwhile merged into it, instead of one per turn of the event loop,
    // which left the loop little time for anything else; a small room's broadcast takes a
    // fraction of a millisecond and is never held back
    const ended = performance.now();
    this.nextFlushAt = ended + Math.min(ended - started, MAX_FLUSH_WAIT_MS);
  }
}
