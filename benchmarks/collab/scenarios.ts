import * as Y from "yjs";
import { type Arrival, characterCount, type Meter, SimClient } from "./client.ts";
import { Generator } from "./generator.ts";
import type { History } from "./history.ts";
import type { BenchDb } from "./ours-db.ts";
import { keepsDocuments, machineBusyMs, RunningServer, type ServerKind } from "./servers.ts";
import {
  COUNTER_AWARENESS_DELIVERIES,
  COUNTER_EDIT_DELIVERIES,
  COUNTER_UNEXPECTED_CLOSES,
  type DeliverySummary,
  Histogram,
  median,
  nowMs,
  SharedTables,
  sleep,
  summarise,
} from "./stats.ts";
import { SYNC_STEP2 } from "./wire.ts";

/** Client `i` of a run uses Yjs client id `CLIENT_ID_BASE + i`. */
export const CLIENT_ID_BASE = 100_000;
const EMPTY_STATE_VECTOR = Y.encodeStateVector(new Y.Doc());

export interface RunContext {
  db: BenchDb | null;
  workers: number;
  quick: boolean;
  /** Before each load run, wait up to this long for the rest of the machine to be quiet. */
  settleMs: number;
  log: (line: string) => void;
}

/**
 * Waits (at most `maxMs`) for half a second in which the machine's other work used less than a
 * quarter of a core; returns what it used in the last window (% of one core).
 */
async function waitForQuiet(maxMs: number): Promise<number> {
  const end = nowMs() + maxMs;
  let busy = Number.NaN;
  do {
    const before = machineBusyMs();
    const mine = cpuOfThisProcessMs();
    const t = nowMs();
    await sleep(500);
    busy = ((machineBusyMs() - before - (cpuOfThisProcessMs() - mine)) / (nowMs() - t)) * 100;
    if (busy < 25) {
      break;
    }
  } while (nowMs() < end);
  return busy;
}

export interface LoadScenario {
  id: string;
  title: string;
  clients: number;
  editRate: number;
  awarenessRate: number;
  warmupMs: number;
  measureMs: number;
}

export interface LoadResult {
  scenario: LoadScenario;
  server: ServerKind;
  error: string | null;
  connected: number;
  connectFailures: string | null;
  editsSent: number;
  edits: DeliverySummary | null;
  /** Per (update, receiver) pair, over what was delivered. */
  pairP50: number;
  pairP99: number;
  awareness: DeliverySummary | null;
  awarenessPairP99: number;
  /** Ours: update sent → acknowledged as stored (p99). */
  savedP99: number;
  cpuUsPerDelivery: number;
  /** Sync/awareness frames clients received per update sent in the window (fan-out after merging). */
  framesPerUpdate: number;
  cpuPercent: number;
  peakRssMb: number;
  generatorCpuPercent: number;
  /** CPU the rest of the machine used meanwhile (% of one core; 2 cores = 200%). */
  otherCpuPercent: number;
  /** Latest a scheduled send went out (generator overload shows here). */
  sendLateMs: number;
  unexpectedCloses: number;
  converged: string;
}

function cpuOfThisProcessMs(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
}

function emptyMeter(): Meter {
  return {
    tables: null,
    clientIdBase: CLIENT_ID_BASE,
    edits: new Histogram(),
    awareness: new Histogram(),
    durable: new Histogram(),
    frames: 0,
  };
}

/** Whether `doc` holds every client's every character ("yes", or what is missing). */
function holdsEverything(doc: Y.Doc, typed: Map<number, { clock: number; chars: number }>): string {
  let missing = 0;
  let expectedLength = 0;
  for (const [i, { clock, chars }] of typed) {
    expectedLength += chars;
    if (Y.getState(doc.store, CLIENT_ID_BASE + i) !== clock) {
      missing++;
    }
  }
  const length = characterCount(doc);
  if (missing === 0 && length === expectedLength) {
    return "yes";
  }
  return `NO: ${missing} clients' edits incomplete, ${length}/${expectedLength} characters`;
}

