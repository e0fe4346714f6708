import type { BoardResponse, Task } from "@ensemble/contracts/boards";
import { type QueryClient, useQueryClient } from "@tanstack/react-query";
import { useMemo } from "react";
import { type LiveEventOf, useLiveConnectionState, useLiveEvent, useLiveResync } from "../../lib/events.ts";
import { withTaskChanged, withTaskRemoved } from "./boards.live.ts";
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
 * A task event arrived while the board is being fetched: that answer may have been read before
 * the change and would put the old state back over the patched card, so the board is fetched
 * anew (the stream sends an event only after its change is committed).
 */
function refetchIfFetching(queryClient: QueryClient, boardId: string) {
  const queryKey = boardKey(boardId);
  if (queryClient.isFetching({ queryKey }) === 0) {
    return;
  }
  // cancelled first: a first load (no data yet) would otherwise only wait for the same old answer
  void queryClient.cancelQueries({ queryKey }).then(() => queryClient.invalidateQueries({ queryKey }));
}

/** What the board page does on each live event (pure of React, for the tests). */
export interface BoardLiveHandlers {
  taskChanged(event: LiveEventOf<"task.changed">): void;
  taskRemoved(event: LiveEventOf<"task.removed">): void;
  boardChanged(event: LiveEventOf<"board.changed">): void;
  boardRemoved(event: LiveEventOf<"board.removed">): void;
}

/** The live events that concern a shown board, each applied to the caches. */
export function boardLiveHandlers(
  queryClient: QueryClient,
  projectId: string,
  boardId: string,
): BoardLiveHandlers {
  return {
    taskChanged: ({ data }) => {
      if (data.boardId !== boardId && data.task.boardId !== boardId) {
        // moved to another board: it leaves this one (when shown here)
        queryClient.setQueryData<BoardResponse>(boardKey(boardId), (board) =>
          board?.tasks.some((t) => t.id === data.task.id) ? withTaskChanged(board, data.task) : board,
        );
        return;
      }
      const ours = isMovePending(data.task.id);
      onTaskChanged(queryClient, data.task);
      if (!ours) {
        // (with a move of ours in flight, the board is fetched once it settled)
        refetchIfFetching(queryClient, boardId);
      }
    },
    taskRemoved: ({ data }) => {
      if (data.boardId !== boardId) {
        return;
      }
      onTaskRemoved(queryClient, boardId, data.taskId);
      refetchIfFetching(queryClient, boardId);
    },
    // the project's other boards too: the list of boards shows their names
    boardChanged: ({ data }) => {
      if (data.projectId === projectId) {
        onBoardChanged(queryClient, data.projectId, data.boardId);
      }
    },
    boardRemoved: ({ data }) => {
      if (data.projectId === projectId) {
        onBoardRemoved(queryClient, data.projectId, data.boardId);
      }
    },
  };
}

/**
 * Keeps a shown board in step with what others do, through the live stream: cards are patched in
 * place from task events, the board is fetched again on board events and whenever the stream
 * (re)opens. Returns whether the stream is open; while it is not, the board is fetched again
 * every little while instead (useBoard's `poll`).
 */
export function useBoardLive(projectId: string, boardId: string): { live: boolean } {
  const queryClient = useQueryClient();
  const live = useLiveConnectionState() === "open";
  const handlers = useMemo(
    () => boardLiveHandlers(queryClient, projectId, boardId),
    [queryClient, projectId, boardId],
  );
  useLiveEvent("task.changed", handlers.taskChanged);
  useLiveEvent("task.removed", handlers.taskRemoved);
  useLiveEvent("board.changed", handlers.boardChanged);
  useLiveEvent("board.removed", handlers.boardRemoved);
  useLiveResync(() => void queryClient.invalidateQueries({ queryKey: boardKey(boardId) }));
  return { live };
}
