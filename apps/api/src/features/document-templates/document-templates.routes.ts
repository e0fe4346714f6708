import { OkResponse } from "@ensemble/contracts/auth";
import {
  DocumentIdParam,
  DocumentTemplate,
  DocumentTemplateList,
  ProjectDocumentsParam,
  SaveAsTemplateInput,
  TemplateIdParam,
  TemplateListQuery,
  TemplateTargetList,
} from "@ensemble/contracts/documents";
import { createRoute, z } from "@hono/zod-openapi";
import type { AppDeps } from "../../deps.ts";
import { callerOf } from "../../lib/caller.ts";
import { errorResponses, jsonBody, jsonResponse, router } from "../../lib/openapi.ts";
import { requireUser } from "../../middleware/session.ts";
import * as templates from "./document-templates.service.ts";

const tags = ["documents"];
const TemplateResponse = z.object({ template: DocumentTemplate });

const routes = {
  list: createRoute({
    method: "get",
    path: "/{id}/document-templates",
    tags,
    summary:
      "Templates for a new document: the built-ins in a language (default German), then the saved templates of the project's organisation, or of its network and my partner organisations",
    request: { params: ProjectDocumentsParam, query: TemplateListQuery },
    responses: { 200: jsonResponse(DocumentTemplateList, "Templates"), ...errorResponses },
  }),
  save: createRoute({
    method: "post",
    path: "/{id}/save-as-template",
    tags,
    summary:
      "Save the document's content (without comments) as a template of the project's organisation, its network (coordinator admins) or my partner organisation",
    request: { params: DocumentIdParam, body: jsonBody(SaveAsTemplateInput) },
    responses: { 201: jsonResponse(TemplateResponse, "Saved"), ...errorResponses },
  }),
  targets: createRoute({
    method: "get",
    path: "/{id}/template-targets",
    tags,
    summary:
      "The organisations and networks I may save this document as a template for (by the same rule as save-as-template; empty when none)",
    request: { params: DocumentIdParam },
    responses: { 200: jsonResponse(TemplateTargetList, "Targets"), ...errorResponses },
  }),
  delete: createRoute({
    method: "delete",
    path: "/{id}",
    tags,
    summary: "Delete a saved template (its organisation's or network's admins, or whoever saved it)",
    request: { params: TemplateIdParam },
    responses: { 200: jsonResponse(OkResponse, "Deleted"), ...errorResponses },
  }),
};

/** The templates a project offers (mounted under /projects). */
export function projectTemplatesRoutes(deps: AppDeps) {
  const r = router();
  r.use("*", requireUser);
  return r.openapi(routes.list, async (c) => {
    const { id } = c.req.valid("param");
    const language = c.req.valid("query").language ?? "de";
    return c.json({ templates: await templates.listTemplates(deps, callerOf(c), id, language) }, 200);
  });
}

/** Saving a document as a template, and where it may go (mounted under /documents). */
export function saveAsTemplateRoutes(deps: AppDeps) {
  const r = router();
  r.use("*", requireUser);
  return r
    .openapi(routes.save, async (c) => {
      const { id } = c.req.valid("param");
      return c.json(
        { template: await templates.saveAsTemplate(deps, callerOf(c), id, c.req.valid("json")) },
        201,
      );
    })
    .openapi(routes.targets, async (c) => {
      const { id } = c.req.valid("param");
      return c.json({ targets: await templates.templateTargets(deps, callerOf(c), id) }, 200);
    });
}

/** Saved templates (mounted under /document-templates). */
export function templatesRoutes(deps: AppDeps) {
  const r = router();
  r.use("*", requireUser);
  return r.openapi(routes.delete, async (c) => {
    await templates.deleteTemplate(deps, callerOf(c), c.req.valid("param").id);
    return c.json({ ok: true as const }, 200);
  });
}
