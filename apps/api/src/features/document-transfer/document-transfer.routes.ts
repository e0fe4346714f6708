import {
  DocumentIdParam,
  DocumentResponse,
  ExportQuery,
  ImportDocumentInput,
  ProjectDocumentsParam,
} from "@ensemble/contracts/documents";
import { createRoute, z } from "@hono/zod-openapi";
import type { AppDeps } from "../../deps.ts";
import { callerOf } from "../../lib/caller.ts";
import { errorResponses, jsonBody, jsonResponse, router } from "../../lib/openapi.ts";
import { requireUser } from "../../middleware/session.ts";
import * as transfer from "./document-transfer.service.ts";

const tags = ["documents"];
const file = z.string().openapi({ format: "binary" });

/** The import route's path (the JSON body limit is larger there: the file travels in base64). */
export const IMPORT_PATH = /^\/api\/projects\/[^/]+\/documents\/import$/;
/** The import route's body limit: 4 MB of file is about 5.6 MB of base64, plus the JSON around it. */
export const IMPORT_BODY_LIMIT = 6 * 1024 * 1024;

const routes = {
  export: createRoute({
    method: "get",
    path: "/{id}/export",
    tags,
    summary: "Download the document as Markdown, HTML or Word (comments left out)",
    request: { params: DocumentIdParam, query: ExportQuery },
    responses: {
      200: {
        description: "The file, as an attachment named after the document's title",
        content: {
          "text/markdown": { schema: file },
          "text/html": { schema: file },
          "application/vnd.openxmlformats-officedocument.wordprocessingml.document": { schema: file },
        },
      },
      ...errorResponses,
    },
  }),
  import: createRoute({
    method: "post",
    path: "/{id}/documents/import",
    tags,
    summary:
      "Make a new document from a Markdown or Word file (base64, at most 4 MB; this route takes bodies up to 6 MB)",
    request: { params: ProjectDocumentsParam, body: jsonBody(ImportDocumentInput) },
    responses: { 201: jsonResponse(DocumentResponse, "Imported"), ...errorResponses },
  }),
};

/** Exports (mounted under /documents). */
export function exportRoutes(deps: AppDeps) {
  const r = router();
  r.use("*", requireUser);
  return r.openapi(routes.export, async (c) => {
    const { id } = c.req.valid("param");
    const exported = await transfer.exportDocument(deps, callerOf(c), id, c.req.valid("query").format);
    const headers = {
      "Content-Type": exported.contentType,
      "Content-Disposition": exported.disposition,
      "Cache-Control": "no-store",
    };
    return typeof exported.body === "string"
      ? c.body(exported.body, 200, headers)
      : c.body(exported.body, 200, headers);
  });
}

/** Imports (mounted under /projects). */
export function importRoutes(deps: AppDeps) {
  const r = router();
  r.use("*", requireUser);
  return r.openapi(routes.import, async (c) => {
    const { id } = c.req.valid("param");
    return c.json(
      { document: await transfer.importDocument(deps, callerOf(c), id, c.req.valid("json")) },
      201,
    );
  });
}