/** Reads the whole document through a fresh client and checks every client's edits are in it. */
async function verify(
  server: RunningServer,
  documentName: string,
  typed: Map<number, { clock: number; chars: number }>,
): Promise<string> {
  const client = new SimClient({ index: 1_000_000, documentName }, server.target(), emptyMeter(), 0);
  try {
    await client.connect(30_000, false);
    const { arrivals } = await client.syncCapture(EMPTY_STATE_VECTOR, 300, 60_000);
    const doc = new Y.Doc();
    for (const a of arrivals) {
      Y.applyUpdate(doc, a.payload);
    }
    return holdsEverything(doc, typed);
  } catch (err) {
    return `NO: ${err instanceof Error ? err.message : String(err)}`;
  } finally {
    await client.close();
  }
}

/**
 * For a server that keeps no document (the floor): what an observer, connected before any client,
 * received through the relay, integrated into a Y.Doc, must hold every client's edits. Frames
 * still queued after the drain may arrive later: it waits (bounded) while they keep coming.
 */
async function verifyObserved(
  observer: SimClient,
  typed: Map<number, { clock: number; chars: number }>,
  timeoutMs: number,
): Promise<string> {
  const doc = new Y.Doc();
  const end = nowMs() + timeoutMs;
  let applied = 0;
  let lastProgress = nowMs();
  for (;;) {
    const arrivals = observer.capture ?? [];
    if (arrivals.length > applied) {
      lastProgress = nowMs();
    }
    for (; applied < arrivals.length; applied++) {
      const a = arrivals[applied];
      if (a) {
        Y.applyUpdate(doc, a.payload);
      }
    }
    const verdict = holdsEverything(doc, typed);
    if (verdict === "yes" || nowMs() > end || nowMs() - lastProgress > 3000) {
      return observer.open ? verdict : `${verdict} (the observer was disconnected)`;
    }
    await sleep(200);
  }
}

/** The slowest edits of a run: "<s after start>s#<client>:<ms until everyone had it>" (BENCH_DEBUG). */
function slowest(tables: SharedTables, measureStart: number, count: number): string {
  const rows: Array<[number, string]> = [];
  for (let i = 0; i < tables.editSend.length; i++) {
    const at = tables.editSend[i] ?? 0;
    const us = tables.editMaxUs[i] ?? 0;
    if (at >= measureStart) {
      const when = ((at - measureStart) / 1000).toFixed(3);
      rows.push([us, `${when}s#${Math.floor(i / tables.editSlots)}:${(us / 1000).toFixed(1)}ms`]);
    }
  }
  rows.sort((a, b) => b[0] - a[0]);
  return rows
    .slice(0, count)
    .map((r) => r[1])
    .sort()
    .join(" ");
}

