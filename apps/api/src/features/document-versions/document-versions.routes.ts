import {
  CreateVersionInput,
  DocumentIdParam,
  DocumentVersion,
  DocumentVersionList,
  VersionContent,
  VersionParam,
} from "@ensemble/contracts/documents";
import { createRoute, z } from "@hono/zod-openapi";
import type { AppDeps } from "../../deps.ts";
import { callerOf } from "../../lib/caller.ts";
import { errorResponses, jsonBody, jsonResponse, router } from "../../lib/openapi.ts";
import { requireUser } from "../../middleware/session.ts";
import * as versions from "./document-versions.service.ts";

const tags = ["documents"];
const VersionResponse = z.object({ version: DocumentVersion });

const routes = {
  list: createRoute({
    method: "get",
    path: "/{id}/versions",
    tags,
    summary: "A document's versions, automatic (hourly while edited) and named, newest first",
    request: { params: DocumentIdParam },
    responses: { 200: jsonResponse(DocumentVersionList, "Versions"), ...errorResponses },
  }),
  create: createRoute({
    method: "post",
    path: "/{id}/versions",
    tags,
    summary: "Keep the document's saved state as a named version (editors and leads)",
    request: { params: DocumentIdParam, body: jsonBody(CreateVersionInput) },
    responses: { 201: jsonResponse(VersionResponse, "Kept"), ...errorResponses },
  }),
  get: createRoute({
    method: "get",
    path: "/{id}/versions/{versionId}",
    tags,
    summary: "One version's content as Tiptap JSON (to view, or to restore as a new change)",
    request: { params: VersionParam },
    responses: { 200: jsonResponse(VersionContent, "The version"), ...errorResponses },
  }),
};

/** Versions of a document (mounted under /documents). */
export function versionsRoutes(deps: AppDeps) {
  const r = router();
  r.use("*", requireUser);
  return r
    .openapi(routes.list, async (c) => {
      const { id } = c.req.valid("param");
      return c.json({ versions: await versions.listVersions(deps, callerOf(c), id) }, 200);
    })
    .openapi(routes.create, async (c) => {
      const { id } = c.req.valid("param");
      return c.json(
        { version: await versions.createVersion(deps, callerOf(c), id, c.req.valid("json").name) },
        201,
      );
    })
    .openapi(routes.get, async (c) => {
      const { id, versionId } = c.req.valid("param");
      return c.json(await versions.getVersion(deps, callerOf(c), id, versionId), 200);
    });
}
