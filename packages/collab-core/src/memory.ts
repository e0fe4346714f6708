import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";

/*
 * Giving memory back after a crowd leaves. When rooms unload, what they held becomes garbage, but
 * V8 collects its old generation only under allocation pressure, so an idle process keeps its
 * size: in `pnpm bench collab` (1,000 documents with a client each, everyone gone, rooms unloaded
 * after 30 s) the RSS stayed at 174 of 176 MB for the whole minute watched, against a baseline of
 * 155 MB. One full collection after the unloads brought it to 110–137 MB, 32 s after everyone
 * left. On a small self-hosted box shared with PostgreSQL that memory matters, so after a wave of
 * unloads the process asks for one full collection: a pause of the event loop (22 ms there), only
 * after many rooms went and at most once per cooldown.
 */

export interface MemoryReleaseOptions {
  /** Collect once this many rooms have unloaded since the last collection… */
  rooms: number;
  /** …or rooms holding this many bytes of documents. */
  bytes: number;
  /** Wait this long after the last unload (a wave of unloads is collected once). */
  settleMs: number;
  /** And never collect more often than this. */
  cooldownMs: number;
}

export const defaultMemoryRelease: MemoryReleaseOptions = {
  rooms: 100,
  bytes: 16 * 1024 * 1024,
  settleMs: 2000,
  cooldownMs: 60_000,
};

let collector: (() => void) | null | undefined;

/**
 * V8's full collection. Node exposes it only with `--expose-gc`; setting the flag at run time and
 * taking `gc` from a new context is the way Jest's leak detection gets it. Null if refused.
 */
function fullCollection(): (() => void) | null {
  if (collector === undefined) {
    try {
      const exposed = (globalThis as { gc?: () => void }).gc;
      if (typeof exposed === "function") {
        collector = exposed;
      } else {
        setFlagsFromString("--expose-gc");
        const gc = runInNewContext("gc") as unknown;
        collector = typeof gc === "function" ? (gc as () => void) : null;
      }
    } catch {
      collector = null;
    }
  }
  return collector;
}

/** Counts what unloaded rooms held and asks for a full collection after a wave of unloads. */
export class MemoryRelease {
  private rooms = 0;
  private bytes = 0;
  private timer: NodeJS.Timeout | null = null;
  /** When the pending collection runs at the latest, however long the wave goes on. */
  private deadline = Number.POSITIVE_INFINITY;
  private lastAt = Number.NEGATIVE_INFINITY;
  /** Full collections asked for so far (stats and tests). */
  collections = 0;

  constructor(
    private readonly options: MemoryReleaseOptions,
    /** Told how long each collection took (the event loop's pause), for the log. */
    private readonly onCollected: (ms: number) => void = () => {},
  ) {}

  /** A room unloaded, holding `bytes` of document. */
  unloaded(bytes: number): void {
    this.rooms++;
    this.bytes += bytes;
    if (this.rooms < this.options.rooms && this.bytes < this.options.bytes) {
      return;
    }
    const now = Date.now();
    if (this.timer) {
      clearTimeout(this.timer);
    } else {
      // a wave that keeps going is collected after at most five settling times, not never
      this.deadline = Math.max(now + 5 * this.options.settleMs, this.lastAt + this.options.cooldownMs);
    }
    const at = Math.min(
      this.deadline,
      Math.max(now + this.options.settleMs, this.lastAt + this.options.cooldownMs),
    );
    this.timer = setTimeout(() => this.collect(), at - now);
    this.timer.unref();
  }

  private collect(): void {
    this.timer = null;
    this.rooms = 0;
    this.bytes = 0;
    this.lastAt = Date.now();
    const gc = fullCollection();
    if (gc) {
      const started = performance.now();
      gc();
      this.collections++;
      this.onCollected(performance.now() - started);
    }
  }

  /** Stops a pending collection (the server closes). */
  stop(): void {
    if (this.timer) {
      clearTimeout(this.timer);
      this.timer = null;
    }
  }
}