/** Clients typing (and moving carets) at a steady rate on one document. */
export async function runLoad(kind: ServerKind, sc: LoadScenario, ctx: RunContext): Promise<LoadResult> {
  const result: LoadResult = {
    scenario: sc,
    server: kind,
    error: null,
    connected: 0,
    connectFailures: null,
    editsSent: 0,
    edits: null,
    pairP50: Number.NaN,
    pairP99: Number.NaN,
    awareness: null,
    awarenessPairP99: Number.NaN,
    savedP99: Number.NaN,
    cpuUsPerDelivery: Number.NaN,
    framesPerUpdate: Number.NaN,
    cpuPercent: Number.NaN,
    peakRssMb: Number.NaN,
    generatorCpuPercent: Number.NaN,
    otherCpuPercent: Number.NaN,
    sendLateMs: Number.NaN,
    unexpectedCloses: 0,
    converged: "-",
  };
  let server: RunningServer | null = null;
  let observer: SimClient | null = null;
  try {
    if (ctx.settleMs > 0) {
      const busy = await waitForQuiet(ctx.settleMs);
      if (busy >= 25) {
        ctx.log(`  (the machine stayed busy: other work used ${busy.toFixed(0)}% of a core)`);
      }
    }
    server = await RunningServer.start(kind, ctx.db);
    const documentName = await server.newDocument();
    if (!keepsDocuments(kind)) {
      // the relay cannot answer a full sync afterwards: watch the document from the start instead
      observer = new SimClient({ index: 1_000_000, documentName }, server.target(), emptyMeter(), 0);
      await observer.connect(30_000, false);
      observer.capture = [];
    }
    const n = sc.clients;
    const totalMs = sc.warmupMs + sc.measureMs;
    const editSlots = Math.ceil((sc.editRate * totalMs) / 1000) + 6; // + the paragraph and its text
    const awarenessSlots = sc.awarenessRate > 0 ? Math.ceil((sc.awarenessRate * totalMs) / 1000) + 4 : 2;
    const tables = SharedTables.create(n, editSlots, awarenessSlots);
    const specs = Array.from({ length: n }, (_, index) => ({ index, documentName }));
    const generator = Generator.create(server.target(), specs, {
      workers: ctx.workers,
      tables: tables.buffers,
      clientIdBase: CLIENT_ID_BASE,
      connectTimeoutMs: 30_000,
      connectConcurrency: 40,
    });
    try {
      const connected = await generator.connect(180_000);
      result.connected = connected.ok;
      result.connectFailures =
        connected.failed > 0 ? `${connected.failed} failed: ${connected.firstError}` : null;
      if (connected.ok === 0) {
        throw new Error(`no client could connect: ${connected.firstError}`);
      }
      await sleep(ctx.quick ? 500 : 1000);
      const t0 = nowMs() + 100;
      const measureStart = t0 + sc.warmupMs;
      tables.control[0] = measureStart;
      const running = generator.run({
        type: "start",
        t0,
        durationMs: totalMs,
        editRate: sc.editRate,
        awarenessRate: sc.awarenessRate,
      });
      await sleep(Math.max(0, measureStart - nowMs()));
      const cpu0 = server.cpuMs();
      const gen0 = cpuOfThisProcessMs();
      const machine0 = machineBusyMs();
      const wall0 = nowMs();
      const sent = await running;
      result.sendLateMs = sent.lateMs;
      // drain: until everything tracked arrived everywhere, or nothing moved for 2 s (bounded)
      let trackedEdits = 0;
      for (const at of tables.editSend) {
        if (at > 0 && at >= measureStart) {
          trackedEdits++;
        }
      }
      let trackedAwareness = 0;
      for (const at of tables.awarenessSend) {
        if (at > 0 && at >= measureStart) {
          trackedAwareness++;
        }
      }
      const expected = (trackedEdits + trackedAwareness) * (n - 1);
      const drainEnd = nowMs() + (ctx.quick ? 5000 : 10_000);
      let last = -1;
      let lastChange = nowMs();
      for (;;) {
        const got =
          Atomics.load(tables.counters, COUNTER_EDIT_DELIVERIES) +
          Atomics.load(tables.counters, COUNTER_AWARENESS_DELIVERIES);
        if (got >= expected || nowMs() > drainEnd || nowMs() - lastChange > 2000) {
          break;
        }
        if (got !== last) {
          last = got;
          lastChange = nowMs();
        }
        await sleep(50);
      }
      const wall = nowMs() - wall0;
      const cpu = server.cpuMs() - cpu0;
      const gen = cpuOfThisProcessMs() - gen0;
      result.generatorCpuPercent = (gen / wall) * 100;
      result.cpuPercent = (cpu / wall) * 100;
      result.otherCpuPercent = Math.max(0, ((machineBusyMs() - machine0 - cpu - gen) / wall) * 100);
      const report = await generator.report();
      result.unexpectedCloses = Atomics.load(tables.counters, COUNTER_UNEXPECTED_CLOSES);
      result.edits = summarise(tables.editSend, tables.editRecv, tables.editMaxUs, measureStart, n - 1);
      result.editsSent = sent.edits;
      if (process.env.BENCH_DEBUG) {
        ctx.log(`  slowest: ${slowest(tables, measureStart, 40)}`);
      }
      result.pairP50 = report.edits.quantile(0.5);
      result.pairP99 = report.edits.quantile(0.99);
      result.savedP99 = report.durable.quantile(0.99);
      const deliveries = result.edits.deliveries;
      if (sc.awarenessRate > 0) {
        result.awareness = summarise(
          tables.awarenessSend,
          tables.awarenessRecv,
          tables.awarenessMaxUs,
          measureStart,
          n - 1,
        );
        result.awarenessPairP99 = report.awareness.quantile(0.99);
      }
      const allDeliveries = deliveries + (result.awareness?.deliveries ?? 0);
      result.cpuUsPerDelivery = allDeliveries > 0 ? (cpu * 1000) / allDeliveries : Number.NaN;
      const updates = result.edits.tracked + (result.awareness?.tracked ?? 0);
      result.framesPerUpdate = updates > 0 ? report.frames / updates : Number.NaN;
      if (!server.alive) {
        result.converged = `NO: the server exited (${server.exit})`;
      } else if (observer) {
        result.converged = await verifyObserved(observer, report.typed, 60_000);
      } else {
        result.converged = await verify(server, documentName, report.typed);
      }
    } finally {
      await generator.close().catch(() => undefined);
    }
  } catch (err) {
    result.error = err instanceof Error ? err.message : String(err);
    if (server?.printed) {
      result.error += `\n  server output: ${server.printed.slice(-1500)}`;
    }
  } finally {
    await observer?.close();
    if (server) {
      result.peakRssMb = server.memoryKb().peak / 1024;
      if (!server.alive) {
        result.error ??= `the server exited (${server.exit}): ${server.printed.slice(-500)}`;
      }
      await server.stop();
    }
  }
  return result;
}

