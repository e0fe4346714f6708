/**
 * Measurement plumbing shared by the main thread and the generator's worker threads: one
 * monotonic clock, log-bucketed latency histograms (1% resolution) and the shared tables in which
 * every sender writes when it sent an update and every receiver counts what arrived.
 */

/** Milliseconds on the process-wide monotonic clock (the same in every worker thread). */
export function nowMs(): number {
  return Number(process.hrtime.bigint()) / 1e6;
}

/** Resolves after `ms` (timers here are always bounded waits, never correctness). */
export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

export const HIST_BUCKETS = 2200;
const LOG_STEP = Math.log(1.01);

/** Latency histogram over microseconds, buckets 1% wide (up to ~10 minutes). */
export class Histogram {
  readonly counts: Float64Array;

  constructor(counts?: Float64Array) {
    this.counts = counts ?? new Float64Array(HIST_BUCKETS);
  }

  /** Adds one sample in milliseconds. */
  add(ms: number): void {
    const us = ms * 1000;
    const b = us < 1 ? 0 : Math.min(HIST_BUCKETS - 1, Math.floor(Math.log(us) / LOG_STEP) + 1);
    this.counts[b] = (this.counts[b] ?? 0) + 1;
  }

  merge(other: Float64Array): void {
    for (let i = 0; i < HIST_BUCKETS; i++) {
      this.counts[i] = (this.counts[i] ?? 0) + (other[i] ?? 0);
    }
  }

  get count(): number {
    let n = 0;
    for (const c of this.counts) {
      n += c;
    }
    return n;
  }

  /** The q-quantile in milliseconds (the bucket's upper edge), or NaN without samples. */
  quantile(q: number): number {
    const total = this.count;
    if (total === 0) {
      return Number.NaN;
    }
    const rank = Math.ceil(q * total);
    let seen = 0;
    for (let b = 0; b < HIST_BUCKETS; b++) {
      seen += this.counts[b] ?? 0;
      if (seen >= rank) {
        return b === 0 ? 0.001 : 1.01 ** b / 1000;
      }
    }
    return Number.POSITIVE_INFINITY;
  }
}

/** Counter slots in `SharedTables.counters`. */
export const COUNTER_EDIT_DELIVERIES = 0;
export const COUNTER_AWARENESS_DELIVERIES = 1;
export const COUNTER_UNEXPECTED_CLOSES = 2;

export interface TableBuffers {
  clients: number;
  editSlots: number;
  awarenessSlots: number;
  editSend: SharedArrayBuffer;
  editRecv: SharedArrayBuffer;
  editMaxUs: SharedArrayBuffer;
  awarenessSend: SharedArrayBuffer;
  awarenessRecv: SharedArrayBuffer;
  awarenessMaxUs: SharedArrayBuffer;
  counters: SharedArrayBuffer;
  control: SharedArrayBuffer;
}

/**
 * Per (sender, sequence) slots: when it was sent (ms, 0 = not sent), how many other clients have
 * it, and the latest of their arrival latencies (µs). A sender's sequence number of an edit is
 * the Yjs clock of its one inserted character; of an awareness update, its awareness clock.
 */
export class SharedTables {
  readonly clients: number;
  readonly editSlots: number;
  readonly awarenessSlots: number;
  readonly editSend: Float64Array;
  readonly editRecv: Int32Array;
  readonly editMaxUs: Int32Array;
  readonly awarenessSend: Float64Array;
  readonly awarenessRecv: Int32Array;
  readonly awarenessMaxUs: Int32Array;
  readonly counters: Int32Array;
  /** [0] = start of the measured window (ms on `nowMs`); sends before it are warm-up. */
  readonly control: Float64Array;

