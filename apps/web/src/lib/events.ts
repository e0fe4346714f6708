import { LiveEvent, type LiveEventType } from "@ensemble/contracts/events";
import { useQueryClient } from "@tanstack/react-query";
import { useEffect, useRef, useSyncExternalStore } from "react";

/**
 * The live event stream: one EventSource per signed-in client (`GET /api/events`), opened by the
 * app shell after sign-in and closed when it goes (sign-out reloads the page). Features listen
 * with `useLiveEvent(type, handler)`; every event is checked against the contract first.
 *
 * Reconnecting: after a dropped connection the browser reconnects by itself and sends
 * `Last-Event-ID`, and the server replays what was missed. When the server refused the
 * connection (401, 429, 5xx, a proxy's error page) EventSource gives up for good; then a new
 * one is made after a growing pause, resuming with `?after=` the last event seen. On
 * `stream.reset` (away longer than the server keeps events) every query is fetched again.
 */

/** How the stream is doing: `open` means changes of others arrive as they happen. */
export type LiveConnectionState = "idle" | "connecting" | "open" | "reconnecting";

/** The event of one type, as a handler receives it. */
export type LiveEventOf<T extends LiveEventType> = Extract<LiveEvent, { type: T }>;

/** The part of the browser's EventSource this module uses (tests pass a stand-in). */
export interface EventSourceLike {
  readonly readyState: number;
  onopen: ((event: Event) => void) | null;
  onerror: ((event: Event) => void) | null;
  addEventListener(type: string, listener: (event: MessageEvent<string>) => void): void;
  close(): void;
}

/** EventSource.CLOSED: the browser will not reconnect by itself. */
const CLOSED = 2;

/** Every event type of the contract (each is its own SSE `event:` name). */
export const LIVE_EVENT_TYPES: readonly LiveEventType[] = LiveEvent.options.map((o) => o.shape.type.value);

export interface LiveEventsOptions {
  url?: string;
  createSource?: (url: string) => EventSourceLike;
  /** Pause before the n-th new EventSource after a refusal (n from 1). */
  backoffMs?: (attempt: number) => number;
  setTimer?: (fn: () => void, ms: number) => unknown;
  clearTimer?: (timer: unknown) => void;
}

/** What the app does on the stream's signals. */
export interface LiveEventsHooks {
  /** Events were lost for good (`stream.reset`): fetch everything shown again. */
  onReset?: () => void;
  /** The server refused the stream: maybe the session ended (check who is signed in). */
  onRefused?: () => void;
}

type Handler = (event: LiveEvent) => void;

/** Up to 30 s, doubling from 1 s, with jitter so a restarted server is not hit all at once. */
export function defaultBackoff(attempt: number): number {
  const base = Math.min(30_000, 1_000 * 2 ** Math.max(0, attempt - 1));
  return Math.round(base * (0.75 + Math.random() * 0.5));
}

/** One client's live stream (see the module comment). */
export class LiveEvents {
  private source: EventSourceLike | undefined;
  private timer: unknown;
  private attempt = 0;
  private running = false;
  private hooks: LiveEventsHooks = {};
  private owner: string | undefined;
  private readonly handlers = new Map<LiveEventType, Set<Handler>>();
  private readonly stateListeners = new Set<() => void>();
  private currentState: LiveConnectionState = "idle";
  /** The id of the last event received (sent as `after` by a new EventSource). */
  lastEventId: string | undefined;

  private readonly url: string;
  private readonly createSource: (url: string) => EventSourceLike;
  private readonly backoffMs: (attempt: number) => number;
  private readonly setTimer: (fn: () => void, ms: number) => unknown;
  private readonly clearTimer: (timer: unknown) => void;

  constructor(options: LiveEventsOptions = {}) {
    this.url = options.url ?? "/api/events";
    this.createSource =
      options.createSource ?? ((url) => new EventSource(url, { withCredentials: true }) as EventSourceLike);
    this.backoffMs = options.backoffMs ?? defaultBackoff;
    this.setTimer = options.setTimer ?? ((fn, ms) => setTimeout(fn, ms));
    this.clearTimer = options.clearTimer ?? ((t) => clearTimeout(t as ReturnType<typeof setTimeout>));
  }

  get state(): LiveConnectionState {
    return this.currentState;
  }

  /**
   * Opens the stream (once; a second start only updates the hooks). `owner` names whose stream it
   * is: a stream started for someone else (signed out, another person signed in without a page
   * load) does not resume after the previous person's last event.
   */
  start(hooks: LiveEventsHooks = {}, owner?: string): void {
    this.hooks = hooks;
    if (this.running) {
      return;
    }
    if (owner !== this.owner) {
      this.owner = owner;
      this.lastEventId = undefined;
    }
    this.running = true;
    this.attempt = 0;
    this.connect();
  }

  /** Closes the stream; handlers stay subscribed for the next start. */
  stop(): void {
    this.running = false;
    if (this.timer !== undefined) {
      this.clearTimer(this.timer);
      this.timer = undefined;
    }
    this.source?.close();
    this.source = undefined;
    this.setState("idle");
  }

