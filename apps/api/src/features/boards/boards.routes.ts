import { OkResponse } from "@ensemble/contracts/auth";
import {
  BoardIdParam,
  BoardInfoResponse,
  BoardList,
  BoardLoad,
  ColumnIdParam,
  ColumnResponse,
  CreateBoardInput,
  CreateColumnInput,
  CreateLabelInput,
  DeleteColumnQuery,
  LabelIdParam,
  LabelList,
  LabelResponse,
  MoveColumnInput,
  UpdateBoardInput,
  UpdateColumnInput,
  UpdateLabelInput,
} from "@ensemble/contracts/boards";
import { ProjectIdParam } from "@ensemble/contracts/projects";
import { createRoute } from "@hono/zod-openapi";
import type { AppDeps } from "../../deps.ts";
import { callerOf } from "../../lib/caller.ts";
import { errorResponses, jsonBody, jsonResponse, router } from "../../lib/openapi.ts";
import { requireUser } from "../../middleware/session.ts";
import * as boards from "./boards.service.ts";

const tags = ["boards"];

const projectRoutes = {
  list: createRoute({
    method: "get",
    path: "/{id}/boards",
    tags,
    summary: "A project's boards in their order, with their open task counts",
    request: { params: ProjectIdParam },
    responses: { 200: jsonResponse(BoardList, "Boards"), ...errorResponses },
  }),
  create: createRoute({
    method: "post",
    path: "/{id}/boards",
    tags,
    summary:
      "Create a board with three columns (to do, in progress, done; German unless `language` says English) (editors and leads)",
    request: { params: ProjectIdParam, body: jsonBody(CreateBoardInput) },
    responses: { 201: jsonResponse(BoardInfoResponse, "Created"), ...errorResponses },
  }),
  labels: createRoute({
    method: "get",
    path: "/{id}/labels",
    tags,
    summary: "A project's task labels by name",
    request: { params: ProjectIdParam },
    responses: { 200: jsonResponse(LabelList, "Labels"), ...errorResponses },
  }),
  createLabel: createRoute({
    method: "post",
    path: "/{id}/labels",
    tags,
    summary: "Create a task label (a name unique in the project, a colour) (editors and leads)",
    request: { params: ProjectIdParam, body: jsonBody(CreateLabelInput) },
    responses: { 201: jsonResponse(LabelResponse, "Created"), ...errorResponses },
  }),
};

/** A project's boards and labels: list and create (mounted under /projects). */
export function projectBoardsRoutes(deps: AppDeps) {
  const r = router();
  r.use("*", requireUser);
  return r
    .openapi(projectRoutes.list, async (c) => {
      return c.json(await boards.listBoards(deps, callerOf(c), c.req.valid("param").id), 200);
    })
    .openapi(projectRoutes.create, async (c) => {
      const { id } = c.req.valid("param");
      return c.json({ board: await boards.createBoard(deps, callerOf(c), id, c.req.valid("json")) }, 201);
    })
    .openapi(projectRoutes.labels, async (c) => {
      return c.json({ labels: await boards.listLabels(deps, callerOf(c), c.req.valid("param").id) }, 200);
    })
    .openapi(projectRoutes.createLabel, async (c) => {
      const { id } = c.req.valid("param");
      return c.json({ label: await boards.createLabel(deps, callerOf(c), id, c.req.valid("json")) }, 201);
    });
}

const boardRoutes = {
  get: createRoute({
    method: "get",
    path: "/{id}",
    tags,
    summary: "A board with its columns, the project's labels and members, its open tasks, and what I may do",
    request: { params: BoardIdParam },
    responses: {
      200: jsonResponse(BoardLoad, "The board, its open tasks as cards, and everyone assigned to one"),
      ...errorResponses,
    },
  }),
  update: createRoute({
    method: "patch",
    path: "/{id}",
    tags,
    summary: "Rename a board (editors and leads)",
    request: { params: BoardIdParam, body: jsonBody(UpdateBoardInput) },
    responses: { 200: jsonResponse(BoardInfoResponse, "Renamed"), ...errorResponses },
  }),
  delete: createRoute({
    method: "delete",
    path: "/{id}",
    tags,
    summary: "Delete a board with its columns and tasks for good (editors and leads)",
    request: { params: BoardIdParam },
    responses: { 200: jsonResponse(OkResponse, "Gone"), ...errorResponses },
  }),
  createColumn: createRoute({
    method: "post",
    path: "/{id}/columns",
    tags,
    summary: "Add a column, at the end unless placed (editors and leads)",
    request: { params: BoardIdParam, body: jsonBody(CreateColumnInput) },
    responses: { 201: jsonResponse(ColumnResponse, "Created"), ...errorResponses },
  }),
};