export interface FirstSyncResult {
  server: ServerKind;
  error: string | null;
  /**
   * Ours: cold opens (the room loaded from the database) of fresh documents stored as a snapshot
   * plus a log of 500 updates, and of the same content stored as one snapshot, alternated.
   */
  coldHistoryMs: number[];
  coldSnapshotMs: number[];
  /** Peers: time to hand them the history (one 5 MB update). */
  seedMs: number;
  /** Until the client holds everything (step 2 and whatever update follows it). */
  newMs: number[];
  returningMs: number[];
  /** Until the step 2 message alone arrived. */
  newStepTwoMs: number[];
  returningStepTwoMs: number[];
  /** Server CPU per new-client sync (ms), from /proc. */
  newCpuMs: number;
  returningCpuMs: number;
  newBytes: number;
  returningBytes: number;
  correct: string;
  /** One client types into the document, another watches: the first edit's latency (a server
   * may need to load something for it), then the median and the worst after the first second. */
  firstEditMs: number;
  editP50Ms: number;
  editMaxMs: number;
  /**
   * Meanwhile, on a small second document on the same server, one client types at 50 Hz and
   * another watches: the median and the worst latency there (a stalled event loop shows here).
   */
  otherDocP50Ms: number;
  otherDocWorstMs: number;
  otherDocEdits: number;
  peakRssMb: number;
}

/** Cold opens of each kind of stored document (ours), for medians. */
export const COLD_OPENS = 9;
/** Typing into the small second document while the large one is edited. */
const OTHER_DOCUMENT_RATE = 50;

interface TypingResult {
  firstMs: number;
  p50Ms: number;
  maxMs: number;
  maxAfterFirstSecondMs: number;
  count: number;
}

/**
 * `typist` types up to `count` characters, `rate` per second, until `stop()` says so (bounded by
 * 30 s); `watcher` records when each arrived. Returns the first edit's latency, the median, the
 * worst, and the worst after the first second.
 */
async function typeAndWatch(
  typist: SimClient,
  watcher: SimClient,
  options: { count: number; rate: number; stop?: () => boolean },
): Promise<TypingResult> {
  const arrivals: Arrival[] = [];
  watcher.capture = arrivals;
  const sent: Array<{ at: number; clock: number }> = [];
  const start = nowMs();
  try {
    for (let i = 0; i < options.count && nowMs() - start < 30_000 && !options.stop?.(); i++) {
      const at = nowMs();
      typist.typeSentence("x");
      sent.push({ at, clock: typist.clock });
      await sleep(Math.max(0, start + ((i + 1) * 1000) / options.rate - nowMs()));
    }
    const settle = nowMs() + 10_000;
    const lastClock = sent[sent.length - 1]?.clock ?? 0;
    const reached = (): number =>
      Math.max(0, ...arrivals.map((a) => Y.parseUpdateMeta(a.payload).to.get(typist.clientId) ?? 0));
    while (nowMs() < settle && reached() < lastClock) {
      await sleep(100);
    }
  } finally {
    watcher.capture = null;
  }
  const ends = arrivals.map((a) => ({
    at: a.at,
    end: Y.parseUpdateMeta(a.payload).to.get(typist.clientId) ?? 0,
  }));
  const latencies = sent.map((s) => ({
    sentAfter: s.at - start,
    ms: (ends.find((e) => e.end >= s.clock)?.at ?? Number.POSITIVE_INFINITY) - s.at,
  }));
  const later = latencies.filter((l) => l.sentAfter > 1000).map((l) => l.ms);
  return {
    firstMs: latencies[0]?.ms ?? Number.NaN,
    p50Ms: median(latencies.map((l) => l.ms)),
    maxMs: latencies.length > 0 ? Math.max(...latencies.map((l) => l.ms)) : Number.NaN,
    maxAfterFirstSecondMs: later.length > 0 ? Math.max(...later) : Number.NaN,
    count: latencies.length,
  };
}

