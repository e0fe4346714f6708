import type { AddressInfo } from "node:net";
import { LiveEvent } from "@ensemble/contracts/events";
import { serve } from "@hono/node-server";
import { afterAll, afterEach, beforeAll, expect } from "vitest";
import type { createApp } from "../app.ts";
import { ORIGIN, type TestApp } from "./harness.ts";

/** The app on a real HTTP server at 127.0.0.1 (port 0: any free one). */
export async function listen(app: ReturnType<typeof createApp>): Promise<{
  port: number;
  close(): Promise<void>;
}> {
  return new Promise((resolve) => {
    const server = serve({ fetch: app.fetch, port: 0, hostname: "127.0.0.1" }, (info: AddressInfo) => {
      resolve({
        port: info.port,
        close: () =>
          new Promise<void>((done) => {
            if ("closeAllConnections" in server) {
              server.closeAllConnections();
            }
            server.close(() => done());
          }),
      });
    });
  });
}

/** One SSE message as a browser's EventSource parses it (plus its comment lines). */
export interface SseMessage {
  id: string | undefined;
  event: string | undefined;
  data: string | undefined;
  retry: number | undefined;
  comments: string[];
}

/** A LiveEvent envelope with the SSE fields it came with. */
export interface ReceivedEvent {
  sseId: string;
  type: string;
  envelope: LiveEvent;
}

/**
 * A live-stream client over real HTTP, parsing text/event-stream as the WHATWG spec says, and
 * keeping the last event id as EventSource does (an `id:` counts even without data).
 */
export class SseClient {
  readonly messages: SseMessage[] = [];
  lastEventId: string | undefined;
  status = 0;
  headers: Headers | undefined;
  body = "";
  private controller = new AbortController();
  private ended = false;
  private waiters: (() => void)[] = [];

  private constructor() {}

  /** Opens `GET /api/events` with the cookie (and Last-Event-ID); resolves once headers arrived. */
  static async open(
    port: number,
    cookie: string | undefined,
    options: { lastEventId?: string; query?: string } = {},
  ): Promise<SseClient> {
    const url = `http://127.0.0.1:${port}/api/events${options.query ? `?${options.query}` : ""}`;
    const client = new SseClient();
    const headers: Record<string, string> = { accept: "text/event-stream", origin: ORIGIN };
    if (cookie) {
      headers.cookie = cookie;
    }
    if (options.lastEventId !== undefined) {
      headers["last-event-id"] = options.lastEventId;
      // EventSource keeps the id it resumes from until the server sends another
      client.lastEventId = options.lastEventId;
    }
    const res = await fetch(url, { headers, signal: client.controller.signal });
    client.status = res.status;
    client.headers = res.headers;
    if (res.status !== 200 || !res.body) {
      client.body = await res.text();
      client.ended = true;
      return client;
    }
    void client.read(res.body);
    return client;
  }

  get isOpen(): boolean {
    return !this.ended;
  }

  /** The JSON of a refused connection. */
  json(): { error: { code: string } } {
    return JSON.parse(this.body);
  }

  /** Every event with data, parsed and checked against the LiveEvent contract. */
  get events(): ReceivedEvent[] {
    return this.messages
      .filter((m) => m.data !== undefined)
      .map((m) => {
        const envelope = LiveEvent.parse(JSON.parse(m.data as string));
        expect(m.event).toBe(envelope.type);
        expect(m.id).toBe(envelope.id);
        return { sseId: m.id as string, type: envelope.type, envelope };
      });
  }

  /** Waits until `check` holds (re-checked on every message), at most `timeoutMs`. */
  async until(check: (c: SseClient) => boolean, timeoutMs = 5_000, what = "the condition"): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!check(this)) {
      const left = deadline - Date.now();
      if (left <= 0) {
        throw new Error(
          `timed out waiting for ${what}; got ${JSON.stringify(this.messages.slice(-10))} (open: ${this.isOpen})`,
        );
      }
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, Math.min(left, 250));
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  /** Waits for `n` events in all. */
  untilEvents(n: number, timeoutMs = 5_000): Promise<void> {
    return this.until((c) => c.events.length >= n, timeoutMs, `${n} events`);
  }

  /** Waits for the server to end the stream. */
  untilClosed(timeoutMs = 5_000): Promise<void> {
    return this.until((c) => !c.isOpen, timeoutMs, "the stream to end");
  }

  close(): void {
    this.controller.abort();
    this.ended = true;
  }

  private async read(body: ReadableStream<Uint8Array>): Promise<void> {
    const decoder = new TextDecoder();
    let buffer = "";
    try {
      for await (const chunk of body) {
        buffer += decoder.decode(chunk, { stream: true });
        for (;;) {
          const end = /\r\n\r\n|\n\n|\r\r/.exec(buffer);
          if (!end) {
            break;
          }
          this.parse(buffer.slice(0, end.index));
          buffer = buffer.slice(end.index + end[0].length);
        }
        this.notify();
      }
    } catch {
      // aborted by us or cut by the server
    } finally {
      this.ended = true;
      this.notify();
    }
  }

  private parse(block: string): void {
    const message: SseMessage = {
      id: undefined,
      event: undefined,
      data: undefined,
      retry: undefined,
      comments: [],
    };
    for (const line of block.split(/\r\n|\n|\r/)) {
      if (line.startsWith(":")) {
        message.comments.push(line.slice(1).trim());
        continue;
      }
      const colon = line.indexOf(":");
      const field = colon < 0 ? line : line.slice(0, colon);
      const value = colon < 0 ? "" : line.slice(colon + 1).replace(/^ /, "");
      if (field === "id") {
        message.id = value;
      } else if (field === "event") {
        message.event = value;
      } else if (field === "data") {
        message.data = message.data === undefined ? value : `${message.data}\n${value}`;
      } else if (field === "retry" && /^\d+$/.test(value)) {
        message.retry = Number(value);
      }
    }
    if (message.id !== undefined) {
      this.lastEventId = message.id;
    }
    this.messages.push(message);
  }

  private notify(): void {
    for (const w of this.waiters.splice(0)) {
      w();
    }
  }
}

/**
 * The test file's app on a real HTTP server for its whole run, and live streams opened on it:
 * every stream is closed after each test, which waits until the hub has let all of them go.
 */
export function useStreams(t: TestApp): {
  open(
    who: { client: { cookie: string | undefined } } | undefined,
    options?: { lastEventId?: string; query?: string },
  ): Promise<SseClient>;
} {
  let server: Awaited<ReturnType<typeof listen>> | undefined;
  const opened: SseClient[] = [];
  beforeAll(async () => {
    server = await listen(t.app);
  });
  afterEach(async () => {
    for (const c of opened.splice(0)) {
      c.close();
    }
    // every stream ended before the next test counts its own
    await expect.poll(() => t.deps.eventHub.size, { timeout: 5_000 }).toBe(0);
  });
  afterAll(async () => {
    await server?.close();
  });
  return {
    async open(who, options = {}) {
      if (!server) {
        throw new Error("useStreams: the server is not listening yet (open streams inside a test)");
      }
      const client = await SseClient.open(server.port, who?.client.cookie, options);
      opened.push(client);
      return client;
    },
  };
}
