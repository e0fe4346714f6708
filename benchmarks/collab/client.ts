import * as decoding from "lib0/decoding";
import WebSocket from "ws";
import * as Y from "yjs";
import {
  atomicMax,
  COUNTER_AWARENESS_DELIVERIES,
  COUNTER_EDIT_DELIVERIES,
  COUNTER_UNEXPECTED_CLOSES,
  type Histogram,
  nowMs,
  type SharedTables,
} from "./stats.ts";
import {
  type Dialect,
  DOCUMENT_FRAGMENT,
  Framer,
  HP_AUTH_AUTHENTICATED,
  HP_AUTH_PERMISSION_DENIED,
  MSG_AUTH,
  MSG_AWARENESS,
  MSG_HP_SYNC_REPLY,
  MSG_SAVED,
  MSG_SYNC,
  SYNC_STEP1,
  SYNC_STEP2,
  SYNC_UPDATE,
} from "./wire.ts";

/** Where and how a client connects. */
export interface ClientTarget {
  /** e.g. `ws://127.0.0.1:4000/collab`; the client appends `/<documentName>` and `query`. */
  baseUrl: string;
  query: string;
  dialect: Dialect;
  headers: Record<string, string>;
  /**
   * Whether a measuring client starts its paragraph as soon as it is synced (as an editor does
   * on Enter). False for a relay that keeps no state (the floor): a client that joins later would
   * never get that paragraph, and every edit after it would wait for it forever, as in a Y.Doc; so
   * the paragraph goes with the first keystroke instead (in the warm-up, after everyone joined).
   */
  paragraphOnConnect: boolean;
}

/** Where a client records what it measures (null tables: nothing is tracked). */
export interface Meter {
  tables: SharedTables | null;
  /** Client `i` uses Yjs/awareness client id `clientIdBase + i`. */
  clientIdBase: number;
  edits: Histogram;
  awareness: Histogram;
  durable: Histogram;
  /** Sync and awareness frames received since the measured window started. */
  frames: number;
}

export interface ClientSpec {
  index: number;
  documentName: string;
}

export interface StepTwo {
  at: number;
  payload: Uint8Array;
}

/** A sync step 2 or update as it arrived. */
export interface Arrival {
  sub: number;
  payload: Uint8Array;
  at: number;
}

const LETTERS = "abcdefghijklmnopqrstuvwxyz";
const COLORS = ["#30bced", "#6eeb83", "#ffbc42", "#ecd444", "#ee6352", "#9ac2c9", "#8acb88", "#1be7ff"];

/** Characters in a Tiptap-shaped Y.Doc: the texts inside the fragment's paragraphs. */
export function characterCount(doc: Y.Doc): number {
  let n = 0;
  for (const block of doc.getXmlFragment(DOCUMENT_FRAGMENT).toArray()) {
    if (block instanceof Y.XmlElement) {
      for (const child of block.toArray()) {
        if (child instanceof Y.XmlText) {
          n += child.length;
        }
      }
    }
  }
  return n;
}

/**
 * The last updates whose clock ranges this thread read, with those ranges. A server that merges
 * a turn's updates sends every client the same bytes, so all the clients on a thread would
 * otherwise parse the same update again (500 clients: a sixth of the generator's time).
 */
const recentMeta: Array<{ bytes: Uint8Array; meta: ReturnType<typeof Y.parseUpdateMeta> }> = [];
const RECENT_META = 8;

function updateMeta(update: Uint8Array): ReturnType<typeof Y.parseUpdateMeta> {
  for (const entry of recentMeta) {
    if (entry.bytes.byteLength === update.byteLength && Buffer.compare(entry.bytes, update) === 0) {
      return entry.meta;
    }
  }
  const meta = Y.parseUpdateMeta(update);
  recentMeta.unshift({ bytes: update, meta });
  if (recentMeta.length > RECENT_META) {
    recentMeta.pop();
  }
  return meta;
}

function toBytes(data: WebSocket.RawData): Uint8Array {
  if (Array.isArray(data)) {
    return Buffer.concat(data);
  }
  return data instanceof ArrayBuffer ? new Uint8Array(data) : data;
}

