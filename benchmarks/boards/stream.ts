import { type ClientRequest, type IncomingMessage, request } from "node:http";
import { nowMs } from "./stats.ts";

/** One event as it arrived on a stream. */
export interface StreamEvent {
  id: string | null;
  type: string;
  data: unknown;
  /** When the chunk that completed it arrived (ms on `nowMs`). */
  at: number;
}

/**
 * A live-stream client as the browser's EventSource is one: `GET /api/events` with the session
 * cookie on its own connection, reading `id:` / `event:` / `data:` messages (text/event-stream).
 */
export class StreamClient {
  private req: ClientRequest | null = null;
  private res: IncomingMessage | null = null;
  private buffer = "";
  /** Closed by the server or by an error after it was open. */
  closedUnexpectedly = false;
  received = 0;

  constructor(
    readonly index: number,
    private readonly onEvent: (client: StreamClient, event: StreamEvent) => void,
  ) {}

  /** Opens the stream; resolves once the server answered 200 with an event stream. */
  open(port: number, token: string, path = "/api/events"): Promise<void> {
    return new Promise((resolve, reject) => {
      const req = request(
        {
          host: "127.0.0.1",
          port,
          path,
          method: "GET",
          agent: false,
          headers: {
            cookie: `ensemble_session=${token}`,
            accept: "text/event-stream",
            "cache-control": "no-cache",
          },
        },
        (res) => {
          const type = String(res.headers["content-type"] ?? "");
          if (res.statusCode !== 200 || !type.startsWith("text/event-stream")) {
            res.resume();
            reject(new Error(`GET ${path}: ${res.statusCode} ${type}`));
            return;
          }
          this.res = res;
          res.setEncoding("utf8");
          res.on("data", (chunk: string) => this.read(chunk, nowMs()));
          res.on("close", () => {
            if (this.req) {
              this.closedUnexpectedly = true;
            }
          });
          resolve();
        },
      );
      req.on("error", (err) => {
        if (this.res) {
          this.closedUnexpectedly = true;
        } else {
          reject(err);
        }
      });
      req.setTimeout(20_000, () => {
        if (!this.res) {
          req.destroy(new Error(`GET ${path}: no answer within 20 s`));
        }
      });
      req.end();
      this.req = req;
    });
  }

  private read(chunk: string, at: number): void {
    this.buffer += chunk;
    for (;;) {
      const separator = /\r?\n\r?\n/.exec(this.buffer);
      if (!separator) {
        return;
      }
      const block = this.buffer.slice(0, separator.index);
      this.buffer = this.buffer.slice(separator.index + separator[0].length);
      let type = "message";
      let id: string | null = null;
      const data: string[] = [];
      for (const line of block.split(/\r?\n/)) {
        if (line.startsWith(":")) {
          continue;
        }
        const colon = line.indexOf(":");
        const field = colon < 0 ? line : line.slice(0, colon);
        const value = colon < 0 ? "" : line.slice(colon + 1).replace(/^ /, "");
        if (field === "event") {
          type = value;
        } else if (field === "data") {
          data.push(value);
        } else if (field === "id") {
          id = value;
        }
      }
      if (data.length === 0) {
        continue;
      }
      let parsed: unknown = null;
      try {
        parsed = JSON.parse(data.join("\n"));
      } catch {
        parsed = data.join("\n");
      }
      this.received++;
      this.onEvent(this, { id, type, data: parsed, at });
    }
  }

  close(): void {
    const req = this.req;
    this.req = null;
    req?.destroy();
  }
}
