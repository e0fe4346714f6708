import {
  type BoardResponse,
  type CreateBoardInput,
  type CreateColumnInput,
  type CreateLabelInput,
  type CreateTaskInput,
  type MoveColumnInput,
  Task,
  type TaskDetail,
  type UpdateColumnInput,
  type UpdateTaskInput,
} from "@ensemble/contracts/boards";
import { type QueryClient, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useCallback } from "react";
import { boardsApi } from "./boards.api.ts";
import { mergeCard, withTaskChanged, withTaskRemoved } from "./boards.live.ts";
import { type MovePlan, withMovedTask } from "./boards.order.ts";

/** Everything of this feature lives under ["boards", …], so one invalidation reaches it all. */
export const boardsKey = ["boards"] as const;

/** The key of a project's list of boards. */
export function projectBoardsKey(projectId: string) {
  return ["boards", "project", projectId] as const;
}

/** The key of one board with its open tasks. */
export function boardKey(boardId: string) {
  return ["boards", "board", boardId] as const;
}

/** The key of a board's archived tasks. */
export function archiveKey(boardId: string) {
  return ["boards", "archive", boardId] as const;
}

/** The key of one task's detail; its comments and activity hang below it. */
export function taskKey(taskId: string) {
  return ["boards", "task", taskId] as const;
}

export function taskCommentsKey(taskId: string) {
  return [...taskKey(taskId), "comments"] as const;
}

export function taskActivityKey(taskId: string) {
  return [...taskKey(taskId), "activity"] as const;
}

export const myTasksKey = ["boards", "mine"] as const;

/** GET /api/projects/{id}/boards: the boards and whether I may create one. */
export function useBoardList(projectId: string) {
  return useQuery({
    queryKey: projectBoardsKey(projectId),
    queryFn: () => boardsApi.listBoards(projectId),
  });
}

/**
 * How often a board is fetched again while it is shown, as long as no live stream updates it:
 * the stream (lib/events.ts) makes this a fallback only.
 */
const BOARD_REFRESH_MS = 30_000;

/** GET /api/boards/{id}: the board, its columns, labels, members, abilities and open tasks. */
export function useBoard(boardId: string, options: { poll?: boolean } = {}) {
  return useQuery({
    queryKey: boardKey(boardId),
    queryFn: () => boardsApi.getBoard(boardId),
    refetchInterval: options.poll ? BOARD_REFRESH_MS : false,
  });
}

/** GET /api/boards/{id}/archive: the board's archived tasks. */
export function useArchivedTasks(boardId: string) {
  return useQuery({
    queryKey: archiveKey(boardId),
    queryFn: async () => (await boardsApi.archived(boardId)).tasks,
  });
}

/** GET /api/tasks/{id}: everything the task's detail shows. */
export function useTask(taskId: string | null) {
  return useQuery({
    queryKey: taskKey(taskId ?? ""),
    queryFn: async () => (await boardsApi.getTask(taskId ?? "")).task,
    enabled: taskId !== null,
  });
}

export function useTaskComments(taskId: string) {
  return useQuery({
    queryKey: taskCommentsKey(taskId),
    queryFn: async () => (await boardsApi.comments(taskId)).comments,
  });
}

export function useTaskActivity(taskId: string) {
  return useQuery({
    queryKey: taskActivityKey(taskId),
    queryFn: async () => (await boardsApi.activity(taskId)).activity,
  });
}

/** GET /api/me/tasks: open tasks assigned to me in every project I can read. */
export function useMyTasks() {
  return useQuery({ queryKey: myTasksKey, queryFn: async () => (await boardsApi.myTasks()).tasks });
}

/* ---------- Keeping the caches in step ---------- */

/** The card of a task (the board's and the event's shape) from its detail. */
export function cardOf(detail: TaskDetail | Task): Task | null {
  const parsed = Task.safeParse(detail);
  return parsed.success ? parsed.data : null;
}

