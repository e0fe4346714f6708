import {
  type CreateBoardInput,
  type CreateChecklistItemInput,
  type CreateColumnInput,
  type CreateLabelInput,
  type CreateTaskCommentInput,
  type CreateTaskInput,
  expandBoard,
  type MoveChecklistItemInput,
  type MoveColumnInput,
  type MoveTaskInput,
  type UpdateBoardInput,
  type UpdateChecklistItemInput,
  type UpdateColumnInput,
  type UpdateLabelInput,
  type UpdateTaskCommentInput,
  type UpdateTaskInput,
} from "@ensemble/contracts/boards";
import { api, call } from "../../lib/api.ts";

/*
 * Every call of the boards feature, in one place, over the typed client: the answers' types come
 * from the API's routes (and so from the contracts).
 */

const id = (value: string) => ({ param: { id: value } });

export const boardsApi = {
  listBoards: (projectId: string) => call(api.projects[":id"].boards.$get(id(projectId))),
  createBoard: (projectId: string, input: CreateBoardInput) =>
    call(api.projects[":id"].boards.$post({ ...id(projectId), json: input })),
  /** The board with its cards as `Task`s: the load names each assignee once (see BoardCard). */
  getBoard: async (boardId: string) => expandBoard(await call(api.boards[":id"].$get(id(boardId)))),
  updateBoard: (boardId: string, input: UpdateBoardInput) =>
    call(api.boards[":id"].$patch({ ...id(boardId), json: input })),
  deleteBoard: (boardId: string) => call(api.boards[":id"].$delete(id(boardId))),

  createColumn: (boardId: string, input: CreateColumnInput) =>
    call(api.boards[":id"].columns.$post({ ...id(boardId), json: input })),
  updateColumn: (columnId: string, input: UpdateColumnInput) =>
    call(api.columns[":id"].$patch({ ...id(columnId), json: input })),
  moveColumn: (columnId: string, input: MoveColumnInput) =>
    call(api.columns[":id"].move.$post({ ...id(columnId), json: input })),
  deleteColumn: (columnId: string, moveTo: string | undefined) =>
    call(api.columns[":id"].$delete({ ...id(columnId), query: moveTo === undefined ? {} : { moveTo } })),

  archived: (boardId: string) => call(api.boards[":id"].archive.$get(id(boardId))),
  archiveDone: (boardId: string) => call(api.boards[":id"]["archive-done"].$post(id(boardId))),

  createTask: (boardId: string, input: CreateTaskInput) =>
    call(api.boards[":id"].tasks.$post({ ...id(boardId), json: input })),
  getTask: (taskId: string) => call(api.tasks[":id"].$get(id(taskId))),
  updateTask: (taskId: string, input: UpdateTaskInput) =>
    call(api.tasks[":id"].$patch({ ...id(taskId), json: input })),
  deleteTask: (taskId: string) => call(api.tasks[":id"].$delete(id(taskId))),
  moveTask: (taskId: string, input: MoveTaskInput) =>
    call(api.tasks[":id"].move.$post({ ...id(taskId), json: input })),
  archiveTask: (taskId: string) => call(api.tasks[":id"].archive.$post(id(taskId))),
  restoreTask: (taskId: string) => call(api.tasks[":id"].restore.$post(id(taskId))),

  addChecklistItem: (taskId: string, input: CreateChecklistItemInput) =>
    call(api.tasks[":id"].checklist.$post({ ...id(taskId), json: input })),
  updateChecklistItem: (itemId: string, input: UpdateChecklistItemInput) =>
    call(api["checklist-items"][":id"].$patch({ ...id(itemId), json: input })),
  deleteChecklistItem: (itemId: string) => call(api["checklist-items"][":id"].$delete(id(itemId))),
  moveChecklistItem: (itemId: string, input: MoveChecklistItemInput) =>
    call(api["checklist-items"][":id"].move.$post({ ...id(itemId), json: input })),
  promoteChecklistItem: (itemId: string) => call(api["checklist-items"][":id"].promote.$post(id(itemId))),

  labels: (projectId: string) => call(api.projects[":id"].labels.$get(id(projectId))),
  createLabel: (projectId: string, input: CreateLabelInput) =>
    call(api.projects[":id"].labels.$post({ ...id(projectId), json: input })),
  updateLabel: (labelId: string, input: UpdateLabelInput) =>
    call(api.labels[":id"].$patch({ ...id(labelId), json: input })),
  deleteLabel: (labelId: string) => call(api.labels[":id"].$delete(id(labelId))),

  linkDocument: (taskId: string, documentId: string) =>
    call(api.tasks[":id"].documents[":documentId"].$put({ param: { id: taskId, documentId } })),
  unlinkDocument: (taskId: string, documentId: string) =>
    call(api.tasks[":id"].documents[":documentId"].$delete({ param: { id: taskId, documentId } })),

  comments: (taskId: string) => call(api.tasks[":id"].comments.$get(id(taskId))),
  addComment: (taskId: string, input: CreateTaskCommentInput) =>
    call(api.tasks[":id"].comments.$post({ ...id(taskId), json: input })),
  updateComment: (commentId: string, input: UpdateTaskCommentInput) =>
    call(api["task-comments"][":id"].$patch({ ...id(commentId), json: input })),
  deleteComment: (commentId: string) => call(api["task-comments"][":id"].$delete(id(commentId))),

  activity: (taskId: string) => call(api.tasks[":id"].activity.$get(id(taskId))),
  myTasks: () => call(api.me.tasks.$get()),
};
