import { Worker } from "node:worker_threads";
import type { ConversionInput, ConversionReply } from "./document-transfer.worker.ts";

export type { ConversionInput } from "./document-transfer.worker.ts";

/** How much of the process file conversions may take. */
export interface ConversionLimits {
  /** Conversions running at once, each in its own thread. */
  concurrency: number;
  /** Conversions that may wait for a thread; beyond that they are refused (`busy`). */
  queue: number;
  /** Wall-clock time one conversion may take once its thread is ready; then the thread is stopped. */
  timeoutMs: number;
  /** Time a new thread may take to load its modules. */
  startupMs: number;
  /** Heap (old generation) of one thread, in MB; a conversion that needs more ends its thread. */
  heapMb: number;
  /** How long an idle thread is kept for the next conversion. */
  idleMs: number;
}

/** Two conversions at a time, eight waiting, 5 s and 256 MB each. */
export const defaultConversionLimits: ConversionLimits = {
  concurrency: 2,
  queue: 8,
  timeoutMs: 5_000,
  startupMs: 30_000,
  heapMb: 256,
  idleMs: 30_000,
};

/**
 * Why a conversion gave no state: the file could not be read (`unreadable`), took too long
 * (`timeout`), needed more memory than a thread has (`memory`), its thread died otherwise
 * (`crashed`), too many were waiting (`busy`), or no thread could be started (`unavailable`).
 */
export type ConversionFailure = "unreadable" | "timeout" | "memory" | "crashed" | "busy" | "unavailable";

/** A conversion that gave no state, and why. */
export class ConversionError extends Error {
  readonly reason: ConversionFailure;

  constructor(reason: ConversionFailure, message: string) {
    super(message);
    this.name = "ConversionError";
    this.reason = reason;
  }
}

interface Thread {
  worker: Worker;
  /** Resolves once the thread has ended. */
  exited: Promise<void>;
  /** The last error the thread reported (an `error` event precedes the `exit` it causes). */
  error: (Error & { code?: string }) | null;
  idleTimer: NodeJS.Timeout | null;
}

const ENTRY = new URL("./document-transfer.worker-entry.mjs", import.meta.url);

/**
 * Runs file conversions (Markdown or Word → Yjs state) in worker threads, so a file that is slow or
 * huge to parse costs one thread, never the event loop or the heap of the process that serves
 * everyone: each conversion has a wall-clock limit and a heap limit, at most `concurrency` run at
 * once, a few more wait, and the rest are refused. Threads are started on demand and kept a
 * little while for the next import (loading the editor's modules takes about half a second).
 */
export class ConversionPool {
  private readonly limits: ConversionLimits;
  private running = 0;
  private readonly waiting: Array<() => void> = [];
  private readonly idle: Thread[] = [];
  private nextId = 0;

  constructor(limits: Partial<ConversionLimits> = {}) {
    this.limits = { ...defaultConversionLimits, ...limits };
  }

  /** The file's Yjs state; rejects with a `ConversionError` when there is none. */
  async convert(input: ConversionInput): Promise<Uint8Array> {
    await this.acquire();
    try {
      return await this.run(input);
    } finally {
      this.release();
    }
  }

  /** Conversions running and waiting now. */
  get load(): { running: number; waiting: number } {
    return { running: this.running, waiting: this.waiting.length };
  }

  /** Ends the idle threads (running conversions finish or time out as usual). */
  async close(): Promise<void> {
    const idle = this.idle.splice(0);
    await Promise.all(idle.map((thread) => this.stop(thread)));
  }

  private acquire(): Promise<void> {
    if (this.running < this.limits.concurrency) {
      this.running++;
      return Promise.resolve();
    }
    if (this.waiting.length >= this.limits.queue) {
      return Promise.reject(new ConversionError("busy", "Too many files are being imported right now."));
    }
    return new Promise((resolve) => this.waiting.push(resolve));
  }

  /** Hands the slot to the next waiting conversion, or frees it. */
  private release(): void {
    const next = this.waiting.shift();
    if (next) {
      next();
    } else {
      this.running--;
    }
  }

