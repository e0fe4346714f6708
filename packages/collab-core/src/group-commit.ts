import type { Db } from "@ensemble/db/db";
import { appendUpdates, type PendingUpdate, touchDocuments } from "./storage.ts";

/**
 * Something to tell when a queued update is durable (or was refused for good). An empty `data`
 * is a marker: nothing is written, but it is acknowledged in order with the updates around it.
 */
export interface CommitEntry extends PendingUpdate {
  /** Called once the update is stored; `ok` false when it never will be (its document is gone). */
  done(ok: boolean): void;
}

export interface GroupCommitOptions {
  /** Most rows per INSERT; a longer queue is written in several statements, one after another. */
  maxBatch?: number;
  /** First wait after a failed write; doubles up to `maxRetryMs`. */
  retryMs?: number;
  maxRetryMs?: number;
  /** `documents.updated_at` is written at most this often per document. */
  touchEveryMs?: number;
  onError?: (err: unknown, attempt: number) => void;
  now?: () => Date;
}

/**
 * Group commit: updates from every document and connection queue up; exactly one write is in
 * flight at a time, and whatever arrived meanwhile goes into the next one. At light load that
 * is one INSERT per update, written at once (no timer); under load or slow storage the batches
 * grow instead of the number of writes (Hocuspocus #1110: slow storage must not cause a storm).
 * A failed write is retried with backoff and nothing is acknowledged until it is stored.
 */
export class GroupCommit {
  private queue: CommitEntry[] = [];
  private running: Promise<void> | null = null;
  private readonly lastTouch = new Map<string, number>();
  private readonly options: Required<Omit<GroupCommitOptions, "onError">> &
    Pick<GroupCommitOptions, "onError">;
  /** How many write statements were sent (for tests and stats). */
  writes = 0;

  constructor(
    private readonly db: Db,
    options: GroupCommitOptions = {},
  ) {
    this.options = {
      maxBatch: options.maxBatch ?? 2000,
      retryMs: options.retryMs ?? 50,
      maxRetryMs: options.maxRetryMs ?? 2000,
      touchEveryMs: options.touchEveryMs ?? 5000,
      now: options.now ?? (() => new Date()),
      onError: options.onError,
    };
  }

  /** Updates waiting or being written. */
  get pending(): number {
    return this.queue.length + (this.running ? 1 : 0);
  }

  /** Queues an update; the write starts on the next turn of the event loop if none is running. */
  add(entry: CommitEntry): void {
    this.queue.push(entry);
    if (!this.running) {
      this.running = new Promise<void>((resolve) => setImmediate(resolve)).then(() => this.drain());
    }
  }

  /** Resolves when everything queued so far is written (used on shutdown). */
  async flush(): Promise<void> {
    while (this.running) {
      await this.running;
    }
  }

  private async drain(): Promise<void> {
    try {
      while (this.queue.length > 0) {
        const batch = this.queue.splice(0, this.options.maxBatch);
        await this.writeWithRetry(batch);
      }
    } finally {
      this.running = null;
    }
  }

  private async writeWithRetry(batch: CommitEntry[]): Promise<void> {
    let wait = this.options.retryMs;
    for (let attempt = 1; ; attempt++) {
      try {
        this.writes++;
        await appendUpdates(
          this.db,
          batch.filter((e) => e.data.byteLength > 0),
        );
        break;
      } catch (err) {
        if (isMissingDocument(err)) {
          // a document was deleted while edits were in flight: store the others, drop its own
          await this.writeOneByOne(batch);
          return;
        }
        this.options.onError?.(err, attempt);
        await new Promise((r) => setTimeout(r, wait));
        wait = Math.min(wait * 2, this.options.maxRetryMs);
      }
    }
    await this.touch(batch);
    for (const entry of batch) {
      entry.done(true);
    }
  }

  private async writeOneByOne(batch: CommitEntry[]): Promise<void> {
    for (const entry of batch) {
      try {
        if (entry.data.byteLength > 0) {
          this.writes++;
          await appendUpdates(this.db, [entry]);
        }
        entry.done(true);
      } catch (err) {
        if (!isMissingDocument(err)) {
          // not the deleted document's fault: back into the queue, in order, for the next round
          this.queue.unshift(...batch.slice(batch.indexOf(entry)));
          this.options.onError?.(err, 1);
          await new Promise((r) => setTimeout(r, this.options.retryMs));
          return;
        }
        entry.done(false);
      }
    }
  }

  private async touch(batch: CommitEntry[]): Promise<void> {
    const now = this.options.now();
    const touched = new Map<string, string | null>();
    for (const entry of batch) {
      if (entry.data.byteLength === 0) {
        continue;
      }
      const last = this.lastTouch.get(entry.documentId) ?? 0;
      if (now.getTime() - last >= this.options.touchEveryMs) {
        touched.set(entry.documentId, entry.userId);
      }
    }
    if (touched.size === 0) {
      return;
    }
    for (const id of touched.keys()) {
      this.lastTouch.set(id, now.getTime());
    }
    try {
      await touchDocuments(this.db, touched, now);
    } catch (err) {
      // "last edited" is a courtesy; the updates themselves are stored
      this.options.onError?.(err, 1);
    }
    if (this.lastTouch.size > 10_000) {
      this.lastTouch.clear();
    }
  }
}

function isMissingDocument(err: unknown): boolean {
  return (
    typeof err === "object" && err !== null && "code" in err && (err as { code: unknown }).code === "23503"
  );
}