/**
 * A task as the API answered it: its detail entry gets it, the board's card is replaced in place,
 * and what depends on it (activity, archive, my tasks) is fetched again when next shown.
 */
export function taskChanged(queryClient: QueryClient, task: TaskDetail) {
  queryClient.setQueryData(taskKey(task.id), task);
  const card = cardOf(task);
  if (card) {
    queryClient.setQueryData<BoardResponse>(boardKey(task.boardId), (data) =>
      data ? withTaskChanged(data, card) : data,
    );
  } else {
    void queryClient.invalidateQueries({ queryKey: boardKey(task.boardId) });
  }
  void queryClient.invalidateQueries({ queryKey: taskActivityKey(task.id) });
  void queryClient.invalidateQueries({ queryKey: archiveKey(task.boardId), refetchType: "none" });
  void queryClient.invalidateQueries({ queryKey: myTasksKey, refetchType: "none" });
}

/**
 * A task's card as it is now (a move's answer, a live event): the board shows it in place, and an
 * open detail takes over its card fields (and is fetched again for the rest, e.g. its history).
 */
export function cardChanged(queryClient: QueryClient, card: Task) {
  queryClient.setQueryData<BoardResponse>(boardKey(card.boardId), (data) =>
    data ? withTaskChanged(data, card) : data,
  );
  queryClient.setQueryData<TaskDetail>(taskKey(card.id), (detail) =>
    detail ? mergeCard(detail, card) : detail,
  );
  void queryClient.invalidateQueries({ queryKey: taskKey(card.id) });
  void queryClient.invalidateQueries({ queryKey: archiveKey(card.boardId), refetchType: "none" });
  void queryClient.invalidateQueries({ queryKey: myTasksKey, refetchType: "none" });
}

/** An answer we do not read in detail: the task, the board and their history are fetched again. */
function taskTouched(queryClient: QueryClient, taskId: string, boardId: string) {
  void queryClient.invalidateQueries({ queryKey: taskKey(taskId) });
  void queryClient.invalidateQueries({ queryKey: boardKey(boardId) });
  void queryClient.invalidateQueries({ queryKey: myTasksKey, refetchType: "none" });
}

/** The task of an answer, when the answer carries one. */
function answeredTask(answer: unknown): TaskDetail | null {
  const task = (answer as { task?: TaskDetail } | null | undefined)?.task;
  return task && typeof task === "object" && "id" in task ? task : null;
}

/** After any change of a task: the answer's task if there is one, else a refetch. */
function afterTaskChange(queryClient: QueryClient, answer: unknown, taskId: string, boardId: string) {
  const task = answeredTask(answer);
  if (task) {
    taskChanged(queryClient, task);
    return;
  }
  taskTouched(queryClient, taskId, boardId);
}

/* ---------- Optimistic moves and live events ---------- */

/**
 * Tasks with a move of ours in flight: live events about them are set aside (they may describe a
 * state before our move), and the board is fetched again once the move settled if any was.
 */
const pendingMoves = new Map<string, number>();
const setAside = new Set<string>();

/** True while one of our moves of this task waits for the API. */
export function isMovePending(taskId: string): boolean {
  return (pendingMoves.get(taskId) ?? 0) > 0;
}

/** Notes a live event about a task with a move in flight (so the board is refetched afterwards). */
export function noteSetAside(taskId: string) {
  setAside.add(taskId);
}

function startMove(taskId: string) {
  pendingMoves.set(taskId, (pendingMoves.get(taskId) ?? 0) + 1);
}

/** Ends a move; true when events were set aside meanwhile and the board should be fetched again. */
function endMove(taskId: string): boolean {
  const left = (pendingMoves.get(taskId) ?? 1) - 1;
  if (left > 0) {
    pendingMoves.set(taskId, left);
    return false;
  }
  pendingMoves.delete(taskId);
  return setAside.delete(taskId);
}