  private async run(input: ConversionInput): Promise<Uint8Array> {
    const thread = this.idle.pop() ?? (await this.start());
    if (thread.idleTimer) {
      clearTimeout(thread.idleTimer);
      thread.idleTimer = null;
    }
    thread.worker.ref();
    try {
      const state = await this.send(thread, input);
      this.park(thread);
      return state;
    } catch (err) {
      if (err instanceof ConversionError && err.reason === "unreadable") {
        this.park(thread);
      } else {
        // the slot is freed only once the thread is gone, so its memory is never held twice
        await this.stop(thread);
      }
      throw err;
    }
  }

  private async start(): Promise<Thread> {
    const worker = new Worker(ENTRY, {
      resourceLimits: { maxOldGenerationSizeMb: this.limits.heapMb },
    });
    const thread: Thread = {
      worker,
      exited: new Promise((resolve) => worker.once("exit", () => resolve())),
      error: null,
      idleTimer: null,
    };
    // an `error` event nobody listens to would be thrown in the main thread and end the process
    worker.on("error", (err) => {
      thread.error = err;
    });
    try {
      await new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => {
          cleanup();
          reject(new ConversionError("unavailable", "A conversion thread took too long to start."));
        }, this.limits.startupMs);
        const onMessage = (reply: ConversionReply) => {
          if (reply.type === "ready") {
            cleanup();
            resolve();
          }
        };
        const onExit = (code: number) => {
          cleanup();
          const cause = thread.error ? `: ${thread.error.message}` : ` (exit code ${code})`;
          reject(new ConversionError("unavailable", `A conversion thread could not start${cause}`));
        };
        const cleanup = () => {
          clearTimeout(timer);
          worker.off("message", onMessage);
          worker.off("exit", onExit);
        };
        worker.on("message", onMessage);
        worker.on("exit", onExit);
      });
    } catch (err) {
      await this.stop(thread);
      throw err;
    }
    return thread;
  }

  private send(thread: Thread, input: ConversionInput): Promise<Uint8Array> {
    const id = ++this.nextId;
    const { worker } = thread;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        finish();
        reject(
          new ConversionError("timeout", `The conversion took longer than ${this.limits.timeoutMs} ms.`),
        );
      }, this.limits.timeoutMs);
      const onMessage = (reply: ConversionReply) => {
        if (reply.type === "done" && reply.id === id) {
          finish();
          resolve(reply.state);
        } else if (reply.type === "failed" && reply.id === id) {
          finish();
          reject(new ConversionError("unreadable", reply.message));
        }
      };
      const onExit = () => {
        finish();
        const error = thread.error;
        reject(
          error?.code === "ERR_WORKER_OUT_OF_MEMORY"
            ? new ConversionError("memory", `The conversion needed more than ${this.limits.heapMb} MB.`)
            : new ConversionError("crashed", `The conversion thread ended: ${error?.message ?? "no reason"}`),
        );
      };
      const finish = () => {
        clearTimeout(timer);
        worker.off("message", onMessage);
        worker.off("exit", onExit);
      };
      worker.on("message", onMessage);
      worker.on("exit", onExit);
      worker.postMessage({ ...input, id });
    });
  }

  /** Keeps a healthy thread for the next conversion, for a while. */
  private park(thread: Thread): void {
    thread.worker.unref();
    thread.idleTimer = setTimeout(() => {
      const index = this.idle.indexOf(thread);
      if (index >= 0) {
        this.idle.splice(index, 1);
        void this.stop(thread);
      }
    }, this.limits.idleMs);
    thread.idleTimer.unref();
    this.idle.push(thread);
  }

  private async stop(thread: Thread): Promise<void> {
    if (thread.idleTimer) {
      clearTimeout(thread.idleTimer);
      thread.idleTimer = null;
    }
    await thread.worker.terminate();
    await thread.exited;
  }
}

/**
 * The pool every import in this process converts its file in: the limits are the process's (its
 * CPU and memory), so all apps built in one process share it.
 */
export const conversions = new ConversionPool();
