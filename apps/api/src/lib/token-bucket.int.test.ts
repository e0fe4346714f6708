import { Redis } from "ioredis";
import { afterAll, describe, expect, it } from "vitest";
import { TokenBucket } from "./token-bucket.ts";

// The same behaviour from both stores: in memory always, in Redis when TEST_REDIS_URL is set.
const redisUrl = process.env.TEST_REDIS_URL;
const redis = redisUrl ? new Redis(redisUrl, { maxRetriesPerRequest: 2 }) : undefined;
const prefix = `ensemble-test-tb-${process.pid}-${Math.random().toString(36).slice(2)}`;
afterAll(async () => {
  if (redis) {
    const keys = await redis.keys(`${prefix}:*`);
    if (keys.length) {
      await redis.del(...keys);
    }
    redis.disconnect();
  }
});

const stores: Array<[string, Redis | undefined]> = [["memory", undefined]];
if (redis) {
  stores.push(["redis", redis]);
}

describe.each(stores)("token bucket in %s", (store, client) => {
  it("allows a burst up to its capacity, then one request per refill interval", async () => {
    let now = 1_000_000;
    const bucket = new TokenBucket(
      { capacity: 3, refillPerSecond: 0.1 },
      () => now,
      client,
      `${prefix}:${store}`,
    );
    for (let i = 0; i < 3; i++) {
      expect(await bucket.take("ip-a")).toEqual({ ok: true });
    }
    expect(await bucket.take("ip-a")).toEqual({ ok: false, retryAfterMs: 10_000 });
    expect(await bucket.take("ip-b")).toEqual({ ok: true }); // another key has its own bucket
    now += 4_000;
    const waiting = await bucket.take("ip-a");
    expect(waiting.ok).toBe(false);
    expect(waiting.ok ? 0 : waiting.retryAfterMs).toBe(6_000);
    now += 6_000;
    expect(await bucket.take("ip-a")).toEqual({ ok: true });
    expect((await bucket.take("ip-a")).ok).toBe(false);
    now += 60_000; // refills to capacity, never beyond
    for (let i = 0; i < 3; i++) {
      expect((await bucket.take("ip-a")).ok).toBe(true);
    }
    expect((await bucket.take("ip-a")).ok).toBe(false);
  });
});

it("keeps limiting in memory while Redis is unreachable", async () => {
  const dead = new Redis({
    port: 1,
    host: "127.0.0.1",
    lazyConnect: true,
    maxRetriesPerRequest: 0,
    retryStrategy: () => null,
  });
  dead.on("error", () => {}); // the refused connection is the point of this test
  const bucket = new TokenBucket({ capacity: 2, refillPerSecond: 0.01 }, () => 5_000, dead, `${prefix}:dead`);
  expect((await bucket.take("ip")).ok).toBe(true);
  expect((await bucket.take("ip")).ok).toBe(true);
  expect((await bucket.take("ip")).ok).toBe(false);
  dead.disconnect();
});
