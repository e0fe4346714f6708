import { randomUUID } from "node:crypto";
import { getConnInfo } from "@hono/node-server/conninfo";
import type { MiddlewareHandler } from "hono";
import type { Logger } from "pino";
import type { AppEnv } from "../types.ts";

/**
 * The client's address: the socket's, or — only when `trustedProxyHops` proxies are declared — the
 * entry that many hops from the right of X-Forwarded-For (what our own proxies appended).
 */
export function clientIp(
  headers: { get(name: string): string | null | undefined },
  socketIp: string | undefined,
  trustedProxyHops: number,
): string {
  if (trustedProxyHops > 0) {
    const chain = (headers.get("x-forwarded-for") ?? "")
      .split(",")
      .map((s) => s.trim())
      .filter(Boolean);
    const candidate = chain[chain.length - trustedProxyHops];
    if (candidate && candidate.length <= 64) {
      return candidate;
    }
  }
  return socketIp ?? "unknown";
}

/** Sets the request id (echoed in X-Request-Id), a child logger and the client IP; logs each request. */
export function requestContext(logger: Logger, trustedProxyHops: number): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const incoming = c.req.header("x-request-id");
    const requestId = incoming && /^[\w.-]{1,64}$/.test(incoming) ? incoming : randomUUID();
    let socketIp: string | undefined;
    try {
      socketIp = getConnInfo(c).remote.address;
    } catch {
      socketIp = undefined; // in-process requests (tests) have no socket
    }
    const ip = clientIp(c.req.raw.headers, socketIp, trustedProxyHops);
    const log = logger.child({ requestId });
    c.set("requestId", requestId);
    c.set("log", log);
    c.set("clientIp", ip);
    c.header("X-Request-Id", requestId);
    const started = performance.now();
    await next();
    log.info(
      {
        method: c.req.method,
        path: c.req.path,
        status: c.res.status,
        ms: Math.round(performance.now() - started),
      },
      "request",
    );
  };
}
