import { AuditPage, AuditQuery } from "@ensemble/contracts/audit";
import { Id } from "@ensemble/contracts/text";
import { createRoute, z } from "@hono/zod-openapi";
import { csvResponseSpec } from "../../lib/csv.ts";
import { errorResponses, jsonResponse } from "../../lib/openapi.ts";

const ScopeParam = z.object({ id: Id });

/**
 * The two audit routes every scope (organisation, network) has: a page of events and the CSV
 * export. The scope's router adds the handlers, which authorise through its own service.
 */
export function auditRouteDefinitions(tags: string[], who: string) {
  return {
    audit: createRoute({
      method: "get",
      path: "/{id}/audit",
      tags,
      summary: `Audit log, newest first (${who})`,
      request: { params: ScopeParam, query: AuditQuery },
      responses: { 200: jsonResponse(AuditPage, "Events"), ...errorResponses },
    }),
    auditCsv: createRoute({
      method: "get",
      path: "/{id}/audit.csv",
      tags,
      summary: `Audit log as CSV (${who})`,
      request: { params: ScopeParam },
      responses: { 200: csvResponseSpec, ...errorResponses },
    }),
  };
}
