import {
  CommentParam,
  CommentThreadList,
  CommentThreadResponse,
  CreateCommentInput,
  CreateThreadInput,
  DeleteCommentResponse,
  DocumentIdParam,
  ThreadParam,
  UpdateCommentInput,
} from "@ensemble/contracts/documents";
import { createRoute } from "@hono/zod-openapi";
import type { AppDeps } from "../../deps.ts";
import { callerOf } from "../../lib/caller.ts";
import { errorResponses, jsonBody, jsonResponse, router } from "../../lib/openapi.ts";
import { requireUser } from "../../middleware/session.ts";
import * as comments from "./document-comments.service.ts";

const tags = ["documents"];

const state = <P extends string>(summary: string, path: P) =>
  createRoute({
    method: "post",
    path,
    tags,
    summary,
    request: { params: ThreadParam },
    responses: { 200: jsonResponse(CommentThreadResponse, "The thread"), ...errorResponses },
  });

const routes = {
  list: createRoute({
    method: "get",
    path: "/{id}/threads",
    tags,
    summary: "A document's comment threads with their comments, oldest first",
    request: { params: DocumentIdParam },
    responses: { 200: jsonResponse(CommentThreadList, "Threads"), ...errorResponses },
  }),
  create: createRoute({
    method: "post",
    path: "/{id}/threads",
    tags,
    summary:
      "Open a thread on a text range with its first comment (the client picks the id of the thread and of its comment mark; viewers may comment). Mentioned members get a mail",
    request: { params: DocumentIdParam, body: jsonBody(CreateThreadInput) },
    responses: { 201: jsonResponse(CommentThreadResponse, "Opened"), ...errorResponses },
  }),
  reply: createRoute({
    method: "post",
    path: "/{id}/threads/{threadId}/comments",
    tags,
    summary:
      "Reply in a thread (a reply reopens a resolved thread); mentions must be project members and get a mail",
    request: { params: ThreadParam, body: jsonBody(CreateCommentInput) },
    responses: { 201: jsonResponse(CommentThreadResponse, "The thread with the reply"), ...errorResponses },
  }),
  edit: createRoute({
    method: "patch",
    path: "/{id}/threads/{threadId}/comments/{commentId}",
    tags,
    summary:
      "Change the text of one's own comment (marked edited); people mentioned anew get a mail, the others none",
    request: { params: CommentParam, body: jsonBody(UpdateCommentInput) },
    responses: { 200: jsonResponse(CommentThreadResponse, "The thread with the comment"), ...errorResponses },
  }),
  delete: createRoute({
    method: "delete",
    path: "/{id}/threads/{threadId}/comments/{commentId}",
    tags,
    summary:
      "Delete a comment (its author, or a project lead or admin of the owning organisation); the first comment takes its thread with it (thread: null)",
    request: { params: CommentParam },
    responses: {
      200: jsonResponse(DeleteCommentResponse, "The thread, or null when it is gone"),
      ...errorResponses,
    },
  }),
  resolve: state("Resolve a thread", "/{id}/threads/{threadId}/resolve"),
  reopen: state("Reopen a resolved thread", "/{id}/threads/{threadId}/reopen"),
};

/** Comment threads of a document (mounted under /documents). */
export function commentsRoutes(deps: AppDeps) {
  const r = router();
  r.use("*", requireUser);
  return r
    .openapi(routes.list, async (c) => {
      const { id } = c.req.valid("param");
      return c.json({ threads: await comments.listThreads(deps, callerOf(c), id) }, 200);
    })
    .openapi(routes.create, async (c) => {
      const { id } = c.req.valid("param");
      return c.json({ thread: await comments.createThread(deps, callerOf(c), id, c.req.valid("json")) }, 201);
    })
    .openapi(routes.reply, async (c) => {
      const { id, threadId } = c.req.valid("param");
      return c.json(
        { thread: await comments.addComment(deps, callerOf(c), id, threadId, c.req.valid("json")) },
        201,
      );
    })
    .openapi(routes.edit, async (c) => {
      const { id, threadId, commentId } = c.req.valid("param");
      const ref = { documentId: id, threadId, commentId };
      return c.json(
        { thread: await comments.updateComment(deps, callerOf(c), ref, c.req.valid("json")) },
        200,
      );
    })
    .openapi(routes.delete, async (c) => {
      const { id, threadId, commentId } = c.req.valid("param");
      const ref = { documentId: id, threadId, commentId };
      return c.json({ thread: await comments.deleteComment(deps, callerOf(c), ref) }, 200);
    })
    .openapi(routes.resolve, async (c) => {
      const { id, threadId } = c.req.valid("param");
      return c.json({ thread: await comments.setResolved(deps, callerOf(c), id, threadId, true) }, 200);
    })
    .openapi(routes.reopen, async (c) => {
      const { id, threadId } = c.req.valid("param");
      return c.json({ thread: await comments.setResolved(deps, callerOf(c), id, threadId, false) }, 200);
    });
}
