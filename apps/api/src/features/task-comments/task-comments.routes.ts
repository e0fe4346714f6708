import { OkResponse } from "@ensemble/contracts/auth";
import {
  CreateTaskCommentInput,
  TaskCommentIdParam,
  TaskCommentList,
  TaskCommentResponse,
  TaskIdParam,
  UpdateTaskCommentInput,
} from "@ensemble/contracts/boards";
import { createRoute } from "@hono/zod-openapi";
import type { AppDeps } from "../../deps.ts";
import { callerOf } from "../../lib/caller.ts";
import { errorResponses, jsonBody, jsonResponse, router } from "../../lib/openapi.ts";
import { requireUser } from "../../middleware/session.ts";
import * as comments from "./task-comments.service.ts";

const tags = ["boards"];

const taskRoutes = {
  list: createRoute({
    method: "get",
    path: "/{id}/comments",
    tags,
    summary: "A task's comments, oldest first",
    request: { params: TaskIdParam },
    responses: { 200: jsonResponse(TaskCommentList, "Comments"), ...errorResponses },
  }),
  create: createRoute({
    method: "post",
    path: "/{id}/comments",
    tags,
    summary:
      "Comment on a task (everyone who reads it, while the project is active); mentions must be project members and get a mail",
    request: { params: TaskIdParam, body: jsonBody(CreateTaskCommentInput) },
    responses: { 201: jsonResponse(TaskCommentResponse, "Created"), ...errorResponses },
  }),
};

/** A task's comments: list and add (mounted under /tasks). */
export function taskCommentsRoutes(deps: AppDeps) {
  const r = router();
  r.use("*", requireUser);
  return r
    .openapi(taskRoutes.list, async (c) => {
      return c.json(
        { comments: await comments.listComments(deps, callerOf(c), c.req.valid("param").id) },
        200,
      );
    })
    .openapi(taskRoutes.create, async (c) => {
      const { id } = c.req.valid("param");
      return c.json(
        { comment: await comments.createComment(deps, callerOf(c), id, c.req.valid("json")) },
        201,
      );
    });
}

const commentRoutes = {
  update: createRoute({
    method: "patch",
    path: "/{id}",
    tags,
    summary:
      "Change the text of one's own comment (marked edited); people mentioned anew get a mail, the others none",
    request: { params: TaskCommentIdParam, body: jsonBody(UpdateTaskCommentInput) },
    responses: { 200: jsonResponse(TaskCommentResponse, "Changed"), ...errorResponses },
  }),
  delete: createRoute({
    method: "delete",
    path: "/{id}",
    tags,
    summary: "Delete a comment (its author, or a project lead or admin of the owning organisation)",
    request: { params: TaskCommentIdParam },
    responses: { 200: jsonResponse(OkResponse, "Gone"), ...errorResponses },
  }),
};

/** One task comment: change, delete (mounted under /task-comments). */
export function taskCommentRoutes(deps: AppDeps) {
  const r = router();
  r.use("*", requireUser);
  return r
    .openapi(commentRoutes.update, async (c) => {
      const { id } = c.req.valid("param");
      return c.json(
        { comment: await comments.updateComment(deps, callerOf(c), id, c.req.valid("json")) },
        200,
      );
    })
    .openapi(commentRoutes.delete, async (c) => {
      await comments.deleteComment(deps, callerOf(c), c.req.valid("param").id);
      return c.json({ ok: true as const }, 200);
    });
}
