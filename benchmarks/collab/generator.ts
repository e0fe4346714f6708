import { Worker } from "node:worker_threads";
import type { ClientSpec, ClientTarget } from "./client.ts";
import { Histogram, nowMs, type TableBuffers } from "./stats.ts";

/** What one generator worker runs: its share of the clients. */
export interface WorkerPlan {
  target: ClientTarget;
  clients: ClientSpec[];
  tables: TableBuffers | null;
  clientIdBase: number;
  clientCount: number;
  connectTimeoutMs: number;
  connectConcurrency: number;
}

export interface StartCommand {
  type: "start";
  /** When the schedule starts (ms on `nowMs`). */
  t0: number;
  durationMs: number;
  /** Edits per second per client (0: none). */
  editRate: number;
  /** Awareness updates per second per client (0: none). */
  awarenessRate: number;
}

export type ToWorker =
  | { type: "connect" }
  | { type: "write"; paragraph: string; waitForSaved: boolean; timeoutMs: number }
  | StartCommand
  | { type: "report" }
  | { type: "close" };

export interface WorkerReport {
  type: "report";
  edits: Float64Array;
  awareness: Float64Array;
  durable: Float64Array;
  frames: number;
  /** [client index, Yjs clock reached, characters typed] */
  typed: Array<[number, number, number]>;
  stillOpen: number;
  closeCodes: Record<string, number>;
  readOnly: number;
}

export type FromWorker =
  | { type: "done"; ok: number; failed: number; firstError: string | null }
  | { type: "sent"; edits: number; awareness: number; lateMs: number }
  | WorkerReport
  | { type: "closed" }
  | { type: "error"; message: string };

const WORKER_URL = new URL("./worker.ts", import.meta.url).href;

/** Starts a worker thread running `worker.ts` under tsx (workers do not inherit `--import`). */
function spawnWorker(plan: WorkerPlan): Worker {
  const tsx = import.meta.resolve("tsx/esm/api");
  const code = `import(${JSON.stringify(tsx)}).then((m) => { m.register(); return import(${JSON.stringify(WORKER_URL)}); })`;
  return new Worker(code, { eval: true, workerData: plan });
}

class WorkerHandle {
  private readonly worker: Worker;
  private waiter: { resolve: (m: FromWorker) => void; reject: (e: Error) => void } | null = null;
  private failure: Error | null = null;

  constructor(plan: WorkerPlan) {
    this.worker = spawnWorker(plan);
    this.worker.on("message", (m: FromWorker) => {
      const w = this.waiter;
      this.waiter = null;
      if (m.type === "error") {
        w?.reject(new Error(m.message));
      } else {
        w?.resolve(m);
      }
    });
    this.worker.on("error", (err: Error) => {
      this.failure = err;
      this.waiter?.reject(err);
      this.waiter = null;
    });
    this.worker.on("exit", (code) => {
      if (this.waiter) {
        this.waiter.reject(new Error(`generator worker exited (${code})`));
        this.waiter = null;
      }
    });
  }

  request(message: ToWorker, timeoutMs: number): Promise<FromWorker> {
    if (this.failure) {
      return Promise.reject(this.failure);
    }
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiter = null;
        reject(new Error(`generator worker did not answer "${message.type}" within ${timeoutMs} ms`));
      }, timeoutMs);
      this.waiter = {
        resolve: (m) => {
          clearTimeout(timer);
          resolve(m);
        },
        reject: (e) => {
          clearTimeout(timer);
          reject(e);
        },
      };
      this.worker.postMessage(message);
    });
  }

  terminate(): Promise<number> {
    return this.worker.terminate();
  }
}

export interface GeneratorReport {
  edits: Histogram;
  awareness: Histogram;
  durable: Histogram;
  frames: number;
  /** client index → Yjs clock reached and characters typed */
  typed: Map<number, { clock: number; chars: number }>;
  stillOpen: number;
  closeCodes: Record<string, number>;
  readOnly: number;
}

