import { describe, expect, it, vi } from "vitest";
import { type EventSourceLike, LIVE_EVENT_TYPES, LiveEvents, type LiveEventsOptions } from "./events.ts";

/** A stand-in for the browser's EventSource that the test drives. */
class FakeSource implements EventSourceLike {
  readyState = 0;
  onopen: ((event: Event) => void) | null = null;
  onerror: ((event: Event) => void) | null = null;
  closed = false;
  private readonly listeners = new Map<string, ((event: MessageEvent<string>) => void)[]>();

  constructor(readonly url: string) {}

  addEventListener(type: string, listener: (event: MessageEvent<string>) => void): void {
    this.listeners.set(type, [...(this.listeners.get(type) ?? []), listener]);
  }

  close(): void {
    this.closed = true;
    this.readyState = 2;
  }

  open(): void {
    this.readyState = 1;
    this.onopen?.(new Event("open"));
  }

  /** The server sent `event: type` with this data. */
  emit(type: string, data: unknown): void {
    const text = typeof data === "string" ? data : JSON.stringify(data);
    for (const l of this.listeners.get(type) ?? []) {
      l(new MessageEvent(type, { data: text }));
    }
  }

  /** A dropped connection the browser retries (readyState CONNECTING) or gives up on (CLOSED). */
  fail(givesUp: boolean): void {
    this.readyState = givesUp ? 2 : 0;
    this.onerror?.(new Event("error"));
  }
}

function setup(options: Partial<LiveEventsOptions> = {}) {
  const sources: FakeSource[] = [];
  const timers: { fn: () => void; ms: number; cleared: boolean }[] = [];
  const stream = new LiveEvents({
    createSource: (url) => {
      const s = new FakeSource(url);
      sources.push(s);
      return s;
    },
    backoffMs: (attempt) => attempt * 1_000,
    setTimer: (fn, ms) => {
      const timer = { fn, ms, cleared: false };
      timers.push(timer);
      return timer;
    },
    clearTimer: (timer) => {
      (timer as { cleared: boolean }).cleared = true;
    },
    ...options,
  });
  const last = () => sources[sources.length - 1] as FakeSource;
  return { stream, sources, timers, last };
}

const comments = (id: string, documentId = "d1") => ({
  id,
  at: "2026-12-01T10:00:00.000Z",
  actorId: "u1",
  type: "document.comments.changed",
  data: { projectId: "p1", documentId },
});

describe("LiveEvents", () => {
  it("listens to every event type of the contract", () => {
    expect(LIVE_EVENT_TYPES).toEqual(
      expect.arrayContaining(["task.changed", "document.comments.changed", "stream.reset"]),
    );
  });

  it("opens one stream, reports its state, and hands typed events to the handlers of their type", () => {
    const { stream, sources, last } = setup();
    const states: string[] = [];
    stream.onStateChange(() => states.push(stream.state));
    const got: string[] = [];
    const other = vi.fn();
    stream.subscribe("document.comments.changed", (e) => got.push(`${e.id}:${e.data.documentId}`));
    stream.subscribe("board.changed", other);
    stream.start();
    stream.start(); // once only
    expect(sources).toHaveLength(1);
    expect(last().url).toBe("/api/events");
    last().open();
    last().emit("document.comments.changed", comments("7", "d9"));
    expect(got).toEqual(["7:d9"]);
    expect(other).not.toHaveBeenCalled();
    expect(stream.lastEventId).toBe("7");
    expect(states).toEqual(["connecting", "open"]);
  });

  it("ignores events that do not fit the contract, and a failing handler stops no other", () => {
    const { stream, last } = setup();
    const seen = vi.fn();
    const error = vi.spyOn(console, "error").mockImplementation(() => undefined);
    stream.subscribe("document.comments.changed", () => {
      throw new Error("bug in one feature");
    });
    stream.subscribe("document.comments.changed", seen);
    stream.start();
    last().emit("document.comments.changed", "{not json");
    last().emit("document.comments.changed", { ...comments("8"), data: { projectId: 1 } });
    expect(seen).not.toHaveBeenCalled();
    expect(stream.lastEventId).toBeUndefined();
    last().emit("document.comments.changed", comments("9"));
    expect(seen).toHaveBeenCalledTimes(1);
    expect(error).toHaveBeenCalledTimes(1);
    error.mockRestore();
  });

  it("calls onReset on stream.reset (the app then refetches everything)", () => {
    const { stream, last } = setup();
    const onReset = vi.fn();
    stream.start({ onReset });
    last().emit("stream.reset", {
      id: "40",
      at: "2026-12-01T10:00:00.000Z",
      actorId: null,
      type: "stream.reset",
      data: {},
    });
    expect(onReset).toHaveBeenCalledTimes(1);
    expect(stream.lastEventId).toBe("40");
  });

  it("leaves a dropped connection to the browser's own reconnect (it sends Last-Event-ID)", () => {
    const { stream, sources, timers, last } = setup();
    stream.start();
    last().open();
    last().fail(false);
    expect(stream.state).toBe("reconnecting");
    expect(sources).toHaveLength(1);
    expect(timers).toHaveLength(0);
    last().open();
    expect(stream.state).toBe("open");
  });

  it("after a refusal makes a new stream after a growing pause, resuming after the last event", () => {
    const { stream, sources, timers, last } = setup();
    const onRefused = vi.fn();
    stream.start({ onRefused });
    last().open();
    last().emit("document.comments.changed", comments("12"));
    last().fail(true);
    expect(onRefused).toHaveBeenCalledTimes(1);
    expect(sources[0]?.closed).toBe(true);
    expect(timers.map((t) => t.ms)).toEqual([1_000]);
    timers[0]?.fn();
    expect(last().url).toBe("/api/events?after=12");
    last().fail(true);
    expect(timers.map((t) => t.ms)).toEqual([1_000, 2_000]);
    timers[1]?.fn();
    last().open();
    expect(stream.state).toBe("open");
    // a success starts the pauses over
    last().fail(true);
    expect(timers[2]?.ms).toBe(1_000);
  });

  it("closes the stream and any pending reconnect on stop, and ignores the old stream afterwards", () => {
    const { stream, sources, timers, last } = setup();
    const seen = vi.fn();
    stream.subscribe("document.comments.changed", seen);
    stream.start();
    const first = last();
    first.fail(true);
    stream.stop();
    expect(timers[0]?.cleared).toBe(true);
    expect(stream.state).toBe("idle");
    first.emit("document.comments.changed", comments("1"));
    expect(seen).not.toHaveBeenCalled();
    stream.start();
    expect(sources).toHaveLength(2);
    last().emit("document.comments.changed", comments("2"));
    expect(seen).toHaveBeenCalledTimes(1);
  });

  it("resumes after the last event for the same person, but not for someone else", () => {
    const { stream, last } = setup();
    stream.start({}, "u1");
    last().emit("document.comments.changed", comments("21"));
    stream.stop();
    stream.start({}, "u1");
    expect(last().url).toBe("/api/events?after=21");
    stream.stop();
    stream.start({}, "u2");
    expect(last().url).toBe("/api/events");
    expect(stream.lastEventId).toBeUndefined();
  });

  it("unsubscribes", () => {
    const { stream, last } = setup();
    const seen = vi.fn();
    const off = stream.subscribe("document.comments.changed", seen);
    stream.start();
    off();
    last().emit("document.comments.changed", comments("3"));
    expect(seen).not.toHaveBeenCalled();
  });
});
