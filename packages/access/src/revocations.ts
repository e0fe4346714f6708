import { EventEmitter } from "node:events";
import type { Redis } from "ioredis";

/**
 * "This person lost access to this scope": published when someone is removed or leaves, so
 * every process holding live connections for them (collab sockets, event streams) closes them
 * at once. Also published when access narrows (a role change, an archived project): listeners
 * re-check access and downgrade or close what no longer fits. HTTP needs no signal: every request is authorised against the database afresh.
 */
export interface AccessRevocation {
  /** The person who lost access, or "*" for everyone (the resource itself went to the trash). */
  userId: string;
  scope: { kind: "organisation" | "network" | "project" | "document"; id: string };
}

export interface RevocationBus {
  publish(revocation: AccessRevocation): Promise<void>;
  /** Calls `listener` for every revocation from any process; returns the unsubscribe. */
  subscribe(listener: (revocation: AccessRevocation) => void): () => void;
  close(): Promise<void>;
}

/** One process: revocations go straight to this process's listeners. */
export function memoryRevocationBus(): RevocationBus {
  const emitter = new EventEmitter();
  emitter.setMaxListeners(0);
  return {
    async publish(revocation) {
      emitter.emit("revocation", revocation);
    },
    subscribe(listener) {
      emitter.on("revocation", listener);
      return () => emitter.off("revocation", listener);
    },
    async close() {
      emitter.removeAllListeners();
    },
  };
}

/**
 * Several processes: revocations travel over Redis pub/sub. A lost message is tolerable here
 * because live connections also re-check access when they (re)connect; the signal only makes
 * the cut immediate.
 */
export function redisRevocationBus(publisher: Redis, channel = "ensemble:access-revoked"): RevocationBus {
  const local = new EventEmitter();
  local.setMaxListeners(0);
  let subscriber: Redis | undefined;
  const ensureSubscriber = () => {
    if (subscriber) {
      return;
    }
    subscriber = publisher.duplicate();
    subscriber.on("error", () => {
      // reconnects by itself; publishing processes keep working meanwhile
    });
    subscriber.on("message", (ch: string, message: string) => {
      if (ch !== channel) {
        return;
      }
      try {
        local.emit("revocation", JSON.parse(message) as AccessRevocation);
      } catch {
        // not ours
      }
    });
    void subscriber.subscribe(channel);
  };
  return {
    async publish(revocation) {
      await publisher.publish(channel, JSON.stringify(revocation));
    },
    subscribe(listener) {
      ensureSubscriber();
      local.on("revocation", listener);
      return () => local.off("revocation", listener);
    },
    async close() {
      local.removeAllListeners();
      subscriber?.disconnect();
    },
  };
}
