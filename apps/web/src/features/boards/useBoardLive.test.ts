import type { BoardResponse, Task } from "@ensemble/contracts/boards";
import { QueryClient, QueryObserver } from "@tanstack/react-query";
import { afterEach, describe, expect, it } from "vitest";
import type { LiveEventOf } from "../../lib/events.ts";
import { boardKey, projectBoardsKey, taskKey } from "./boards.queries.ts";
import { boardWith, card } from "./boards.testing.ts";
import { boardLiveHandlers } from "./useBoardLive.ts";

function board(tasks: Task[], id = "b1"): BoardResponse {
  return boardWith(tasks, id);
}

const later = "2026-01-01T10:00:05.000Z";
const base = { id: "9", at: later, actorId: "u2" };

function taskChanged(task: Task, boardId = task.boardId): LiveEventOf<"task.changed"> {
  return { ...base, type: "task.changed", data: { projectId: task.projectId, boardId, task } };
}

let clients: QueryClient[] = [];
function client(): QueryClient {
  const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  clients.push(queryClient);
  return queryClient;
}

afterEach(() => {
  for (const c of clients) {
    c.clear();
  }
  clients = [];
});

describe("the board's live events", () => {
  it("moves a card of this board to where another person put it", () => {
    const queryClient = client();
    queryClient.setQueryData(boardKey("b1"), board([card({ id: "t1" }), card({ id: "t2", position: "a1" })]));
    const handlers = boardLiveHandlers(queryClient, "p1", "b1");
    handlers.taskChanged(taskChanged(card({ id: "t1", columnId: "c2", updatedAt: later })));
    const data = queryClient.getQueryData<BoardResponse>(boardKey("b1"));
    expect(data?.tasks.find((t) => t.id === "t1")?.columnId).toBe("c2");
    expect(data?.tasks).toHaveLength(2);
  });

  it("leaves the caches of other boards alone, but lets a card that moved to another board go", () => {
    const queryClient = client();
    queryClient.setQueryData(boardKey("b1"), board([card({ id: "t1" })]));
    const handlers = boardLiveHandlers(queryClient, "p1", "b1");
    handlers.taskChanged(taskChanged(card({ id: "t9", boardId: "b2", updatedAt: later })));
    expect(queryClient.getQueryData(boardKey("b2"))).toBeUndefined();
    expect(queryClient.getQueryData<BoardResponse>(boardKey("b1"))?.tasks.map((t) => t.id)).toEqual(["t1"]);
    handlers.taskChanged(taskChanged(card({ id: "t1", boardId: "b2", updatedAt: later })));
    expect(queryClient.getQueryData<BoardResponse>(boardKey("b1"))?.tasks).toEqual([]);
  });

  it("takes a removed task off the board, and only for this board", () => {
    const queryClient = client();
    queryClient.setQueryData(boardKey("b1"), board([card({ id: "t1" }), card({ id: "t2", position: "a1" })]));
    const handlers = boardLiveHandlers(queryClient, "p1", "b1");
    const removed = (boardId: string, taskId: string): LiveEventOf<"task.removed"> => ({
      ...base,
      type: "task.removed",
      data: { projectId: "p1", boardId, taskId },
    });
    handlers.taskRemoved(removed("b2", "t1"));
    expect(queryClient.getQueryData<BoardResponse>(boardKey("b1"))?.tasks).toHaveLength(2);
    handlers.taskRemoved(removed("b1", "t1"));
    expect(queryClient.getQueryData<BoardResponse>(boardKey("b1"))?.tasks.map((t) => t.id)).toEqual(["t2"]);
  });

  it("fetches the board and the project's boards again when a board of the project changed", () => {
    const queryClient = client();
    queryClient.setQueryData(boardKey("b1"), board([]));
    queryClient.setQueryData(projectBoardsKey("p1"), { boards: [] });
    queryClient.setQueryData(projectBoardsKey("p2"), { boards: [] });
    const handlers = boardLiveHandlers(queryClient, "p1", "b1");
    handlers.boardChanged({ ...base, type: "board.changed", data: { projectId: "p2", boardId: "b7" } });
    expect(queryClient.getQueryState(projectBoardsKey("p2"))?.isInvalidated).toBe(false);
    handlers.boardChanged({ ...base, type: "board.changed", data: { projectId: "p1", boardId: "b1" } });
    expect(queryClient.getQueryState(boardKey("b1"))?.isInvalidated).toBe(true);
    expect(queryClient.getQueryState(projectBoardsKey("p1"))?.isInvalidated).toBe(true);
  });

  it("fetches a removed board again (the page then says it is gone)", () => {
    const queryClient = client();
    queryClient.setQueryData(boardKey("b1"), board([]));
    const handlers = boardLiveHandlers(queryClient, "p1", "b1");
    handlers.boardRemoved({ ...base, type: "board.removed", data: { projectId: "p1", boardId: "b1" } });
    expect(queryClient.getQueryState(boardKey("b1"))?.isInvalidated).toBe(true);
  });

  it("fetches the board anew when an event arrives while a fetch is under way (it may predate the change)", async () => {
    const queryClient = client();
    const answers: ((data: BoardResponse) => void)[] = [];
    const observer = new QueryObserver<BoardResponse>(queryClient, {
      queryKey: boardKey("b1"),
      queryFn: () => new Promise<BoardResponse>((resolve) => answers.push(resolve)),
    });
    const unsubscribe = observer.subscribe(() => undefined);
    await expect.poll(() => answers.length).toBe(1);
    const moved = card({ id: "t1", columnId: "c2", updatedAt: later });
    boardLiveHandlers(queryClient, "p1", "b1").taskChanged(taskChanged(moved));
    // the first answer, read before the move, comes late: it must not win
    answers[0]?.(board([card({ id: "t1" })]));
    await expect.poll(() => answers.length).toBe(2);
    answers[1]?.(board([moved]));
    await expect
      .poll(() => queryClient.getQueryData<BoardResponse>(boardKey("b1"))?.tasks[0]?.columnId)
      .toBe("c2");
    expect(queryClient.getQueryData(taskKey("t1"))).toBeUndefined();
    unsubscribe();
  });
});