  constructor(readonly buffers: TableBuffers) {
    this.clients = buffers.clients;
    this.editSlots = buffers.editSlots;
    this.awarenessSlots = buffers.awarenessSlots;
    this.editSend = new Float64Array(buffers.editSend);
    this.editRecv = new Int32Array(buffers.editRecv);
    this.editMaxUs = new Int32Array(buffers.editMaxUs);
    this.awarenessSend = new Float64Array(buffers.awarenessSend);
    this.awarenessRecv = new Int32Array(buffers.awarenessRecv);
    this.awarenessMaxUs = new Int32Array(buffers.awarenessMaxUs);
    this.counters = new Int32Array(buffers.counters);
    this.control = new Float64Array(buffers.control);
  }

  static create(clients: number, editSlots: number, awarenessSlots: number): SharedTables {
    const e = clients * editSlots;
    const a = clients * awarenessSlots;
    const tables = new SharedTables({
      clients,
      editSlots,
      awarenessSlots,
      editSend: new SharedArrayBuffer(e * 8),
      editRecv: new SharedArrayBuffer(e * 4),
      editMaxUs: new SharedArrayBuffer(e * 4),
      awarenessSend: new SharedArrayBuffer(Math.max(1, a) * 8),
      awarenessRecv: new SharedArrayBuffer(Math.max(1, a) * 4),
      awarenessMaxUs: new SharedArrayBuffer(Math.max(1, a) * 4),
      counters: new SharedArrayBuffer(8 * 4),
      control: new SharedArrayBuffer(4 * 8),
    });
    tables.control[0] = Number.POSITIVE_INFINITY;
    return tables;
  }

  get measureStart(): number {
    return this.control[0] ?? Number.POSITIVE_INFINITY;
  }
}

/** Raises `arr[i]` to at least `value` (compare-and-swap loop). */
export function atomicMax(arr: Int32Array, i: number, value: number): void {
  for (;;) {
    const old = Atomics.load(arr, i);
    if (value <= old || Atomics.compareExchange(arr, i, old, value) === old) {
      return;
    }
  }
}

export interface DeliverySummary {
  /** Updates sent in the measured window. */
  tracked: number;
  /** Of those, how many reached every other client. */
  complete: number;
  /** (update, receiver) pairs delivered, and the share of all that should have been. */
  deliveries: number;
  deliveredShare: number;
  /** Time until the last other client had the update: quantiles, ∞ when not everyone got it. */
  allP50: number;
  allP99: number;
  allMax: number;
}

/** Reads one table (edits or awareness) after a run. */
export function summarise(
  send: Float64Array,
  recv: Int32Array,
  maxUs: Int32Array,
  measureStart: number,
  receiversPerUpdate: number,
): DeliverySummary {
  const latencies: number[] = [];
  let tracked = 0;
  let deliveries = 0;
  for (let i = 0; i < send.length; i++) {
    const at = send[i] ?? 0;
    if (at <= 0 || at < measureStart) {
      continue;
    }
    tracked++;
    const got = recv[i] ?? 0;
    deliveries += got;
    if (got >= receiversPerUpdate) {
      latencies.push((maxUs[i] ?? 0) / 1000);
    }
  }
  latencies.sort((a, b) => a - b);
  const at = (q: number): number => {
    if (tracked === 0) {
      return Number.NaN;
    }
    const idx = Math.max(0, Math.ceil(q * tracked) - 1);
    return idx < latencies.length ? (latencies[idx] ?? Number.NaN) : Number.POSITIVE_INFINITY;
  };
  return {
    tracked,
    complete: latencies.length,
    deliveries,
    deliveredShare: tracked === 0 ? Number.NaN : deliveries / (tracked * receiversPerUpdate),
    allP50: at(0.5),
    allP99: at(0.99),
    allMax: latencies.length === tracked ? (latencies[latencies.length - 1] ?? Number.NaN) : Infinity,
  };
}

/** Median of a list (NaN when empty). */
export function median(values: readonly number[]): number {
  if (values.length === 0) {
    return Number.NaN;
  }
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor((sorted.length - 1) / 2)] ?? Number.NaN;
}
