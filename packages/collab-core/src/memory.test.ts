import { afterEach, describe, expect, it, vi } from "vitest";
import { MemoryRelease } from "./memory.ts";

afterEach(() => {
  vi.useRealTimers();
});

describe("the full collection after rooms unload", () => {
  it("waits for a wave to settle, but not forever when unloads keep coming, and keeps its cooldown", () => {
    vi.useFakeTimers();
    const pauses: number[] = [];
    const memory = new MemoryRelease(
      { rooms: 2, bytes: Number.POSITIVE_INFINITY, settleMs: 100, cooldownMs: 10_000 },
      (ms) => pauses.push(ms),
    );
    memory.unloaded(10);
    vi.advanceTimersByTime(1000);
    expect(memory.collections).toBe(0); // below the threshold
    // past it, and an unload every 50 ms: each would put off a plain debounce again
    for (let i = 0; i < 20; i++) {
      memory.unloaded(10);
      vi.advanceTimersByTime(50);
    }
    // collected within five settling times of crossing the threshold, while the wave went on
    expect(memory.collections).toBe(1);
    expect(pauses).toHaveLength(1);
    // the next wave waits for the cooldown
    memory.unloaded(10);
    memory.unloaded(10);
    vi.advanceTimersByTime(5_000);
    expect(memory.collections).toBe(1);
    vi.advanceTimersByTime(5_000);
    expect(memory.collections).toBe(2);
    memory.stop();
  });
});