/**
 * When the client held everything `vector` lacked of `fullVector` (ms after `sentAt`), or ∞.
 * Arrivals are in order; the step 2 and any update after it count.
 */
function completedAfter(
  arrivals: readonly Arrival[],
  vector: Uint8Array,
  fullVector: Map<number, number>,
  sentAt: number,
): number {
  const have = Y.decodeStateVector(vector);
  for (const a of arrivals) {
    for (const [id, clock] of Y.parseUpdateMeta(a.payload).to) {
      have.set(id, Math.max(have.get(id) ?? 0, clock));
    }
    if ([...fullVector].every(([id, clock]) => (have.get(id) ?? 0) >= clock)) {
      return a.at - sentAt;
    }
  }
  return Number.POSITIVE_INFINITY;
}

/** A new and a returning client opening a document with a 10^6-edit history. */
export async function runFirstSync(
  kind: ServerKind,
  history: History,
  probes: number,
  ctx: RunContext,
): Promise<FirstSyncResult> {
  const result: FirstSyncResult = {
    server: kind,
    error: null,
    coldHistoryMs: [],
    coldSnapshotMs: [],
    seedMs: Number.NaN,
    newMs: [],
    returningMs: [],
    newStepTwoMs: [],
    returningStepTwoMs: [],
    newCpuMs: Number.NaN,
    returningCpuMs: Number.NaN,
    newBytes: 0,
    returningBytes: 0,
    correct: "-",
    firstEditMs: Number.NaN,
    editP50Ms: Number.NaN,
    editMaxMs: Number.NaN,
    otherDocP50Ms: Number.NaN,
    otherDocWorstMs: Number.NaN,
    otherDocEdits: 0,
    peakRssMb: Number.NaN,
  };
  let server: RunningServer | null = null;
  const open: SimClient[] = [];
  try {
    const s = await RunningServer.start(kind, ctx.db);
    server = s;
    const target = s.target();
    const fullVector = Y.decodeStateVector(Y.encodeStateVectorFromUpdate(history.full));
    let documentName: string;
    // ours: fresh documents for the cold opens, history and one-snapshot alternated A B B A …
    const coldOpens: Array<{ name: string; kind: "history" | "snapshot" }> = [];
    if (ctx.db && kind === "ours") {
      documentName = await ctx.db.historyDocument(history.snapshot, history.tail);
      for (let i = 0; i < COLD_OPENS * 2; i++) {
        const asHistory = i % 4 === 0 || i % 4 === 3;
        coldOpens.push(
          asHistory
            ? { name: await ctx.db.historyDocument(history.snapshot, history.tail), kind: "history" }
            : { name: await ctx.db.snapshotDocument(history.full), kind: "snapshot" },
        );
      }
    } else {
      documentName = await s.newDocument();
    }
    let nextIndex = 0;
    const client = async (name: string): Promise<SimClient> => {
      const c = new SimClient({ index: nextIndex++, documentName: name }, target, emptyMeter(), 0);
      await c.connect(60_000, false);
      return c;
    };
    // the first client keeps the document loaded (ours: its cold open is the untimed warm-up)
    const first = await client(documentName);
    open.push(first);
    if (kind === "ours") {
      await first.syncCapture(EMPTY_STATE_VECTOR, 150, 60_000);
    } else {
      const started = nowMs();
      first.pushUpdate(history.full);
      await first.roundTrip(120_000);
      result.seedMs = nowMs() - started;
    }
    if (ctx.db && kind === "ours") {
      // one untimed cold open of a one-snapshot document too: whatever a process does the first
      // time it loads a room after the warm-up (the first timed open was 400-450 ms every time,
      // against ~200 for the rest) is then not charged to the first kind in the order
      const c = await client(await ctx.db.snapshotDocument(history.full));
      await c.syncCapture(EMPTY_STATE_VECTOR, 150, 60_000);
      await c.close();
      await sleep(100);
    }
    for (const cold of coldOpens) {
      const c = await client(cold.name);
      const { sentAt, arrivals } = await c.syncCapture(EMPTY_STATE_VECTOR, 150, 60_000);
      await c.close();
      const took = completedAfter(arrivals, EMPTY_STATE_VECTOR, fullVector, sentAt);
      (cold.kind === "history" ? result.coldHistoryMs : result.coldSnapshotMs).push(took);
      await sleep(100);
    }
    const probe = async (
      vector: Uint8Array,
    ): Promise<{
      ms: number[];
      stepTwoMs: number[];
      cpuMs: number;
      bytes: number;
      payloads: Uint8Array[];
    }> => {
      const out = {
        ms: [] as number[],
        stepTwoMs: [] as number[],
        cpuMs: 0,
        bytes: 0,
        payloads: [] as Uint8Array[],
      };
      for (let i = 0; i < probes; i++) {
        const c = await client(documentName);
        await sleep(50);
        const cpu0 = s.cpuMs();
        const { sentAt, arrivals } = await c.syncCapture(vector, 150, 60_000);
        // measured: until the client holds every client's edits (the step 2 and any update after it)
        out.cpuMs += (s.cpuMs() - cpu0) / probes;
        await c.close();
        const twoAt = arrivals.find((a) => a.sub === SYNC_STEP2)?.at;
        if (twoAt !== undefined) {
          out.stepTwoMs.push(twoAt - sentAt);
        }
        out.ms.push(completedAfter(arrivals, vector, fullVector, sentAt));
        out.bytes = arrivals.reduce((n, a) => n + a.payload.byteLength, 0);
        out.payloads = arrivals.map((a) => a.payload);
      }
      return out;
    };
    const fresh = await probe(EMPTY_STATE_VECTOR);
    result.newMs = fresh.ms;
    result.newStepTwoMs = fresh.stepTwoMs;
    result.newCpuMs = fresh.cpuMs;
    result.newBytes = fresh.bytes;
    const returning = await probe(history.snapshotVector);
    result.returningMs = returning.ms;
    result.returningStepTwoMs = returning.stepTwoMs;
    result.returningCpuMs = returning.cpuMs;
    result.returningBytes = returning.bytes;
    // correctness, outside the timing: the new client gets everything, the returning one the rest
    const a = new Y.Doc();
    for (const p of fresh.payloads) {
      Y.applyUpdate(a, p);
    }
    const b = new Y.Doc();
    Y.applyUpdate(b, history.snapshot);
    for (const p of returning.payloads) {
      Y.applyUpdate(b, p);
    }
    const full = characterCount(a);
    const rest = characterCount(b);
    result.correct =
      full === history.textLength && rest === history.textLength
        ? "yes"
        : `NO: new client ${full}, returning ${rest} of ${history.textLength} characters`;
    // a small second document on the same server, already edited, with a typist and a watcher
    const otherName = await s.newDocument();
    const otherTypist = await client(otherName);
    const otherWatcher = await client(otherName);
    open.push(otherTypist, otherWatcher);
    await otherWatcher.roundTrip(30_000);
    await otherTypist.roundTrip(30_000);
    otherTypist.typeSentence("Protokoll der Sitzung: ");
    await otherTypist.roundTrip(30_000);
    await sleep(200);
    // editing the large one: the first edit, then a steady typist past our compaction threshold,
    // while the small one is typed into at 50 Hz until that is over
    const editor = await client(documentName);
    open.push(editor);
    let bigDone = false;
    const [edits, other] = await Promise.all([
      typeAndWatch(editor, first, { count: 600, rate: 100 }).finally(() => {
        bigDone = true;
      }),
      typeAndWatch(otherTypist, otherWatcher, {
        count: Number.POSITIVE_INFINITY,
        rate: OTHER_DOCUMENT_RATE,
        stop: () => bigDone,
      }),
    ]);
    result.firstEditMs = edits.firstMs;
    result.editMaxMs = edits.maxAfterFirstSecondMs;
    result.editP50Ms = edits.p50Ms;
    result.otherDocP50Ms = other.p50Ms;
    result.otherDocWorstMs = other.maxMs;
    result.otherDocEdits = other.count;
  } catch (err) {
    result.error = err instanceof Error ? err.message : String(err);
  } finally {
    await Promise.all(open.map((c) => c.close()));
    if (server) {
      result.peakRssMb = server.memoryKb().peak / 1024;
      if (!server.alive) {
        result.error ??= `the server exited (${server.exit}): ${server.printed.slice(-500)}`;
      }
      await server.stop();
    }
  }
  return result;
}

