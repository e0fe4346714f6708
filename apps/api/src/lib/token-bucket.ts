import type { Redis } from "ioredis";

export interface TokenBucketOptions {
  /** Most requests allowed in a burst (the bucket starts full). */
  capacity: number;
  /** Tokens added back per second, up to the capacity. */
  refillPerSecond: number;
}

export type TakeResult = { ok: true } | { ok: false; retryAfterMs: number };

// One atomic step in Redis: refill by the time passed, then take a token if there is one.
// KEYS[1] bucket; ARGV: capacity, tokens per ms, now (ms), ttl (ms). Returns {allowed, wait ms}.
const TAKE_SCRIPT = `
local capacity = tonumber(ARGV[1])
local rate = tonumber(ARGV[2])
local now = tonumber(ARGV[3])
local state = redis.call('HMGET', KEYS[1], 't', 'a')
local tokens = tonumber(state[1]) or capacity
local at = tonumber(state[2]) or now
if now > at then
  tokens = math.min(capacity, tokens + (now - at) * rate)
  at = now
end
local allowed = 0
local wait = 0
if tokens >= 1 then
  tokens = tokens - 1
  allowed = 1
else
  wait = math.ceil((1 - tokens) / rate)
end
redis.call('HSET', KEYS[1], 't', tostring(tokens), 'a', tostring(at))
redis.call('PEXPIRE', KEYS[1], ARGV[4])
return {allowed, wait}
`;

/**
 * A token bucket per key: bursts up to `capacity`, then a steady `refillPerSecond`. Kept in Redis
 * (one Lua script, atomic across API processes) when given, else in memory; while Redis is
 * unreachable the in-memory bucket stands in, so a Redis outage never lifts the limit.
 */
export class TokenBucket {
  private readonly perMs: number;
  private readonly local = new Map<string, { tokens: number; at: number }>();

  constructor(
    private readonly options: TokenBucketOptions,
    private readonly now: () => number = Date.now,
    private readonly redis?: Redis,
    private readonly prefix = "ensemble:tb",
  ) {
    this.perMs = options.refillPerSecond / 1000;
  }

  /** Takes one token for `key`, or says how long until one is there. */
  async take(key: string): Promise<TakeResult> {
    if (this.redis) {
      try {
        const ttl = Math.ceil(this.options.capacity / this.perMs) + 1000;
        const [allowed, wait] = (await this.redis.eval(
          TAKE_SCRIPT,
          1,
          `${this.prefix}:${key}`,
          this.options.capacity,
          this.perMs,
          this.now(),
          ttl,
        )) as [number, number];
        return allowed === 1 ? { ok: true } : { ok: false, retryAfterMs: wait };
      } catch {
        // fall through to the in-memory bucket
      }
    }
    return this.takeLocal(key);
  }

  private takeLocal(key: string): TakeResult {
    const now = this.now();
    const { capacity } = this.options;
    const state = this.local.get(key) ?? { tokens: capacity, at: now };
    if (now > state.at) {
      state.tokens = Math.min(capacity, state.tokens + (now - state.at) * this.perMs);
      state.at = now;
    }
    if (this.local.size > 10_000) {
      this.prune(now);
    }
    if (state.tokens >= 1) {
      state.tokens -= 1;
      this.local.set(key, state);
      return { ok: true };
    }
    this.local.set(key, state);
    return { ok: false, retryAfterMs: Math.ceil((1 - state.tokens) / this.perMs) };
  }

  /** Forgets buckets that have refilled completely: they hold nothing a new bucket would not. */
  private prune(now: number): void {
    for (const [key, state] of this.local) {
      if (state.tokens + (now - state.at) * this.perMs >= this.options.capacity) {
        this.local.delete(key);
      }
    }
  }
}
