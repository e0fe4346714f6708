import { Worker } from "node:worker_threads";
import { pack, type ThreadData, type ThreadReply, type ThreadRequest } from "./yjs-thread.wire.ts";

/**
 * Yjs work whose cost grows with a document's size (merging a snapshot with its log, encoding a
 * state vector, what a returning client lacks, judging edits against a large document's structure) runs in a worker thread:
 * done on the event loop, half a second for a 5 MB document stalls every other document of the
 * process. The thread gets bytes and returns bytes; the database, transactions, locks and the
 * rooms' state stay here. It starts on first use (loading its modules takes about a second, off
 * this thread), is unreferenced whenever no job is running (it never keeps a process alive), and
 * ends after a while with nothing to do and nothing held. If it dies (out of memory, crash, a job
 * past its time limit), every job in it fails, never half done, and the next job starts a new
 * thread.
 */

export interface YjsThreadOptions {
  /** Heap (old generation) of the thread, in MB; past it the thread ends and its jobs fail. */
  heapMb: number;
  /** How long a thread with no job and nothing held is kept for the next job. */
  idleMs: number;
  /** One job's time limit (the first includes starting the thread); past it the thread is ended. */
  jobTimeoutMs: number;
  /**
   * Shape-guard shadows kept in the thread, counted in bytes of the state they were built from (a
   * Y.Doc takes about 20 times that): past it, the least recently used are dropped and rebuilt
   * when needed again.
   */
  shadowBudgetBytes: number;
}

export const defaultThreadOptions: YjsThreadOptions = {
  heapMb: 2048,
  idleMs: 20_000,
  jobTimeoutMs: 60_000,
  shadowBudgetBytes: 24 * 1024 * 1024,
};

/** Why a job in the thread gave no result. */
export type ThreadFailureReason = "memory" | "crashed" | "timeout" | "closed" | "failed";

/** A job that did not complete: nothing it would have produced exists. */
export class ThreadFailure extends Error {
  readonly reason: ThreadFailureReason;

  constructor(reason: ThreadFailureReason, message: string) {
    super(message);
    this.name = "ThreadFailure";
    this.reason = reason;
  }
}

interface Running {
  worker: Worker;
  exited: Promise<void>;
  error: (Error & { code?: string }) | null;
}

interface Job {
  resolve(reply: ThreadReply): void;
  reject(err: Error): void;
  timer: NodeJS.Timeout;
}

const ENTRY = new URL("./yjs-thread.worker-entry.mjs", import.meta.url);

/** One worker thread for Yjs work, started on demand (see the comment at the top of the file). */
export class YjsThread {
  private readonly options: YjsThreadOptions;
  private running: Running | null = null;
  private readonly jobs = new Map<number, Job>();
  private nextId = 0;
  private idleTimer: NodeJS.Timeout | null = null;
  private holders = 0;
  /** Threads started so far, and jobs completed (for tests and stats). */
  starts = 0;
  completed = 0;

  constructor(options: Partial<YjsThreadOptions> = {}) {
    this.options = { ...defaultThreadOptions, ...options };
  }

  /** Is a thread running now? */
  get alive(): boolean {
    return this.running !== null;
  }

  /** A snapshot with updates folded in, and the result's state vector. */
  async merge(
    snapshot: Uint8Array | null,
    updates: readonly Uint8Array[],
  ): Promise<{ state: Uint8Array; stateVector: Uint8Array }> {
    const parts = pack(snapshot ? [snapshot, ...updates] : updates);
    const reply = await this.request(
      (id) => ({ type: "merge", id, hasSnapshot: snapshot !== null, parts }),
      [parts.buffer],
    );
    if (reply.type !== "merged") {
      throw new ThreadFailure("failed", `unexpected reply ${reply.type}`);
    }
    return { state: reply.state, stateVector: reply.stateVector };
  }

  /** The state vector of a state. */
  async stateVector(state: Uint8Array): Promise<Uint8Array> {
    const packed = pack([state]);
    const reply = await this.request((id) => ({ type: "stateVector", id, state: packed }), [packed.buffer]);
    if (reply.type !== "stateVector") {
      throw new ThreadFailure("failed", `unexpected reply ${reply.type}`);
    }
    return reply.stateVector;
  }

  /** What of `state` a client with `stateVector` lacks (`Y.diffUpdate`). */
  async diff(state: Uint8Array, stateVector: Uint8Array): Promise<Uint8Array> {
    const packed = pack([state]);
    const reply = await this.request(
      (id) => ({ type: "diff", id, state: packed, stateVector }),
      [packed.buffer],
    );
    if (reply.type !== "diffed") {
      throw new ThreadFailure("failed", `unexpected reply ${reply.type}`);
    }
    return reply.update;
  }

  /**
   * Judges (`checks[i]` true) or follows updates against the shadow `guard` holds in the thread,
   * built first from `state` when given. Returns the verdicts of the prefix that was handled.
   */
  async guard(
    guard: number,
    state: readonly Uint8Array[] | null,
    checks: boolean[],
    updates: readonly Uint8Array[],
  ): Promise<boolean[]> {
    const packedState = state ? pack(state) : null;
    const packedUpdates = pack(updates);
    const transfer = [packedUpdates.buffer, ...(packedState ? [packedState.buffer] : [])];
    const reply = await this.request(
      (id) => ({ type: "guard", id, guard, state: packedState, checks, updates: packedUpdates }),
      transfer,
    );
    if (reply.type !== "guarded") {
      throw new ThreadFailure("failed", `unexpected reply ${reply.type}`);
    }
    return reply.verdicts;
  }