/** The simulated clients, spread over worker threads (client i on worker i mod W). */
export class Generator {
  private constructor(private readonly workers: WorkerHandle[]) {}

  static create(
    target: ClientTarget,
    clients: ClientSpec[],
    options: {
      workers: number;
      tables: TableBuffers | null;
      clientIdBase: number;
      connectTimeoutMs: number;
      connectConcurrency: number;
    },
  ): Generator {
    const count = Math.max(1, Math.min(options.workers, clients.length));
    const handles: WorkerHandle[] = [];
    for (let w = 0; w < count; w++) {
      handles.push(
        new WorkerHandle({
          target,
          clients: clients.filter((_, i) => i % count === w),
          tables: options.tables,
          clientIdBase: options.clientIdBase,
          clientCount: clients.length,
          connectTimeoutMs: options.connectTimeoutMs,
          connectConcurrency: Math.max(1, Math.ceil(options.connectConcurrency / count)),
        }),
      );
    }
    return new Generator(handles);
  }

  private async all(message: ToWorker, timeoutMs: number): Promise<FromWorker[]> {
    return Promise.all(this.workers.map((w) => w.request(message, timeoutMs)));
  }

  /** Connects and syncs every client; returns how many failed and the first reason. */
  async connect(timeoutMs: number): Promise<{ ok: number; failed: number; firstError: string | null }> {
    return sumDone(await this.all({ type: "connect" }, timeoutMs));
  }

  /** Each client types one paragraph, then waits until the server has it (and stored it). */
  async write(
    paragraph: string,
    waitForSaved: boolean,
    timeoutMs: number,
  ): Promise<{ ok: number; failed: number; firstError: string | null }> {
    return sumDone(await this.all({ type: "write", paragraph, waitForSaved, timeoutMs }, timeoutMs + 5000));
  }

  /** Runs the typing schedule; resolves when every worker has sent its last update. */
  async run(command: StartCommand): Promise<{ edits: number; awareness: number; lateMs: number }> {
    const replies = await this.all(command, Math.max(0, command.t0 - nowMs()) + command.durationMs + 60_000);
    let edits = 0;
    let awareness = 0;
    let lateMs = 0;
    for (const r of replies) {
      if (r.type === "sent") {
        edits += r.edits;
        awareness += r.awareness;
        lateMs = Math.max(lateMs, r.lateMs);
      }
    }
    return { edits, awareness, lateMs };
  }

  async report(): Promise<GeneratorReport> {
    const out: GeneratorReport = {
      edits: new Histogram(),
      awareness: new Histogram(),
      durable: new Histogram(),
      frames: 0,
      typed: new Map(),
      stillOpen: 0,
      closeCodes: {},
      readOnly: 0,
    };
    for (const r of await this.all({ type: "report" }, 30_000)) {
      if (r.type !== "report") {
        continue;
      }
      out.edits.merge(r.edits);
      out.awareness.merge(r.awareness);
      out.durable.merge(r.durable);
      out.frames += r.frames;
      for (const [i, clock, chars] of r.typed) {
        out.typed.set(i, { clock, chars });
      }
      out.stillOpen += r.stillOpen;
      out.readOnly += r.readOnly;
      for (const [code, n] of Object.entries(r.closeCodes)) {
        out.closeCodes[code] = (out.closeCodes[code] ?? 0) + n;
      }
    }
    return out;
  }

  /** Closes every client (bounded), then stops the workers. */
  async close(): Promise<void> {
    try {
      await this.all({ type: "close" }, 20_000);
    } finally {
      await Promise.all(this.workers.map((w) => w.terminate()));
    }
  }
}

function sumDone(replies: FromWorker[]): { ok: number; failed: number; firstError: string | null } {
  let ok = 0;
  let failed = 0;
  let firstError: string | null = null;
  for (const r of replies) {
    if (r.type === "done") {
      ok += r.ok;
      failed += r.failed;
      firstError ??= r.firstError;
    }
  }
  return { ok, failed, firstError };
}