/** One board: read, rename, delete, add columns (mounted under /boards). */
export function boardsRoutes(deps: AppDeps) {
  const r = router();
  r.use("*", requireUser);
  return r
    .openapi(boardRoutes.get, async (c) => {
      return c.json(await boards.getBoard(deps, callerOf(c), c.req.valid("param").id), 200);
    })
    .openapi(boardRoutes.update, async (c) => {
      const { id } = c.req.valid("param");
      return c.json({ board: await boards.updateBoard(deps, callerOf(c), id, c.req.valid("json")) }, 200);
    })
    .openapi(boardRoutes.delete, async (c) => {
      await boards.deleteBoard(deps, callerOf(c), c.req.valid("param").id);
      return c.json({ ok: true as const }, 200);
    })
    .openapi(boardRoutes.createColumn, async (c) => {
      const { id } = c.req.valid("param");
      return c.json({ column: await boards.createColumn(deps, callerOf(c), id, c.req.valid("json")) }, 201);
    });
}

const columnRoutes = {
  update: createRoute({
    method: "patch",
    path: "/{id}",
    tags,
    summary:
      "Rename a column, set its WIP limit (shown, never enforced) or whether it is a done column (editors and leads)",
    request: { params: ColumnIdParam, body: jsonBody(UpdateColumnInput) },
    responses: { 200: jsonResponse(ColumnResponse, "Changed"), ...errorResponses },
  }),
  move: createRoute({
    method: "post",
    path: "/{id}/move",
    tags,
    summary: "Put a column elsewhere on its board (editors and leads)",
    request: { params: ColumnIdParam, body: jsonBody(MoveColumnInput) },
    responses: { 200: jsonResponse(ColumnResponse, "Moved"), ...errorResponses },
  }),
  delete: createRoute({
    method: "delete",
    path: "/{id}",
    tags,
    summary:
      "Delete a column; its tasks (archived ones too) go to the end of `moveTo`, another column of the board (editors and leads)",
    request: { params: ColumnIdParam, query: DeleteColumnQuery },
    responses: { 200: jsonResponse(OkResponse, "Gone"), ...errorResponses },
  }),
};

/** One column: change, move, delete (mounted under /columns). */
export function columnsRoutes(deps: AppDeps) {
  const r = router();
  r.use("*", requireUser);
  return r
    .openapi(columnRoutes.update, async (c) => {
      const { id } = c.req.valid("param");
      return c.json({ column: await boards.updateColumn(deps, callerOf(c), id, c.req.valid("json")) }, 200);
    })
    .openapi(columnRoutes.move, async (c) => {
      const { id } = c.req.valid("param");
      return c.json({ column: await boards.moveColumn(deps, callerOf(c), id, c.req.valid("json")) }, 200);
    })
    .openapi(columnRoutes.delete, async (c) => {
      const { id } = c.req.valid("param");
      await boards.deleteColumn(deps, callerOf(c), id, c.req.valid("query").moveTo);
      return c.json({ ok: true as const }, 200);
    });
}

const labelRoutes = {
  update: createRoute({
    method: "patch",
    path: "/{id}",
    tags,
    summary: "Rename or recolour a task label (editors and leads)",
    request: { params: LabelIdParam, body: jsonBody(UpdateLabelInput) },
    responses: { 200: jsonResponse(LabelResponse, "Changed"), ...errorResponses },
  }),
  delete: createRoute({
    method: "delete",
    path: "/{id}",
    tags,
    summary: "Delete a task label; it leaves every task that had it (editors and leads)",
    request: { params: LabelIdParam },
    responses: { 200: jsonResponse(OkResponse, "Gone"), ...errorResponses },
  }),
};

/** One task label: change, delete (mounted under /labels). */
export function labelsRoutes(deps: AppDeps) {
  const r = router();
  r.use("*", requireUser);
  return r
    .openapi(labelRoutes.update, async (c) => {
      const { id } = c.req.valid("param");
      return c.json({ label: await boards.updateLabel(deps, callerOf(c), id, c.req.valid("json")) }, 200);
    })
    .openapi(labelRoutes.delete, async (c) => {
      await boards.deleteLabel(deps, callerOf(c), c.req.valid("param").id);
      return c.json({ ok: true as const }, 200);
    });
}
