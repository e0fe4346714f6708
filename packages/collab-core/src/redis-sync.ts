import type { Redis } from "ioredis";

/**
 * Keeps several collaboration processes serving one document converged through Redis Streams:
 * one stream per document, ordered and replayable from the last id a process has seen, so a
 * process whose Redis connection dropped catches up instead of losing what was said meanwhile
 * (pub/sub would not: Hocuspocus #800). PostgreSQL stays the source of truth: the process that
 * received an update stores it; the stream only carries it to the others' clients.
 */
export class RedisSync {
  /** The blocking reader's own connection (separate from the publishing one). */
  readonly reader: Redis;
  private readonly lastIds = new Map<string, string>();
  private closed = false;
  private wake: (() => void) | null = null;
  private readonly loop: Promise<void>;

  constructor(
    private readonly redis: Redis,
    private readonly onUpdate: (documentId: string, update: Uint8Array) => void,
    private readonly options: {
      processId: string;
      prefix?: string;
      /** Entries kept per stream (approximately). */
      maxLen?: number;
      /** A newly tracked document replays this far back, covering updates not yet stored. */
      replayMs?: number;
      onError?: (err: unknown) => void;
    },
  ) {
    this.reader = redis.duplicate();
    this.reader.on("error", (err: unknown) => this.options.onError?.(err));
    this.loop = this.run();
  }

  private key(documentId: string): string {
    return `${this.options.prefix ?? "ensemble:collab"}:doc:${documentId}`;
  }

  /** Publishes an update this process received. */
  publish(documentId: string, update: Uint8Array): void {
    this.redis
      .xadd(
        this.key(documentId),
        "MAXLEN",
        "~",
        String(this.options.maxLen ?? 10_000),
        "*",
        "p",
        this.options.processId,
        "u",
        Buffer.from(update.buffer, update.byteOffset, update.byteLength),
      )
      .catch((err: unknown) => this.options.onError?.(err));
  }

  /** Starts following a document (its room was loaded here). */
  track(documentId: string): void {
    const from = Date.now() - (this.options.replayMs ?? 10_000);
    this.lastIds.set(documentId, `${Math.max(0, from)}-0`);
    this.wake?.();
  }

  /** Stops following a document (its room was unloaded). */
  untrack(documentId: string): void {
    this.lastIds.delete(documentId);
  }

  private async run(): Promise<void> {
    while (!this.closed) {
      if (this.lastIds.size === 0) {
        await new Promise<void>((resolve) => {
          this.wake = resolve;
          setTimeout(resolve, 1000).unref();
        });
        this.wake = null;
        continue;
      }
      const ids = [...this.lastIds.keys()];
      try {
        const result = await this.reader.xreadBuffer(
          "COUNT",
          1000,
          "BLOCK",
          200,
          "STREAMS",
          ...ids.map((id) => this.key(id)),
          ...ids.map((id) => this.lastIds.get(id) ?? "0"),
        );
        if (!result) {
          continue;
        }
        for (const [keyBuf, entries] of result) {
          const documentId = keyBuf.toString().split(":doc:")[1] ?? "";
          for (const [idBuf, fields] of entries) {
            if (this.lastIds.has(documentId)) {
              this.lastIds.set(documentId, idBuf.toString());
            }
            let from = "";
            let update: Buffer | undefined;
            for (let i = 0; i + 1 < fields.length; i += 2) {
              const name = fields[i]?.toString();
              if (name === "p") {
                from = fields[i + 1]?.toString() ?? "";
              } else if (name === "u") {
                update = fields[i + 1];
              }
            }
            if (update && from !== this.options.processId && this.lastIds.has(documentId)) {
              this.onUpdate(documentId, new Uint8Array(update.buffer, update.byteOffset, update.byteLength));
            }
          }
        }
      } catch (err) {
        if (this.closed) {
          return;
        }
        this.options.onError?.(err);
        await new Promise((r) => setTimeout(r, 500));
      }
    }
  }

  /** Stops reading. */
  async close(): Promise<void> {
    this.closed = true;
    this.wake?.();
    this.reader.disconnect();
    await this.loop.catch(() => undefined);
  }
}
