import { OkResponse } from "@ensemble/contracts/auth";
import {
  ArchiveDoneResponse,
  ArchivedTaskList,
  BoardIdParam,
  ChecklistItemIdParam,
  CreateChecklistItemInput,
  CreateTaskInput,
  MoveChecklistItemInput,
  MoveTaskInput,
  MyTaskList,
  TaskActivityList,
  TaskCardResponse,
  TaskDocumentParam,
  TaskIdParam,
  TaskResponse,
  UpdateChecklistItemInput,
  UpdateTaskInput,
} from "@ensemble/contracts/boards";
import { createRoute } from "@hono/zod-openapi";
import type { AppDeps } from "../../deps.ts";
import { callerOf } from "../../lib/caller.ts";
import { errorResponses, jsonBody, jsonResponse, router } from "../../lib/openapi.ts";
import { requireUser } from "../../middleware/session.ts";
import * as tasks from "./tasks.service.ts";

const tags = ["boards"];

const boardRoutes = {
  create: createRoute({
    method: "post",
    path: "/{id}/tasks",
    tags,
    summary:
      "Create a task in a column of the board, at the end unless placed (editors and leads); assignees must be project members, labels the project's",
    request: { params: BoardIdParam, body: jsonBody(CreateTaskInput) },
    responses: { 201: jsonResponse(TaskResponse, "Created"), ...errorResponses },
  }),
  archive: createRoute({
    method: "get",
    path: "/{id}/archive",
    tags,
    summary: "The board's archived tasks, the most recently archived first",
    request: { params: BoardIdParam },
    responses: { 200: jsonResponse(ArchivedTaskList, "Archived tasks"), ...errorResponses },
  }),
  archiveDone: createRoute({
    method: "post",
    path: "/{id}/archive-done",
    tags,
    summary: "Archive every task in the board's done columns (editors and leads)",
    request: { params: BoardIdParam },
    responses: { 200: jsonResponse(ArchiveDoneResponse, "How many were archived"), ...errorResponses },
  }),
};

/** A board's tasks: create, the archive, archive the done ones (mounted under /boards). */
export function boardTasksRoutes(deps: AppDeps) {
  const r = router();
  r.use("*", requireUser);
  return r
    .openapi(boardRoutes.create, async (c) => {
      const { id } = c.req.valid("param");
      return c.json({ task: await tasks.createTask(deps, callerOf(c), id, c.req.valid("json")) }, 201);
    })
    .openapi(boardRoutes.archive, async (c) => {
      const { id } = c.req.valid("param");
      return c.json({ tasks: await tasks.listArchived(deps, callerOf(c), id) }, 200);
    })
    .openapi(boardRoutes.archiveDone, async (c) => {
      const { id } = c.req.valid("param");
      return c.json({ archived: await tasks.archiveDone(deps, callerOf(c), id) }, 200);
    });
}

const oneTask = <P extends string>(summary: string, path: P) =>
  createRoute({
    method: "post",
    path,
    tags,
    summary,
    request: { params: TaskIdParam },
    responses: { 200: jsonResponse(TaskResponse, "The task"), ...errorResponses },
  });

const documentLink = <M extends "put" | "delete">(method: M, summary: string) =>
  createRoute({
    method,
    path: "/{id}/documents/{documentId}",
    tags,
    summary,
    request: { params: TaskDocumentParam },
    responses: { 200: jsonResponse(TaskResponse, "The task"), ...errorResponses },
  });

const taskRoutes = {
  get: createRoute({
    method: "get",
    path: "/{id}",
    tags,
    summary: "One task with its description, checklist, linked documents, next dates and what I may do",
    request: { params: TaskIdParam },
    responses: { 200: jsonResponse(TaskResponse, "The task"), ...errorResponses },
  }),
  update: createRoute({
    method: "patch",
    path: "/{id}",
    tags,
    summary:
      "Change title, description, assignees, labels, dates, priority or repeat rule (editors and leads); each change goes into the task's history",
    request: { params: TaskIdParam, body: jsonBody(UpdateTaskInput) },
    responses: { 200: jsonResponse(TaskResponse, "Changed"), ...errorResponses },
  }),
  delete: createRoute({
    method: "delete",
    path: "/{id}",
    tags,
    summary: "Delete a task for good, with its checklist, comments and history (editors and leads)",
    request: { params: TaskIdParam },
    responses: { 200: jsonResponse(OkResponse, "Gone"), ...errorResponses },
  }),
  move: createRoute({
    method: "post",
    path: "/{id}/move",
    tags,
    summary:
      "Move a task to a column of its board, between neighbours named by id (a done column completes it; a repeating task then gets its next one)",
    request: { params: TaskIdParam, body: jsonBody(MoveTaskInput) },
    responses: { 200: jsonResponse(TaskCardResponse, "The card where it is now"), ...errorResponses },
  }),
  archive: oneTask("Archive a task (editors and leads)", "/{id}/archive"),
  restore: oneTask("Restore an archived task to where it was (editors and leads)", "/{id}/restore"),
  addItem: createRoute({
    method: "post",
    path: "/{id}/checklist",
    tags,
    summary: "Add a checklist item, at the end unless placed (editors and leads)",
    request: { params: TaskIdParam, body: jsonBody(CreateChecklistItemInput) },
    responses: { 201: jsonResponse(TaskResponse, "The task with its checklist"), ...errorResponses },
  }),
  link: documentLink("put", "Link a document of the task's project (not one in the trash) to the task"),
  unlink: documentLink("delete", "Unlink a document from the task"),
  activity: createRoute({
    method: "get",
    path: "/{id}/activity",
    tags,
    summary: "The task's history (who did what, when), newest first",
    request: { params: TaskIdParam },
    responses: { 200: jsonResponse(TaskActivityList, "History"), ...errorResponses },
  }),
};