export interface IdleResult {
  server: ServerKind;
  error: string | null;
  documents: number;
  baselineMb: number;
  loadedMb: number;
  perDocumentKb: number;
  /** Seconds after everyone left until RSS was back within 10% of what the documents added (and stayed). */
  backAfterS: number;
  thresholdMb: number;
  endMb: number;
}

async function minRssKb(server: RunningServer, samples: number, gapMs: number): Promise<number> {
  let min = Number.POSITIVE_INFINITY;
  for (let i = 0; i < samples; i++) {
    min = Math.min(min, server.memoryKb().rss);
    if (i < samples - 1) {
      await sleep(gapMs);
    }
  }
  return min;
}

const PARAGRAPH =
  "Tagesordnung: Begrüßung, Bericht des Vorstands, Finanzplan 2027, Sicherheitskonzept für das Sommerfest. ";

/**
 * Many idle documents, one client each (synced, a paragraph typed, a caret): RSS per document
 * against the baseline; then everyone leaves and RSS is watched (up to `watchS`) until it is back.
 * The watching runs in the background (the returned promise), so the next server can start.
 */
export async function runIdle(
  kind: ServerKind,
  documents: number,
  watchS: number,
  ctx: RunContext,
): Promise<{ result: IdleResult; watching: Promise<void> }> {
  const result: IdleResult = {
    server: kind,
    error: null,
    documents,
    baselineMb: Number.NaN,
    loadedMb: Number.NaN,
    perDocumentKb: Number.NaN,
    backAfterS: Number.NaN,
    thresholdMb: Number.NaN,
    endMb: Number.NaN,
  };
  let server: RunningServer | null = null;
  try {
    const s = await RunningServer.start(kind, ctx.db);
    server = s;
    const options = {
      workers: ctx.workers,
      tables: null,
      clientIdBase: CLIENT_ID_BASE,
      connectTimeoutMs: 30_000,
      connectConcurrency: 40,
    };
    // warm-up: a few documents opened and left, so code and pools are in the baseline
    const warmDocs = await s.newDocuments(10);
    const warm = Generator.create(
      s.target(),
      warmDocs.map((documentName, index) => ({ index, documentName })),
      options,
    );
    await warm.connect(60_000);
    await warm.write(PARAGRAPH, kind === "ours", 20_000);
    await warm.close();
    await sleep(2000);
    const baseline = await minRssKb(s, 3, 300);
    const ids = await s.newDocuments(documents);
    const generator = Generator.create(
      s.target(),
      ids.map((documentName, index) => ({ index, documentName })),
      options,
    );
    let loaded = Number.NaN;
    try {
      const connected = await generator.connect(240_000);
      if (connected.failed > 0) {
        throw new Error(`${connected.failed} clients could not connect: ${connected.firstError}`);
      }
      const written = await generator.write(PARAGRAPH, kind === "ours", 60_000);
      if (written.failed > 0) {
        throw new Error(`${written.failed} clients could not write: ${written.firstError}`);
      }
      await sleep(ctx.quick ? 2000 : 3000);
      loaded = await minRssKb(s, 3, 500);
    } finally {
      await generator.close().catch(() => undefined);
    }
    const left = nowMs();
    result.baselineMb = baseline / 1024;
    result.loadedMb = loaded / 1024;
    result.perDocumentKb = (loaded - baseline) / documents;
    const threshold = baseline + Math.max(0, loaded - baseline) * 0.1;
    result.thresholdMb = threshold / 1024;
    const watching = (async () => {
      try {
        // watched for the whole window: "back" is when it went under the threshold and stayed
        let under: number | null = null;
        while (nowMs() - left < watchS * 1000) {
          const rss = s.memoryKb().rss;
          result.endMb = rss / 1024;
          if (rss <= threshold) {
            under ??= (nowMs() - left) / 1000;
          } else {
            under = null;
          }
          await sleep(500);
        }
        result.backAfterS = under ?? Number.POSITIVE_INFINITY;
      } finally {
        if (!s.alive) {
          result.error ??= `the server exited (${s.exit})`;
        }
        await s.stop();
      }
    })();
    return { result, watching };
  } catch (err) {
    result.error = err instanceof Error ? err.message : String(err);
    await server?.stop();
    return { result, watching: Promise.resolve() };
  }
}
