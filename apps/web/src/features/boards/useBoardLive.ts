import type { BoardResponse, Task } from "@ensemble/contracts/boards";
import { type QueryClient, useQueryClient } from "@tanstack/react-query";
import { withTaskRemoved } from "./boards.live.ts";
import {
  archiveKey,
  boardKey,
  cardChanged,
  isMovePending,
  myTasksKey,
  noteSetAside,
  projectBoardsKey,
  taskKey,
} from "./boards.queries.ts";

/*
 * The board's side of the live stream: what each event does to the caches. The stream itself
 * (lib/events.ts, useLiveEvent) is hooked in in useBoardLive only.
 */

/** task.changed: the card is patched in place, unless one of our moves of it is still in flight. */
export function onTaskChanged(queryClient: QueryClient, task: Task) {
  if (isMovePending(task.id)) {
    // it may describe the place before our move; the board is fetched once the move settled
    noteSetAside(task.id);
    return;
  }
  cardChanged(queryClient, task);
}

/** task.removed: the card leaves the board, an open detail finds it gone when it refetches. */
export function onTaskRemoved(queryClient: QueryClient, boardId: string, taskId: string) {
  queryClient.setQueryData<BoardResponse>(boardKey(boardId), (data) =>
    data ? withTaskRemoved(data, taskId) : data,
  );
  void queryClient.invalidateQueries({ queryKey: taskKey(taskId) });
  void queryClient.invalidateQueries({ queryKey: archiveKey(boardId), refetchType: "none" });
  void queryClient.invalidateQueries({ queryKey: myTasksKey, refetchType: "none" });
}

/** board.changed: name, columns or labels changed; the board is fetched again, and the list of boards. */
export function onBoardChanged(queryClient: QueryClient, projectId: string, boardId: string) {
  void queryClient.invalidateQueries({ queryKey: boardKey(boardId) });
  void queryClient.invalidateQueries({ queryKey: projectBoardsKey(projectId) });
}

/** board.removed: the page finds the board gone when it refetches (and says so). */
export function onBoardRemoved(queryClient: QueryClient, projectId: string, boardId: string) {
  void queryClient.invalidateQueries({ queryKey: boardKey(boardId) });
  void queryClient.invalidateQueries({ queryKey: projectBoardsKey(projectId) });
  void queryClient.invalidateQueries({ queryKey: myTasksKey, refetchType: "none" });
}

/**
 * Keeps a shown board in step with what others do. Returns whether the live stream does it; while
 * it does not, the board is fetched again every little while instead (useBoard's `poll`).
 */
export function useBoardLive(_projectId: string, _boardId: string): { live: boolean } {
  // the stream's hook (lib/events.ts) is not there yet: the board polls meanwhile
  useQueryClient();
  return { live: false };
}
