import type {
  ArchivedTaskList,
  BoardList,
  BoardResponse,
  CreateBoardInput,
  CreateChecklistItemInput,
  CreateColumnInput,
  CreateLabelInput,
  CreateTaskCommentInput,
  CreateTaskInput,
  LabelList,
  LabelResponse,
  MoveChecklistItemInput,
  MoveColumnInput,
  MoveTaskInput,
  MyTaskList,
  Task,
  TaskActivityList,
  TaskCommentList,
  TaskCommentResponse,
  TaskResponse,
  UpdateBoardInput,
  UpdateChecklistItemInput,
  UpdateColumnInput,
  UpdateLabelInput,
  UpdateTaskCommentInput,
  UpdateTaskInput,
} from "@ensemble/contracts/boards";
import type { z } from "zod";
import { ApiError, toApiError } from "../../lib/api.ts";

/*
 * Every call of the boards feature, in one place. The answers are typed by the contracts; the
 * typed client (hc<AppType>) takes over here once the API registers the board routes, without
 * anything else of the feature changing.
 */

type Body = Record<string, unknown>;

async function send<T>(method: "GET" | "POST" | "PATCH" | "PUT" | "DELETE", path: string, body?: Body) {
  let res: Response;
  try {
    res = await fetch(`/api${path}`, {
      method,
      credentials: "same-origin",
      headers: body === undefined ? {} : { "Content-Type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch (cause) {
    throw new ApiError({ status: 0, code: "network_error", message: "Network request failed", cause });
  }
  if (!res.ok) {
    throw await toApiError(res);
  }
  if (res.status === 204) {
    return undefined as T;
  }
  try {
    return (await res.json()) as T;
  } catch (cause) {
    throw new ApiError({
      status: res.status,
      code: "unexpected_response",
      message: "Unreadable answer",
      cause,
    });
  }
}

const enc = encodeURIComponent;

export type BoardListAnswer = z.infer<typeof BoardList>;
export type TaskAnswer = z.infer<typeof TaskResponse>;

export const boardsApi = {
  listBoards: (projectId: string) => send<BoardListAnswer>("GET", `/projects/${enc(projectId)}/boards`),
  createBoard: (projectId: string, input: CreateBoardInput) =>
    send<{ board: { id: string; name: string } }>("POST", `/projects/${enc(projectId)}/boards`, input),
  getBoard: (boardId: string) => send<BoardResponse>("GET", `/boards/${enc(boardId)}`),
  updateBoard: (boardId: string, input: UpdateBoardInput) =>
    send<unknown>("PATCH", `/boards/${enc(boardId)}`, input),
  deleteBoard: (boardId: string) => send<unknown>("DELETE", `/boards/${enc(boardId)}`),

  createColumn: (boardId: string, input: CreateColumnInput) =>
    send<unknown>("POST", `/boards/${enc(boardId)}/columns`, input),
  updateColumn: (columnId: string, input: UpdateColumnInput) =>
    send<unknown>("PATCH", `/columns/${enc(columnId)}`, input),
  moveColumn: (columnId: string, input: MoveColumnInput) =>
    send<unknown>("POST", `/columns/${enc(columnId)}/move`, input),
  deleteColumn: (columnId: string, moveTo: string) =>
    send<unknown>("DELETE", `/columns/${enc(columnId)}?moveTo=${enc(moveTo)}`),

  archived: (boardId: string) =>
    send<z.infer<typeof ArchivedTaskList>>("GET", `/boards/${enc(boardId)}/archive`),
  archiveDone: (boardId: string) => send<unknown>("POST", `/boards/${enc(boardId)}/archive-done`, {}),

  createTask: (boardId: string, input: CreateTaskInput) =>
    send<TaskAnswer>("POST", `/boards/${enc(boardId)}/tasks`, input),
  getTask: (taskId: string) => send<TaskAnswer>("GET", `/tasks/${enc(taskId)}`),
  updateTask: (taskId: string, input: UpdateTaskInput) =>
    send<TaskAnswer>("PATCH", `/tasks/${enc(taskId)}`, input),
  deleteTask: (taskId: string) => send<unknown>("DELETE", `/tasks/${enc(taskId)}`),
  moveTask: (taskId: string, input: MoveTaskInput) =>
    send<{ task: Task }>("POST", `/tasks/${enc(taskId)}/move`, input),
  archiveTask: (taskId: string) => send<TaskAnswer>("POST", `/tasks/${enc(taskId)}/archive`, {}),
  restoreTask: (taskId: string) => send<TaskAnswer>("POST", `/tasks/${enc(taskId)}/restore`, {}),

  addChecklistItem: (taskId: string, input: CreateChecklistItemInput) =>
    send<unknown>("POST", `/tasks/${enc(taskId)}/checklist`, input),
  updateChecklistItem: (itemId: string, input: UpdateChecklistItemInput) =>
    send<unknown>("PATCH", `/checklist-items/${enc(itemId)}`, input),
  deleteChecklistItem: (itemId: string) => send<unknown>("DELETE", `/checklist-items/${enc(itemId)}`),
  moveChecklistItem: (itemId: string, input: MoveChecklistItemInput) =>
    send<unknown>("POST", `/checklist-items/${enc(itemId)}/move`, input),
  promoteChecklistItem: (itemId: string) =>
    send<TaskAnswer>("POST", `/checklist-items/${enc(itemId)}/promote`, {}),

  labels: (projectId: string) => send<z.infer<typeof LabelList>>("GET", `/projects/${enc(projectId)}/labels`),
  createLabel: (projectId: string, input: CreateLabelInput) =>
    send<z.infer<typeof LabelResponse>>("POST", `/projects/${enc(projectId)}/labels`, input),
  updateLabel: (labelId: string, input: UpdateLabelInput) =>
    send<z.infer<typeof LabelResponse>>("PATCH", `/labels/${enc(labelId)}`, input),
  deleteLabel: (labelId: string) => send<unknown>("DELETE", `/labels/${enc(labelId)}`),

  linkDocument: (taskId: string, documentId: string) =>
    send<unknown>("PUT", `/tasks/${enc(taskId)}/documents/${enc(documentId)}`, {}),
  unlinkDocument: (taskId: string, documentId: string) =>
    send<unknown>("DELETE", `/tasks/${enc(taskId)}/documents/${enc(documentId)}`),

  comments: (taskId: string) =>
    send<z.infer<typeof TaskCommentList>>("GET", `/tasks/${enc(taskId)}/comments`),
  addComment: (taskId: string, input: CreateTaskCommentInput) =>
    send<z.infer<typeof TaskCommentResponse>>("POST", `/tasks/${enc(taskId)}/comments`, input),
  updateComment: (commentId: string, input: UpdateTaskCommentInput) =>
    send<z.infer<typeof TaskCommentResponse>>("PATCH", `/task-comments/${enc(commentId)}`, input),
  deleteComment: (commentId: string) => send<unknown>("DELETE", `/task-comments/${enc(commentId)}`),

  activity: (taskId: string) =>
    send<z.infer<typeof TaskActivityList>>("GET", `/tasks/${enc(taskId)}/activity`),
  myTasks: () => send<z.infer<typeof MyTaskList>>("GET", "/me/tasks"),
};
