import { createRoute, z } from "@hono/zod-openapi";
import type { AppDeps } from "../../deps.ts";
import { jsonResponse, router } from "../../lib/openapi.ts";

const Health = z.object({ status: z.enum(["ok", "degraded"]), database: z.enum(["ok", "unreachable"]) });

const healthRoute = createRoute({
  method: "get",
  path: "/",
  tags: ["health"],
  summary: "Liveness and database reachability",
  responses: {
    200: jsonResponse(Health, "Everything reachable"),
    503: jsonResponse(Health, "The database is unreachable"),
  },
});

/** GET /api/health: 200 when the database answers, 503 when not. */
export function healthRoutes(deps: AppDeps) {
  return router().openapi(healthRoute, async (c) => {
    const ok = await deps.pingDatabase().catch(() => false);
    if (ok) {
      return c.json({ status: "ok" as const, database: "ok" as const }, 200);
    }
    return c.json({ status: "degraded" as const, database: "unreachable" as const }, 503);
  });
}
