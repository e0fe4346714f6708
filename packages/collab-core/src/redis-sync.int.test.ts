import { randomUUID } from "node:crypto";
import { Redis } from "ioredis";
import { afterAll, describe, expect, it } from "vitest";
import { RedisSync } from "./redis-sync.ts";
import { until } from "./testing.ts";

const url = process.env.TEST_REDIS_URL;

describe.runIf(Boolean(url))("Redis Streams between collaboration processes", () => {
  const prefix = `ensemble-test:${randomUUID()}`;
  const connections: Redis[] = [];
  const syncs: RedisSync[] = [];
  function connection(): Redis {
    const r = new Redis(url ?? "", { maxRetriesPerRequest: 2 });
    r.on("error", () => undefined);
    connections.push(r);
    return r;
  }
  function process(id: string, got: string[]): RedisSync {
    const s = new RedisSync(connection(), (_doc, u) => got.push(Buffer.from(u).toString()), {
      processId: id,
      prefix,
      onError: () => undefined,
    });
    syncs.push(s);
    return s;
  }
  afterAll(async () => {
    for (const s of syncs) {
      await s.close();
    }
    const r = connection();
    const keys = await r.keys(`${prefix}:*`);
    if (keys.length > 0) {
      await r.del(...keys);
    }
    for (const c of connections) {
      c.disconnect();
    }
  });

  it("delivers another process's updates in order, replays recent ones to a late follower, skips its own", async () => {
    const doc = randomUUID();
    const gotA: string[] = [];
    const gotB: string[] = [];
    const a = process("a", gotA);
    const b = process("b", gotB);
    b.publish(doc, Buffer.from("1"));
    b.publish(doc, Buffer.from("2"));
    await until(async () => (await connections[1]?.xlen(`${prefix}:doc:${doc}`)) === 2);
    // A starts following after they were sent: the replay window brings them
    a.track(doc);
    b.track(doc);
    await until(() => gotA.length === 2, 5000, "replay");
    b.publish(doc, Buffer.from("3"));
    await until(() => gotA.length === 3, 5000, "live delivery");
    expect(gotA).toEqual(["1", "2", "3"]);
    expect(gotB).toEqual([]);
  });

  it("catches up on what was published while its connection was down", async () => {
    const doc = randomUUID();
    const got: string[] = [];
    const a = process("a2", got);
    const b = process("b2", []);
    a.track(doc);
    b.publish(doc, Buffer.from("before"));
    await until(() => got.length === 1, 5000, "first update");
    const readerId = await a.reader.client("ID");
    const admin = connection();
    await admin.client("KILL", "ID", String(readerId));
    for (let i = 0; i < 5; i++) {
      b.publish(doc, Buffer.from(`during-${i}`));
    }
    await until(() => got.length === 6, 10_000, "catch-up after reconnect");
    expect(got).toEqual(["before", "during-0", "during-1", "during-2", "during-3", "during-4"]);
  });
});