/** One task: read, change, move, archive, restore, delete, checklist, documents, history (under /tasks). */
export function tasksRoutes(deps: AppDeps) {
  const r = router();
  r.use("*", requireUser);
  return r
    .openapi(taskRoutes.get, async (c) => {
      const { id } = c.req.valid("param");
      return c.json({ task: await tasks.getTask(deps, callerOf(c), id) }, 200);
    })
    .openapi(taskRoutes.update, async (c) => {
      const { id } = c.req.valid("param");
      return c.json({ task: await tasks.updateTask(deps, callerOf(c), id, c.req.valid("json")) }, 200);
    })
    .openapi(taskRoutes.delete, async (c) => {
      await tasks.deleteTask(deps, callerOf(c), c.req.valid("param").id);
      return c.json({ ok: true as const }, 200);
    })
    .openapi(taskRoutes.move, async (c) => {
      const { id } = c.req.valid("param");
      return c.json({ task: await tasks.moveTask(deps, callerOf(c), id, c.req.valid("json")) }, 200);
    })
    .openapi(taskRoutes.archive, async (c) => {
      return c.json({ task: await tasks.archiveTask(deps, callerOf(c), c.req.valid("param").id) }, 200);
    })
    .openapi(taskRoutes.restore, async (c) => {
      return c.json({ task: await tasks.restoreTask(deps, callerOf(c), c.req.valid("param").id) }, 200);
    })
    .openapi(taskRoutes.addItem, async (c) => {
      const { id } = c.req.valid("param");
      return c.json({ task: await tasks.addChecklistItem(deps, callerOf(c), id, c.req.valid("json")) }, 201);
    })
    .openapi(taskRoutes.link, async (c) => {
      const { id, documentId } = c.req.valid("param");
      return c.json({ task: await tasks.linkDocument(deps, callerOf(c), id, documentId) }, 200);
    })
    .openapi(taskRoutes.unlink, async (c) => {
      const { id, documentId } = c.req.valid("param");
      return c.json({ task: await tasks.unlinkDocument(deps, callerOf(c), id, documentId) }, 200);
    })
    .openapi(taskRoutes.activity, async (c) => {
      const { id } = c.req.valid("param");
      return c.json({ activity: await tasks.listActivity(deps, callerOf(c), id) }, 200);
    });
}

const itemRoutes = {
  update: createRoute({
    method: "patch",
    path: "/{id}",
    tags,
    summary: "Rename or tick a checklist item (editors and leads)",
    request: { params: ChecklistItemIdParam, body: jsonBody(UpdateChecklistItemInput) },
    responses: { 200: jsonResponse(TaskResponse, "The task with its checklist"), ...errorResponses },
  }),
  delete: createRoute({
    method: "delete",
    path: "/{id}",
    tags,
    summary: "Remove a checklist item (editors and leads)",
    request: { params: ChecklistItemIdParam },
    responses: { 200: jsonResponse(TaskResponse, "The task with its checklist"), ...errorResponses },
  }),
  move: createRoute({
    method: "post",
    path: "/{id}/move",
    tags,
    summary: "Put a checklist item elsewhere in its list (editors and leads)",
    request: { params: ChecklistItemIdParam, body: jsonBody(MoveChecklistItemInput) },
    responses: { 200: jsonResponse(TaskResponse, "The task with its checklist"), ...errorResponses },
  }),
  promote: createRoute({
    method: "post",
    path: "/{id}/promote",
    tags,
    summary:
      "Turn a checklist item into a task of its own, right after its task in the same column (editors and leads)",
    request: { params: ChecklistItemIdParam },
    responses: { 201: jsonResponse(TaskResponse, "The new task"), ...errorResponses },
  }),
};

/** One checklist item: change, remove, move, promote (mounted under /checklist-items). */
export function checklistItemsRoutes(deps: AppDeps) {
  const r = router();
  r.use("*", requireUser);
  return r
    .openapi(itemRoutes.update, async (c) => {
      const { id } = c.req.valid("param");
      return c.json(
        { task: await tasks.updateChecklistItem(deps, callerOf(c), id, c.req.valid("json")) },
        200,
      );
    })
    .openapi(itemRoutes.delete, async (c) => {
      return c.json(
        { task: await tasks.deleteChecklistItem(deps, callerOf(c), c.req.valid("param").id) },
        200,
      );
    })
    .openapi(itemRoutes.move, async (c) => {
      const { id } = c.req.valid("param");
      return c.json({ task: await tasks.moveChecklistItem(deps, callerOf(c), id, c.req.valid("json")) }, 200);
    })
    .openapi(itemRoutes.promote, async (c) => {
      return c.json(
        { task: await tasks.promoteChecklistItem(deps, callerOf(c), c.req.valid("param").id) },
        201,
      );
    });
}

const myRoutes = {
  tasks: createRoute({
    method: "get",
    path: "/tasks",
    tags,
    summary:
      "My tasks: the open tasks assigned to me (not archived, not in a done column) in every active project I can read, soonest due first",
    responses: { 200: jsonResponse(MyTaskList, "My tasks"), ...errorResponses },
  }),
};

/** What is mine across projects (mounted under /me). */
export function meRoutes(deps: AppDeps) {
  const r = router();
  r.use("*", requireUser);
  return r.openapi(myRoutes.tasks, async (c) => {
    return c.json({ tasks: await tasks.myTasks(deps, callerOf(c)) }, 200);
  });
}