/** A move of a task: where to, and the card as it was (to put it back if the API refuses). */
export interface MoveVariables {
  taskId: string;
  plan: MovePlan;
  before: Task | undefined;
}

/**
 * POST /api/tasks/{id}/move, shown at once: `move` puts the card in its new place with the key
 * computed here in the same render the drop happens in (no flicker back), then asks the API; the
 * card (only that one) goes back if the API refuses, and the API's answer has the final key.
 */
export function useMoveTask(boardId: string) {
  const queryClient = useQueryClient();
  const mutation = useMutation({
    mutationFn: ({ taskId, plan }: MoveVariables) =>
      boardsApi.moveTask(taskId, {
        columnId: plan.columnId,
        afterId: plan.afterId,
        beforeId: plan.beforeId,
        ...(plan.position === undefined ? {} : { position: plan.position }),
      }),
    onError: (_error, { taskId, before }) => {
      if (!before) {
        return;
      }
      // only this card goes back: other changes that arrived meanwhile stay
      queryClient.setQueryData<BoardResponse>(boardKey(boardId), (data) =>
        data ? { ...data, tasks: withMovedTask(data.tasks, taskId, before.columnId, before.position) } : data,
      );
    },
    onSuccess: (answer, { taskId }) => {
      const card = answer?.task ? cardOf(answer.task) : null;
      if (card) {
        cardChanged(queryClient, card);
      } else {
        taskTouched(queryClient, taskId, boardId);
      }
    },
    onSettled: (_answer, _error, { taskId }) => {
      if (endMove(taskId)) {
        void queryClient.invalidateQueries({ queryKey: boardKey(boardId) });
      }
    },
  });
  const { mutate } = mutation;

  const move = useCallback(
    (taskId: string, plan: MovePlan, options?: { onSuccess?(): void; onError?(error: unknown): void }) => {
      startMove(taskId);
      // a fetch in flight would answer with the old place and undo what we show
      void queryClient.cancelQueries({ queryKey: boardKey(boardId) });
      const before = queryClient
        .getQueryData<BoardResponse>(boardKey(boardId))
        ?.tasks.find((t) => t.id === taskId);
      if (plan.position !== undefined) {
        const position = plan.position;
        queryClient.setQueryData<BoardResponse>(boardKey(boardId), (data) =>
          data ? { ...data, tasks: withMovedTask(data.tasks, taskId, plan.columnId, position) } : data,
        );
      }
      mutate({ taskId, plan, before }, options);
    },
    [queryClient, boardId, mutate],
  );
  return { move, mutation };
}

/* ---------- Boards ---------- */

/** POST /api/projects/{id}/boards (with default columns in the reader's language). */
export function useCreateBoard(projectId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: CreateBoardInput) => boardsApi.createBoard(projectId, input),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: projectBoardsKey(projectId) }),
  });
}

/** PATCH /api/boards/{id}: a new name. */
export function useRenameBoard(projectId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ boardId, name }: { boardId: string; name: string }) =>
      boardsApi.updateBoard(boardId, { name }),
    onSuccess: (_answer, { boardId }) => {
      void queryClient.invalidateQueries({ queryKey: projectBoardsKey(projectId) });
      void queryClient.invalidateQueries({ queryKey: boardKey(boardId) });
    },
  });
}

/** DELETE /api/boards/{id}: the board with its columns and tasks. */
export function useDeleteBoard(projectId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (boardId: string) => boardsApi.deleteBoard(boardId),
    onSuccess: (_answer, boardId) => {
      queryClient.removeQueries({ queryKey: boardKey(boardId) });
      void queryClient.invalidateQueries({ queryKey: projectBoardsKey(projectId) });
      void queryClient.invalidateQueries({ queryKey: myTasksKey, refetchType: "none" });
    },
  });
}

/* ---------- Columns ---------- */

/** The column changes of a board; each fetches the board again (its columns and counts). */
export type ColumnChange =
  | { kind: "create"; input: CreateColumnInput }
  | { kind: "update"; columnId: string; input: UpdateColumnInput }
  | { kind: "move"; columnId: string; input: MoveColumnInput }
  | { kind: "delete"; columnId: string; moveTo: string };