/**
 * A lean simulated editor: a real Y.Doc for its own typing (so every update it sends is a genuine
 * Yjs update with its own client id and clock), y-protocols sync and awareness over `ws`. What it
 * receives is not integrated into its Y.Doc (that would cost the generator N² applies per second
 * on two cores); it reads each update's per-client clock ranges instead and counts an edit as
 * received once everything before it from that sender has arrived too, as a Y.Doc would.
 */
export class SimClient {
  readonly doc = new Y.Doc();
  readonly clientId: number;
  private readonly fragment: Y.XmlFragment;
  /** This client's paragraph's text (created on connect, as pressing Enter would). */
  private line: Y.XmlText | null = null;
  private readonly framer: Framer;
  private ws: WebSocket | null = null;
  private lastUpdate: Uint8Array | null = null;
  /** Characters typed so far. */
  chars = 0;
  private awarenessClock = 0;
  /** Per sender: the clock up to which everything has arrived here. */
  private readonly editSeen: Int32Array;
  private readonly awarenessSeen: Int32Array;
  /** Ranges that arrived ahead of a gap, per sender (kept like Yjs keeps pending structs). */
  private readonly pending = new Map<number, Array<[number, number]>>();
  private readonly ackQueue: number[] = [];
  private acked = 0;
  private stepTwoWaiter: ((s: StepTwo) => void) | null = null;
  private authWaiter: ((ok: boolean) => void) | null = null;
  private closing = false;
  /** When set, every step 2 and update that arrives is kept here (first-sync probes, checks). */
  capture: Arrival[] | null = null;
  open = false;
  closeCode = 0;
  readOnlyToldBy: string | null = null;

  constructor(
    readonly spec: ClientSpec,
    private readonly target: ClientTarget,
    private readonly meter: Meter,
    private readonly clientCount: number,
  ) {
    this.clientId = meter.clientIdBase + spec.index;
    this.doc.clientID = this.clientId;
    this.fragment = this.doc.getXmlFragment(DOCUMENT_FRAGMENT);
    this.framer = new Framer(target.dialect, spec.documentName);
    this.editSeen = new Int32Array(meter.tables ? clientCount : 0);
    this.awarenessSeen = new Int32Array(meter.tables ? clientCount : 0);
    this.doc.on("update", (update: Uint8Array) => {
      this.lastUpdate = update;
    });
  }

  get url(): string {
    return `${this.target.baseUrl}/${this.spec.documentName}${this.target.query}`;
  }