  /** Calls `handler` for every event of `type`; returns the unsubscribe. */
  subscribe<T extends LiveEventType>(type: T, handler: (event: LiveEventOf<T>) => void): () => void {
    let set = this.handlers.get(type);
    if (!set) {
      set = new Set();
      this.handlers.set(type, set);
    }
    const h = handler as Handler;
    set.add(h);
    return () => {
      set.delete(h);
    };
  }

  /** For useSyncExternalStore. */
  onStateChange(listener: () => void): () => void {
    this.stateListeners.add(listener);
    return () => {
      this.stateListeners.delete(listener);
    };
  }

  private connect(): void {
    this.timer = undefined;
    const url = this.lastEventId ? `${this.url}?after=${encodeURIComponent(this.lastEventId)}` : this.url;
    const source = this.createSource(url);
    this.source = source;
    this.setState(this.attempt === 0 ? "connecting" : "reconnecting");
    source.onopen = () => {
      if (this.source !== source) {
        return;
      }
      this.attempt = 0;
      this.setState("open");
    };
    source.onerror = () => {
      if (this.source !== source) {
        return;
      }
      if (source.readyState !== CLOSED) {
        // the browser reconnects by itself, with Last-Event-ID
        this.setState("reconnecting");
        return;
      }
      source.close();
      this.source = undefined;
      this.setState("reconnecting");
      this.hooks.onRefused?.();
      this.attempt++;
      this.timer = this.setTimer(() => {
        if (this.running) {
          this.connect();
        }
      }, this.backoffMs(this.attempt));
    };
    for (const type of LIVE_EVENT_TYPES) {
      source.addEventListener(type, (message) => {
        if (this.source === source) {
          this.receive(message);
        }
      });
    }
  }

  private receive(message: MessageEvent<string>): void {
    let parsed: ReturnType<typeof LiveEvent.safeParse>;
    try {
      parsed = LiveEvent.safeParse(JSON.parse(message.data));
    } catch {
      return;
    }
    if (!parsed.success) {
      // from a newer server, or broken: nothing a handler could rely on
      return;
    }
    const event = parsed.data;
    this.lastEventId = event.id;
    if (event.type === "stream.reset") {
      this.hooks.onReset?.();
    }
    for (const handler of this.handlers.get(event.type) ?? []) {
      try {
        handler(event);
      } catch (error) {
        // one feature's bug must not stop the others from hearing of the event
        console.error(error);
      }
    }
  }

  private setState(state: LiveConnectionState): void {
    if (state === this.currentState) {
      return;
    }
    this.currentState = state;
    for (const listener of this.stateListeners) {
      listener();
    }
  }
}

let shared: LiveEvents | undefined;

/** The app's one stream. */
export function liveEvents(): LiveEvents {
  shared ??= new LiveEvents();
  return shared;
}

/**
 * Opens the stream while the calling component (the signed-in app shell) is mounted, for the
 * signed-in person `userId`. A reset refetches every query; a refusal re-checks who is signed in
 * (a 401 there signs out).
 */
export function useLiveEventStream(userId: string | undefined): void {
  const queryClient = useQueryClient();
  useEffect(() => {
    if (userId === undefined) {
      return;
    }
    const stream = liveEvents();
    stream.start(
      {
        onReset: () => void queryClient.invalidateQueries(),
        onRefused: () => void queryClient.invalidateQueries({ queryKey: ["me"] }),
      },
      userId,
    );
    return () => stream.stop();
  }, [queryClient, userId]);
}

/**
 * Calls `handler` for every live event of `type` while the component is mounted. The handler
 * may change between renders (the latest one is called); pass `enabled: false` to pause.
 */
export function useLiveEvent<T extends LiveEventType>(
  type: T,
  handler: (event: LiveEventOf<T>) => void,
  enabled = true,
): void {
  const latest = useRef(handler);
  latest.current = handler;
  useEffect(() => {
    if (!enabled) {
      return;
    }
    return liveEvents().subscribe(type, (event) => latest.current(event));
  }, [type, enabled]);
}

/**
 * Calls `onResync` each time the stream opens while the component is mounted (not when it was
 * open already at mount). What the component fetched before that may lack changes made while the
 * stream was not open (a first connection starts from "now", not from when the data was fetched),
 * so it fetches again; from then on the events keep it current.
 */
export function useLiveResync(onResync: () => void): void {
  const latest = useRef(onResync);
  latest.current = onResync;
  useEffect(() => {
    const stream = liveEvents();
    let wasOpen = stream.state === "open";
    return stream.onStateChange(() => {
      const open = stream.state === "open";
      if (open && !wasOpen) {
        latest.current();
      }
      wasOpen = open;
    });
  }, []);
}

/** The stream's state, for a "live" indicator or to poll while it is not open. */
export function useLiveConnectionState(): LiveConnectionState {
  const stream = liveEvents();
  return useSyncExternalStore(
    (listener) => stream.onStateChange(listener),
    () => stream.state,
    () => "idle",
  );
}