  /** Starts the thread ahead of a job likely to come (loading its modules takes about a second). */
  warm(): void {
    if (!this.running) {
      this.start();
      this.settle();
    }
  }

  /** Frees what `guard` holds in the thread (nothing to do when no thread runs). */
  dropGuard(guard: number): void {
    this.running?.worker.postMessage({ type: "drop", guard } satisfies ThreadRequest);
  }

  /** Something that keeps state in the thread: while any is held, an idle thread is kept. */
  hold(): void {
    this.holders++;
    this.clearIdle();
  }

  /** The counterpart of `hold`. */
  release(): void {
    this.holders = Math.max(0, this.holders - 1);
    this.settle();
  }

  /** Ends the thread now: running jobs fail with reason `closed`. */
  async close(): Promise<void> {
    this.clearIdle();
    const running = this.running;
    if (!running) {
      return;
    }
    this.fail(running, new ThreadFailure("closed", "the Yjs thread was closed"));
    await running.worker.terminate();
    await running.exited;
  }

  private request(build: (id: number) => ThreadRequest, transfer: ArrayBuffer[]): Promise<ThreadReply> {
    const running = this.running ?? this.start();
    const id = ++this.nextId;
    this.clearIdle();
    running.worker.ref();
    return new Promise<ThreadReply>((resolve, reject) => {
      const timer = setTimeout(() => {
        // a job cannot be stopped inside the thread: end the thread (and fail what it was doing)
        this.fail(
          running,
          new ThreadFailure("timeout", `a Yjs job took longer than ${this.options.jobTimeoutMs} ms`),
        );
        void running.worker.terminate();
      }, this.options.jobTimeoutMs);
      this.jobs.set(id, { resolve, reject, timer });
      running.worker.postMessage(build(id), transfer);
    });
  }

  private start(): Running {
    const worker = new Worker(ENTRY, {
      resourceLimits: { maxOldGenerationSizeMb: this.options.heapMb },
      workerData: { shadowBudgetBytes: this.options.shadowBudgetBytes } satisfies ThreadData,
    });
    const running: Running = {
      worker,
      exited: new Promise((resolve) => worker.once("exit", () => resolve())),
      error: null,
    };
    this.running = running;
    this.starts++;
    // an `error` event nobody listens to would be thrown in the main thread and end the process
    worker.on("error", (err) => {
      running.error = err;
    });
    worker.on("message", (reply: ThreadReply) => this.receive(reply));
    worker.once("exit", (code) => {
      const error = running.error;
      this.fail(
        running,
        error?.code === "ERR_WORKER_OUT_OF_MEMORY"
          ? new ThreadFailure("memory", `the Yjs thread ran out of memory (${this.options.heapMb} MB)`)
          : new ThreadFailure("crashed", `the Yjs thread ended (${error?.message ?? `exit code ${code}`})`),
      );
    });
    return running;
  }

  private receive(reply: ThreadReply): void {
    if (reply.type === "ready") {
      return;
    }
    const job = this.jobs.get(reply.id);
    if (!job) {
      return;
    }
    this.jobs.delete(reply.id);
    clearTimeout(job.timer);
    if (reply.type === "failed") {
      job.reject(new ThreadFailure("failed", reply.message));
    } else {
      this.completed++;
      job.resolve(reply);
    }
    this.settle();
  }

  /** The thread is gone (or going): every job in it fails, the next job starts a new one. */
  private fail(running: Running, err: ThreadFailure): void {
    if (this.running !== running) {
      return;
    }
    this.running = null;
    this.clearIdle();
    const jobs = [...this.jobs.values()];
    this.jobs.clear();
    for (const job of jobs) {
      clearTimeout(job.timer);
      job.reject(err);
    }
  }

  /** No job running: let the process exit without us; end the thread later if it holds nothing. */
  private settle(): void {
    const running = this.running;
    if (!running || this.jobs.size > 0) {
      return;
    }
    running.worker.unref();
    if (this.holders > 0 || this.idleTimer) {
      return;
    }
    this.idleTimer = setTimeout(() => {
      this.idleTimer = null;
      if (this.running === running && this.jobs.size === 0 && this.holders === 0) {
        this.running = null;
        void running.worker.terminate();
      }
    }, this.options.idleMs);
    this.idleTimer.unref();
  }

  private clearIdle(): void {
    if (this.idleTimer) {
      clearTimeout(this.idleTimer);
      this.idleTimer = null;
    }
  }
}

/** The thread compaction and whole-state reads of this process merge large documents in. */
export const mergeThread = new YjsThread();

/** The thread large documents' shape guards keep their shadows in (see shape-guard.ts). */
export const guardThread = new YjsThread();

/** Below this many bytes, merging or building on the event loop costs less than the hop (≈ 20–40 ms at most). */
export const THREAD_MIN_BYTES = 256 * 1024;