  /**
   * Opens the socket (and, for Hocuspocus, authenticates). With `sync`, it then does what a
   * provider does on open: step 1, its awareness state, and waits for the server's step 2.
   */
  connect(timeoutMs: number, sync: boolean): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      let settled = false;
      const ws = new WebSocket(this.url, {
        headers: this.target.headers,
        perMessageDeflate: false,
        handshakeTimeout: timeoutMs,
        maxPayload: 512 * 1024 * 1024,
      });
      this.ws = ws;
      const timer = setTimeout(() => fail(new Error(`no sync within ${timeoutMs} ms`)), timeoutMs);
      const fail = (err: Error): void => {
        if (settled) {
          return;
        }
        settled = true;
        clearTimeout(timer);
        this.closing = true;
        ws.terminate();
        reject(err);
      };
      const done = (): void => {
        if (settled) {
          return;
        }
        settled = true;
        clearTimeout(timer);
        resolve();
      };
      ws.on("unexpected-response", (_req, res) => fail(new Error(`upgrade refused: HTTP ${res.statusCode}`)));
      ws.on("error", (err: Error) => fail(err));
      ws.on("message", (data) => this.receive(toBytes(data)));
      ws.on("close", (code: number) => {
        this.open = false;
        this.closeCode = code;
        if (!this.closing) {
          if (this.meter.tables) {
            Atomics.add(this.meter.tables.counters, COUNTER_UNEXPECTED_CLOSES, 1);
          }
          fail(new Error(`closed by the server (${code})`));
        }
      });
      ws.on("open", () => {
        this.open = true;
        const afterAuth = (): void => {
          if (!sync) {
            done();
            return;
          }
          this.stepTwoWaiter = () => {
            if (this.meter.tables && this.target.paragraphOnConnect) {
              this.startParagraph();
            }
            done();
          };
          this.send(this.framer.sync(SYNC_STEP1, Y.encodeStateVector(this.doc)));
          this.sendAwareness();
        };
        if (this.target.dialect === "hocuspocus") {
          this.authWaiter = (ok) => (ok ? afterAuth() : fail(new Error("hocuspocus refused the auth")));
          this.send(this.framer.auth());
        } else {
          afterAuth();
        }
      });
    });
  }

  private send(frame: Uint8Array): void {
    if (this.open && this.ws) {
      this.ws.send(frame);
    }
  }

  /** Sends an update-bearing frame and remembers when (for Ensemble's "saved" acks). */
  private sendBearing(frame: Uint8Array, trackedAt: number): void {
    this.send(frame);
    this.ackQueue.push(trackedAt);
  }

  /** This client's Yjs clock: the sequence number of its next struct. */
  get clock(): number {
    return Y.getState(this.doc.store, this.clientId);
  }

  /**
   * Starts this client's own paragraph at the top of the document (a Tiptap document: the
   * `default` fragment holds paragraph elements, each holding a text), and sends it untimed.
   */
  private startParagraph(): Y.XmlText {
    const text = new Y.XmlText();
    const paragraph = new Y.XmlElement("paragraph");
    paragraph.insert(0, [text]);
    this.fragment.insert(0, [paragraph]);
    this.line = text;
    this.flushUpdate(0);
    return text;
  }

  private flushUpdate(trackedAt: number): boolean {
    const update = this.lastUpdate;
    this.lastUpdate = null;
    if (!update) {
      return false;
    }
    this.sendBearing(this.framer.sync(SYNC_UPDATE, update), trackedAt);
    return true;
  }

  /** Types one character at the end of this client's paragraph and sends the update. */
  type(): void {
    if (!this.open) {
      return;
    }
    const line = this.line ?? this.startParagraph();
    const clock = this.clock;
    line.insert(line.length, LETTERS[this.chars % LETTERS.length] ?? "x");
    this.chars++;
    const at = nowMs();
    const tables = this.meter.tables;
    if (tables && clock < tables.editSlots) {
      tables.editSend[this.spec.index * tables.editSlots + clock] = at;
    }
    this.flushUpdate(at);
  }

  /** Types a whole sentence as one update (idle documents: a little content each). */
  typeSentence(sentence: string): void {
    const line = this.line ?? this.startParagraph();
    line.insert(line.length, sentence);
    this.chars += sentence.length;
    this.flushUpdate(0);
  }

  /** Sends a ready-made update (seeding a peer with a long history). */
  pushUpdate(update: Uint8Array): void {
    this.sendBearing(this.framer.sync(SYNC_UPDATE, update), 0);
  }

  /** Sends a new awareness state (name, colour, a moving caret), as a collaboration caret does. */
  sendAwareness(): void {
    if (!this.open) {
      return;
    }
    const clock = ++this.awarenessClock;
    const i = this.spec.index;
    const pos = this.clock;
    const state = `{"user":{"name":"Person ${i}","color":"${COLORS[i % COLORS.length]}"},"cursor":{"anchor":{"type":{"client":${this.clientId},"clock":0},"tname":null,"item":{"client":${this.clientId},"clock":${pos}},"assoc":0},"head":{"type":{"client":${this.clientId},"clock":0},"tname":null,"item":{"client":${this.clientId},"clock":${pos}},"assoc":0}}}`;
    const tables = this.meter.tables;
    if (tables && clock < tables.awarenessSlots) {
      tables.awarenessSend[i * tables.awarenessSlots + clock] = nowMs();
    }
    this.send(this.framer.awareness(this.clientId, clock, state));
  }

  /** Sends step 1 with `stateVector` and resolves with the server's step 2 (first-sync probes). */
  requestSync(stateVector: Uint8Array, timeoutMs: number): Promise<{ ms: number; payload: Uint8Array }> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.stepTwoWaiter = null;
        reject(new Error(`no sync step 2 within ${timeoutMs} ms`));
      }, timeoutMs);
      const sentAt = nowMs();
      this.stepTwoWaiter = (s) => {
        clearTimeout(timer);
        resolve({ ms: s.at - sentAt, payload: s.payload });
      };
      this.send(this.framer.sync(SYNC_STEP1, stateVector));
    });
  }

  /**
   * Sends step 1 with `stateVector` and keeps everything that arrives until the server has been
   * quiet for `quietMs` after its step 2 (a server may send the rest of the state as updates).
   */
  async syncCapture(
    stateVector: Uint8Array,
    quietMs: number,
    timeoutMs: number,
  ): Promise<{ sentAt: number; arrivals: Arrival[] }> {
    const arrivals: Arrival[] = [];
    this.capture = arrivals;
    try {
      const sentAt = nowMs();
      await this.requestSync(stateVector, timeoutMs);
      const end = nowMs() + timeoutMs;
      for (;;) {
        const lastAt = arrivals[arrivals.length - 1]?.at ?? sentAt;
        const wait = lastAt + quietMs - nowMs();
        if (wait <= 0 || nowMs() > end) {
          break;
        }
        await new Promise((r) => setTimeout(r, wait));
      }
      return { sentAt, arrivals };
    } finally {
      this.capture = null;
    }
  }

  /** A round trip after which the server has handled everything sent before it. */
  roundTrip(timeoutMs: number): Promise<void> {
    return this.requestSync(Y.encodeStateVector(this.doc), timeoutMs).then(() => undefined);
  }

  /** Resolves once the server acknowledged as stored everything sent so far (Ensemble only). */
  async allSaved(timeoutMs: number): Promise<boolean> {
    const end = nowMs() + timeoutMs;
    while (this.acked < this.ackQueue.length) {
      if (nowMs() > end || !this.open) {
        return false;
      }
      await new Promise((r) => setTimeout(r, 20));
    }
    return true;
  }

  /** Closes the socket and waits (bounded) for the close handshake. */
  close(timeoutMs = 3000): Promise<void> {
    this.closing = true;
    const ws = this.ws;
    if (!ws || ws.readyState === WebSocket.CLOSED) {
      return Promise.resolve();
    }
    return new Promise<void>((resolve) => {
      const timer = setTimeout(() => {
        ws.terminate();
        resolve();
      }, timeoutMs);
      ws.once("close", () => {
        clearTimeout(timer);
        resolve();
      });
      ws.close(1000);
    });
  }

  private receive(data: Uint8Array): void {
    const at = nowMs();
    const d = decoding.createDecoder(data);
    if (this.target.dialect === "hocuspocus") {
      decoding.readVarUint8Array(d); // the document name
    }
    const type = decoding.readVarUint(d);
    if (type <= MSG_AWARENESS || type === MSG_HP_SYNC_REPLY) {
      if (at >= (this.meter.tables?.measureStart ?? Number.POSITIVE_INFINITY)) {
        this.meter.frames++;
      }
    }
    switch (type) {
      case MSG_SYNC:
      case MSG_HP_SYNC_REPLY: {
        const sub = decoding.readVarUint(d);
        const payload = decoding.readVarUint8Array(d);
        if (sub === SYNC_STEP1) {
          this.sendBearing(this.framer.sync(SYNC_STEP2, Y.encodeStateAsUpdate(this.doc, payload)), 0);
          return;
        }
        this.capture?.push({ sub, payload, at });
        if (sub === SYNC_STEP2 && this.stepTwoWaiter) {
          const waiter = this.stepTwoWaiter;
          this.stepTwoWaiter = null;
          waiter({ at, payload });
        }
        this.trackEdits(payload, at);
        return;
      }
      case MSG_AWARENESS:
        this.trackAwareness(decoding.readVarUint8Array(d), at);
        return;
      case MSG_AUTH: {
        const sub = decoding.readVarUint(d);
        if (this.target.dialect === "hocuspocus") {
          const waiter = this.authWaiter;
          this.authWaiter = null;
          waiter?.(sub === HP_AUTH_AUTHENTICATED);
        } else if (sub === 0 || sub === HP_AUTH_PERMISSION_DENIED) {
          this.readOnlyToldBy = decoding.hasContent(d) ? decoding.readVarString(d) : "permission-denied";
        }
        return;
      }
      case MSG_SAVED: {
        const n = decoding.readVarUint(d);
        const start = this.meter.tables?.measureStart ?? Number.POSITIVE_INFINITY;
        while (this.acked < n && this.acked < this.ackQueue.length) {
          const sentAt = this.ackQueue[this.acked] ?? 0;
          this.acked++;
          if (sentAt > 0 && sentAt >= start) {
            this.meter.durable.add(at - sentAt);
          }
        }
        return;
      }
      default:
        return;
    }
  }

  private trackEdits(update: Uint8Array, at: number): void {
    if (!this.meter.tables) {
      return;
    }
    const { from, to } = updateMeta(update);
    for (const [client, end] of to) {
      const idx = client - this.meter.clientIdBase;
      if (idx < 0 || idx >= this.clientCount || idx === this.spec.index) {
        continue;
      }
      const start = from.get(client) ?? 0;
      const seen = this.editSeen[idx] ?? 0;
      if (start > seen) {
        const list = this.pending.get(idx) ?? [];
        list.push([start, end]);
        this.pending.set(idx, list);
        continue;
      }
      if (end > seen) {
        this.deliver(idx, seen, end, at);
        this.drainPending(idx, at);
      }
    }
  }

  private drainPending(idx: number, at: number): void {
    const list = this.pending.get(idx);
    if (!list) {
      return;
    }
    let progressed = true;
    while (progressed) {
      progressed = false;
      for (let i = 0; i < list.length; i++) {
        const [start, end] = list[i] ?? [0, 0];
        const seen = this.editSeen[idx] ?? 0;
        if (start <= seen) {
          if (end > seen) {
            this.deliver(idx, seen, end, at);
          }
          list.splice(i, 1);
          progressed = true;
          break;
        }
      }
    }
    if (list.length === 0) {
      this.pending.delete(idx);
    }
  }

  private deliver(idx: number, from: number, to: number, at: number): void {
    this.editSeen[idx] = to;
    const tables = this.meter.tables;
    if (!tables) {
      return;
    }
    const slots = tables.editSlots;
    const start = tables.measureStart;
    const last = Math.min(to, slots);
    for (let seq = from; seq < last; seq++) {
      const slot = idx * slots + seq;
      const sentAt = tables.editSend[slot] ?? 0;
      if (sentAt <= 0 || sentAt < start) {
        continue;
      }
      const latency = at - sentAt;
      this.meter.edits.add(latency);
      Atomics.add(tables.editRecv, slot, 1);
      atomicMax(tables.editMaxUs, slot, Math.round(latency * 1000));
      Atomics.add(tables.counters, COUNTER_EDIT_DELIVERIES, 1);
    }
  }

  private trackAwareness(update: Uint8Array, at: number): void {
    const tables = this.meter.tables;
    if (!tables) {
      return;
    }
    const d = decoding.createDecoder(update);
    const count = decoding.readVarUint(d);
    const start = tables.measureStart;
    for (let i = 0; i < count; i++) {
      const id = decoding.readVarUint(d);
      const clock = decoding.readVarUint(d);
      decoding.readVarUint8Array(d); // the state's JSON, not needed
      const idx = id - this.meter.clientIdBase;
      if (idx < 0 || idx >= this.clientCount || idx === this.spec.index) {
        continue;
      }
      if (clock <= (this.awarenessSeen[idx] ?? 0)) {
        continue;
      }
      this.awarenessSeen[idx] = clock;
      if (clock >= tables.awarenessSlots) {
        continue;
      }
      const slot = idx * tables.awarenessSlots + clock;
      const sentAt = tables.awarenessSend[slot] ?? 0;
      if (sentAt <= 0 || sentAt < start) {
        continue;
      }
      const latency = at - sentAt;
      this.meter.awareness.add(latency);
      Atomics.add(tables.awarenessRecv, slot, 1);
      atomicMax(tables.awarenessMaxUs, slot, Math.round(latency * 1000));
      Atomics.add(tables.counters, COUNTER_AWARENESS_DELIVERIES, 1);
    }
  }
}