function runColumnChange(boardId: string, change: ColumnChange): Promise<unknown> {
  switch (change.kind) {
    case "create":
      return boardsApi.createColumn(boardId, change.input);
    case "update":
      return boardsApi.updateColumn(change.columnId, change.input);
    case "move":
      return boardsApi.moveColumn(change.columnId, change.input);
    case "delete":
      return boardsApi.deleteColumn(change.columnId, change.moveTo);
  }
}

/** Adds, renames, reorders, changes (WIP limit, done) or deletes a column of the board. */
export function useColumnChange(boardId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (change: ColumnChange) => runColumnChange(boardId, change),
    onSuccess: (_answer, change) => {
      void queryClient.invalidateQueries({ queryKey: boardKey(boardId) });
      if (change.kind === "delete" || change.kind === "update") {
        void queryClient.invalidateQueries({ queryKey: archiveKey(boardId), refetchType: "none" });
        void queryClient.invalidateQueries({ queryKey: myTasksKey, refetchType: "none" });
      }
    },
  });
}

/* ---------- Tasks ---------- */

/** POST /api/boards/{id}/tasks. */
export function useCreateTask(boardId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: CreateTaskInput) => boardsApi.createTask(boardId, input),
    onSuccess: (answer) => {
      const task = answeredTask(answer);
      if (task) {
        taskChanged(queryClient, task);
      } else {
        void queryClient.invalidateQueries({ queryKey: boardKey(boardId) });
      }
    },
  });
}

/** PATCH /api/tasks/{id}: any of its fields. */
export function useUpdateTask(taskId: string, boardId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: UpdateTaskInput) => boardsApi.updateTask(taskId, input),
    onSuccess: (answer) => afterTaskChange(queryClient, answer, taskId, boardId),
  });
}

/** Archive or restore a task (the variables name it, so the archive view can restore any). */
export function useArchiveTask(boardId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ taskId, archived }: { taskId: string; archived: boolean }) =>
      archived ? boardsApi.archiveTask(taskId) : boardsApi.restoreTask(taskId),
    onSuccess: (answer, { taskId }) => {
      afterTaskChange(queryClient, answer, taskId, boardId);
      void queryClient.invalidateQueries({ queryKey: archiveKey(boardId) });
    },
  });
}

/** POST /api/boards/{id}/archive-done: every task of the done columns goes to the archive. */
export function useArchiveDone(boardId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => boardsApi.archiveDone(boardId),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: boardKey(boardId) });
      void queryClient.invalidateQueries({ queryKey: archiveKey(boardId) });
      void queryClient.invalidateQueries({ queryKey: myTasksKey, refetchType: "none" });
    },
  });
}

/** DELETE /api/tasks/{id}: gone for good. */
export function useDeleteTask(boardId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (taskId: string) => boardsApi.deleteTask(taskId),
    onSuccess: (_answer, taskId) => {
      queryClient.removeQueries({ queryKey: taskKey(taskId) });
      queryClient.setQueryData<BoardResponse>(boardKey(boardId), (data) =>
        data ? withTaskRemoved(data, taskId) : data,
      );
      void queryClient.invalidateQueries({ queryKey: archiveKey(boardId) });
      void queryClient.invalidateQueries({ queryKey: myTasksKey, refetchType: "none" });
    },
  });
}

/* ---------- Checklist ---------- */

/** The checklist steps of one task. */
export type ChecklistChange =
  | { kind: "add"; text: string; afterId?: string | null }
  | { kind: "update"; itemId: string; text?: string; done?: boolean }
  | { kind: "move"; itemId: string; afterId: string | null; beforeId: string | null }
  | { kind: "delete"; itemId: string }
  | { kind: "promote"; itemId: string };

