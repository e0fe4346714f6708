import { EventEmitter } from "node:events";
import type { Redis } from "ioredis";

/**
 * "New events are in the log": after a transaction that appended events commits, its service
 * calls `notify()`, and every API process's live stream reads the log from where it was. The
 * signal carries no event (the database is the truth), so a lost signal only delays delivery
 * until the next one or the stream's periodic check.
 */
export interface EventNotifier {
  /** Wakes the live streams of every process (this one at once). Never throws. */
  notify(): void;
  /** Calls `listener` on every signal from any process; returns the unsubscribe. */
  subscribe(listener: () => void): () => void;
  close(): Promise<void>;
}

/** One process: the signal goes straight to this process's listeners. */
export function memoryEventNotifier(): EventNotifier {
  const emitter = new EventEmitter();
  emitter.setMaxListeners(0);
  return {
    notify() {
      emitter.emit("events");
    },
    subscribe(listener) {
      emitter.on("events", listener);
      return () => emitter.off("events", listener);
    },
    async close() {
      emitter.removeAllListeners();
    },
  };
}

/** Several processes: the signal also travels over Redis pub/sub. */
export function redisEventNotifier(publisher: Redis, channel = "ensemble:events"): EventNotifier {
  const local = new EventEmitter();
  local.setMaxListeners(0);
  let subscriber: Redis | undefined;
  const ensureSubscriber = () => {
    if (subscriber) {
      return;
    }
    subscriber = publisher.duplicate();
    subscriber.on("error", () => {
      // reconnects by itself; the streams' periodic check covers the gap
    });
    subscriber.on("message", (ch: string) => {
      if (ch === channel) {
        local.emit("events");
      }
    });
    void subscriber.subscribe(channel);
  };
  return {
    notify() {
      local.emit("events");
      publisher.publish(channel, "1").catch(() => undefined);
    },
    subscribe(listener) {
      ensureSubscriber();
      local.on("events", listener);
      return () => local.off("events", listener);
    },
    async close() {
      local.removeAllListeners();
      subscriber?.disconnect();
      subscriber = undefined;
    },
  };
}
