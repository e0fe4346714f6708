import { AppError } from "@ensemble/contracts/errors";
import { EventStreamQuery } from "@ensemble/contracts/events";
import { createRoute, z } from "@hono/zod-openapi";
import type { Context } from "hono";
import { streamSSE } from "hono/streaming";
import type { AppDeps } from "../../deps.ts";
import { callerOf } from "../../lib/caller.ts";
import { errorResponses, router } from "../../lib/openapi.ts";
import { requireUser } from "../../middleware/session.ts";
import type { AppEnv } from "../../types.ts";
import { openStream } from "./events.service.ts";

const routes = {
  stream: createRoute({
    method: "get",
    path: "/",
    tags: ["events"],
    summary:
      "The live event stream (Server-Sent Events): every event about what the caller may read, as `id:` (increasing), `event:` (its type) and `data:` (the LiveEvent envelope as JSON). Resume with the Last-Event-ID header (or `?after=`); `stream.reset` when the events since were pruned. A comment line every 25 s.",
    request: { query: EventStreamQuery },
    responses: {
      200: {
        content: { "text/event-stream": { schema: z.string() } },
        description: "The stream; it stays open",
      },
      ...errorResponses,
    },
  }),
};

/** The Node response under Hono, when served by @hono/node-server (not in in-process tests). */
function nodeResponse(c: Context<AppEnv>): { destroy(): void } | undefined {
  const env = c.env as { outgoing?: { destroy?: unknown } } | undefined;
  const outgoing = env?.outgoing;
  return outgoing && typeof outgoing.destroy === "function" ? (outgoing as { destroy(): void }) : undefined;
}

/** GET /api/events (mounted under /events). */
export function eventsRoutes(deps: AppDeps) {
  const r = router();
  r.use("*", requireUser);
  return r.openapi(routes.stream, (c) => {
    const session = c.get("session");
    if (!session) {
      throw new AppError("unauthenticated", "Please sign in.");
    }
    // the header is the newer position: EventSource's own reconnects send it, the URL stays as it was
    const lastEventId = c.req.header("last-event-id") ?? c.req.valid("query").after ?? null;
    const ticket = openStream(deps, callerOf(c), session.id, lastEventId);
    const response = streamSSE(c, async (stream) => {
      stream.onAbort(() => ticket.close("client"));
      const outgoing = nodeResponse(c);
      await ticket.serve({
        write: async (chunk) => {
          await stream.write(chunk);
        },
        close: () => {
          // a client that does not read: free the socket now, not when its buffers drain
          outgoing?.destroy();
          stream.abort();
        },
      });
    });
    // no proxy may buffer or compress the stream (nginx honours X-Accel-Buffering)
    response.headers.set("Cache-Control", "no-cache, no-transform");
    response.headers.set("X-Accel-Buffering", "no");
    return response;
  });
}