function runChecklistChange(taskId: string, change: ChecklistChange) {
  switch (change.kind) {
    case "add":
      return boardsApi.addChecklistItem(taskId, {
        text: change.text,
        ...(change.afterId === undefined ? {} : { afterId: change.afterId }),
      });
    case "update": {
      const input: { text?: string; done?: boolean } = {};
      if (change.text !== undefined) {
        input.text = change.text;
      }
      if (change.done !== undefined) {
        input.done = change.done;
      }
      return boardsApi.updateChecklistItem(change.itemId, input);
    }
    case "move":
      return boardsApi.moveChecklistItem(change.itemId, {
        afterId: change.afterId,
        beforeId: change.beforeId,
      });
    case "delete":
      return boardsApi.deleteChecklistItem(change.itemId);
    case "promote":
      return boardsApi.promoteChecklistItem(change.itemId);
  }
}

/** Adds, edits, ticks, reorders, deletes or promotes a checklist item; the task is fetched again. */
export function useChecklistChange(taskId: string, boardId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (change: ChecklistChange) => runChecklistChange(taskId, change),
    onSuccess: (answer, change) => {
      if (change.kind === "promote") {
        // the answer is the new task; the promoted item left this one
        const created = answeredTask(answer);
        if (created) {
          taskChanged(queryClient, created);
        }
        taskTouched(queryClient, taskId, boardId);
        return;
      }
      afterTaskChange(queryClient, answer, taskId, boardId);
    },
  });
}

/* ---------- Labels, documents ---------- */

/** POST /api/projects/{id}/labels: a new label of the project (the board lists them). */
export function useCreateLabel(projectId: string, boardId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: CreateLabelInput) => boardsApi.createLabel(projectId, input),
    onSuccess: ({ label }) => {
      queryClient.setQueryData<BoardResponse>(boardKey(boardId), (data) =>
        data && !data.board.labels.some((l) => l.id === label.id)
          ? { ...data, board: { ...data.board, labels: [...data.board.labels, label] } }
          : data,
      );
      void queryClient.invalidateQueries({ queryKey: boardKey(boardId) });
    },
  });
}

/** PUT or DELETE /api/tasks/{id}/documents/{documentId}. */
export function useDocumentLink(taskId: string, boardId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ documentId, linked }: { documentId: string; linked: boolean }) =>
      linked ? boardsApi.linkDocument(taskId, documentId) : boardsApi.unlinkDocument(taskId, documentId),
    onSuccess: (answer) => afterTaskChange(queryClient, answer, taskId, boardId),
  });
}

/* ---------- Comments ---------- */

function commentsChanged(queryClient: QueryClient, taskId: string, boardId: string) {
  void queryClient.invalidateQueries({ queryKey: taskCommentsKey(taskId) });
  // the card's comment count and the history changed with it
  void queryClient.invalidateQueries({ queryKey: taskKey(taskId), exact: true });
  void queryClient.invalidateQueries({ queryKey: taskActivityKey(taskId) });
  void queryClient.invalidateQueries({ queryKey: boardKey(boardId) });
}

/** POST /api/tasks/{id}/comments. */
export function useAddTaskComment(taskId: string, boardId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: { body: string; mentions: string[] }) => boardsApi.addComment(taskId, input),
    onSuccess: () => commentsChanged(queryClient, taskId, boardId),
  });
}

/** PATCH /api/task-comments/{id}: a new text for my comment. */
export function useUpdateTaskComment(taskId: string, boardId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ commentId, body, mentions }: { commentId: string; body: string; mentions: string[] }) =>
      boardsApi.updateComment(commentId, { body, mentions }),
    onSuccess: () => commentsChanged(queryClient, taskId, boardId),
  });
}

/** DELETE /api/task-comments/{id}. */
export function useDeleteTaskComment(taskId: string, boardId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (commentId: string) => boardsApi.deleteComment(commentId),
    onSuccess: () => commentsChanged(queryClient, taskId, boardId),
  });
}
