import { Agent, request } from "node:http";
import { nowMs } from "./stats.ts";

export interface Answer {
  status: number;
  /** Request written → last byte of the body received (→ parsed, when asked to parse). */
  ms: number;
  bytes: number;
  text: string;
  json: unknown;
}

/**
 * One signed-in person's HTTP client, as a browser tab would be: one kept-alive connection, the
 * session cookie, and our public Origin on unsafe requests (the API refuses them without it).
 */
export class ApiClient {
  private readonly agent: Agent;

  /** `connections`: how many requests may be in flight at once (a browser allows 6 per host). */
  constructor(
    readonly port: number,
    readonly token: string,
    readonly origin: string,
    connections = 1,
  ) {
    this.agent = new Agent({ keepAlive: true, maxSockets: connections });
  }

  /**
   * Sends one request and waits for the whole answer. With `parse`, the body's JSON.parse is part
   * of the timed span (the raw-SQL reference's time includes `pg` parsing its rows, too), and so is
   * `expand`, applied to a 200's parsed body (what the web app does with it before use).
   * `onSent` is called with the moment the request was handed to the socket's writer.
   */
  send(
    method: "GET" | "POST",
    path: string,
    body?: unknown,
    options: { parse?: boolean; expand?: (json: unknown) => unknown; onSent?: (at: number) => void } = {},
  ): Promise<Answer> {
    const payload = body === undefined ? undefined : Buffer.from(JSON.stringify(body));
    const headers: Record<string, string> = {
      cookie: `ensemble_session=${this.token}`,
      accept: "application/json",
    };
    if (method !== "GET") {
      headers.origin = this.origin;
    }
    if (payload) {
      headers["content-type"] = "application/json";
      headers["content-length"] = String(payload.length);
    }
    return new Promise((resolve, reject) => {
      const started = nowMs();
      const req = request(
        { host: "127.0.0.1", port: this.port, method, path, headers, agent: this.agent, timeout: 30_000 },
        (res) => {
          const chunks: Buffer[] = [];
          res.on("data", (c: Buffer) => chunks.push(c));
          res.on("error", reject);
          res.on("end", () => {
            const raw = Buffer.concat(chunks);
            const text = raw.toString("utf8");
            let json: unknown = null;
            if (options.parse) {
              try {
                json = JSON.parse(text);
                if (options.expand && res.statusCode === 200) {
                  json = options.expand(json);
                }
              } catch {
                json = null;
              }
            }
            resolve({ status: res.statusCode ?? 0, ms: nowMs() - started, bytes: raw.length, text, json });
          });
        },
      );
      req.on("error", reject);
      req.on("timeout", () => req.destroy(new Error(`${method} ${path}: no answer within 30 s`)));
      options.onSent?.(started);
      req.end(payload);
    });
  }

  close(): void {
    this.agent.destroy();
  }
}
