import { OkResponse } from "@ensemble/contracts/auth";
import {
  CreateDocumentInput,
  CreateFolderInput,
  DocumentIdParam,
  DocumentList,
  DocumentListQuery,
  DocumentResponse,
  FolderIdParam,
  FolderResponse,
  ProjectDocumentsParam,
  UpdateDocumentInput,
  UpdateFolderInput,
} from "@ensemble/contracts/documents";
import { createRoute } from "@hono/zod-openapi";
import type { AppDeps } from "../../deps.ts";
import { callerOf } from "../../lib/caller.ts";
import { errorResponses, jsonBody, jsonResponse, router } from "../../lib/openapi.ts";
import { requireUser } from "../../middleware/session.ts";
import * as documents from "./documents.service.ts";

const tags = ["documents"];

const projectRoutes = {
  list: createRoute({
    method: "get",
    path: "/{id}/documents",
    tags,
    summary: "A project's documents (active, or the trash for its editors) and all its folders",
    request: { params: ProjectDocumentsParam, query: DocumentListQuery },
    responses: { 200: jsonResponse(DocumentList, "Documents and folders"), ...errorResponses },
  }),
  create: createRoute({
    method: "post",
    path: "/{id}/documents",
    tags,
    summary: "Create a blank document or one from a template (editors and leads)",
    request: { params: ProjectDocumentsParam, body: jsonBody(CreateDocumentInput) },
    responses: { 201: jsonResponse(DocumentResponse, "Created"), ...errorResponses },
  }),
  createFolder: createRoute({
    method: "post",
    path: "/{id}/folders",
    tags,
    summary: "Create a folder, at the top or inside another (editors and leads)",
    request: { params: ProjectDocumentsParam, body: jsonBody(CreateFolderInput) },
    responses: { 201: jsonResponse(FolderResponse, "Created"), ...errorResponses },
  }),
};

/** A project's documents and folders: list and create (mounted under /projects). */
export function projectDocumentsRoutes(deps: AppDeps) {
  const r = router();
  r.use("*", requireUser);
  return r
    .openapi(projectRoutes.list, async (c) => {
      const { id } = c.req.valid("param");
      const view = c.req.valid("query").view ?? "active";
      return c.json(await documents.listDocuments(deps, callerOf(c), id, view), 200);
    })
    .openapi(projectRoutes.create, async (c) => {
      const { id } = c.req.valid("param");
      return c.json(
        { document: await documents.createDocument(deps, callerOf(c), id, c.req.valid("json")) },
        201,
      );
    })
    .openapi(projectRoutes.createFolder, async (c) => {
      const { id } = c.req.valid("param");
      return c.json(
        { folder: await documents.createFolder(deps, callerOf(c), id, c.req.valid("json")) },
        201,
      );
    });
}

const one = <M extends "post" | "delete", P extends string>(summary: string, method: M, path: P) =>
  createRoute({
    method,
    path,
    tags,
    summary,
    request: { params: DocumentIdParam },
    responses: { 200: jsonResponse(DocumentResponse, "The document"), ...errorResponses },
  });

const documentRoutes = {
  get: createRoute({
    method: "get",
    path: "/{id}",
    tags,
    summary: "One document with its project and what I may do with it",
    request: { params: DocumentIdParam },
    responses: { 200: jsonResponse(DocumentResponse, "The document"), ...errorResponses },
  }),
  update: createRoute({
    method: "patch",
    path: "/{id}",
    tags,
    summary: "Rename, or move to another folder of the project (editors and leads)",
    request: { params: DocumentIdParam, body: jsonBody(UpdateDocumentInput) },
    responses: { 200: jsonResponse(DocumentResponse, "Changed"), ...errorResponses },
  }),
  duplicate: createRoute({
    method: "post",
    path: "/{id}/duplicate",
    tags,
    summary: "Copy the document beside it ('Kopie von …' / 'Copy of …'), without its comments",
    request: { params: DocumentIdParam },
    responses: { 201: jsonResponse(DocumentResponse, "The copy"), ...errorResponses },
  }),
  trash: one("Move to the trash (editors and leads)", "delete", "/{id}"),
  restore: one("Restore from the trash (editors and leads)", "post", "/{id}/restore"),
  purge: createRoute({
    method: "delete",
    path: "/{id}/permanent",
    tags,
    summary: "Delete a trashed document for good (leads and the editor who created it)",
    request: { params: DocumentIdParam },
    responses: { 200: jsonResponse(OkResponse, "Gone"), ...errorResponses },
  }),
};

/** One document: read, rename, move, duplicate, trash, restore, delete (mounted under /documents). */
export function documentsRoutes(deps: AppDeps) {
  const r = router();
  r.use("*", requireUser);
  return r
    .openapi(documentRoutes.get, async (c) => {
      return c.json(
        { document: await documents.getDocument(deps, callerOf(c), c.req.valid("param").id) },
        200,
      );
    })
    .openapi(documentRoutes.update, async (c) => {
      const { id } = c.req.valid("param");
      return c.json(
        { document: await documents.updateDocument(deps, callerOf(c), id, c.req.valid("json")) },
        200,
      );
    })
    .openapi(documentRoutes.duplicate, async (c) => {
      const { id } = c.req.valid("param");
      return c.json({ document: await documents.duplicateDocument(deps, callerOf(c), id) }, 201);
    })
    .openapi(documentRoutes.trash, async (c) => {
      const { id } = c.req.valid("param");
      return c.json({ document: await documents.trashDocument(deps, callerOf(c), id) }, 200);
    })
    .openapi(documentRoutes.restore, async (c) => {
      const { id } = c.req.valid("param");
      return c.json({ document: await documents.restoreDocument(deps, callerOf(c), id) }, 200);
    })
    .openapi(documentRoutes.purge, async (c) => {
      await documents.deleteDocument(deps, callerOf(c), c.req.valid("param").id);
      return c.json({ ok: true as const }, 200);
    });
}

const folderRoutes = {
  update: createRoute({
    method: "patch",
    path: "/{id}",
    tags,
    summary: "Rename a folder or move it under another (never into itself; editors and leads)",
    request: { params: FolderIdParam, body: jsonBody(UpdateFolderInput) },
    responses: { 200: jsonResponse(FolderResponse, "Changed"), ...errorResponses },
  }),
  delete: createRoute({
    method: "delete",
    path: "/{id}",
    tags,
    summary: "Delete a folder; its documents and subfolders move up to its parent (editors and leads)",
    request: { params: FolderIdParam },
    responses: { 200: jsonResponse(OkResponse, "Deleted"), ...errorResponses },
  }),
};

/** Folders: rename, move, delete (mounted under /folders). */
export function foldersRoutes(deps: AppDeps) {
  const r = router();
  r.use("*", requireUser);
  return r
    .openapi(folderRoutes.update, async (c) => {
      const { id } = c.req.valid("param");
      return c.json(
        { folder: await documents.updateFolder(deps, callerOf(c), id, c.req.valid("json")) },
        200,
      );
    })
    .openapi(folderRoutes.delete, async (c) => {
      await documents.deleteFolder(deps, callerOf(c), c.req.valid("param").id);
      return c.json({ ok: true as const }, 200);
    });
}
