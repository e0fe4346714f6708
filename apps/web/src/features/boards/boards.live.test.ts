import type { BoardResponse } from "@ensemble/contracts/boards";
import { describe, expect, it } from "vitest";
import { mergeCard, withTaskChanged, withTaskRemoved } from "./boards.live.ts";
import { boardWith, card } from "./boards.testing.ts";

function board(tasks = [card({ id: "t1" })]): BoardResponse {
  return boardWith(tasks);
}

const later = "2026-01-01T10:00:05.000Z";
const earlier = "2026-01-01T09:59:00.000Z";

describe("live task events on the board", () => {
  it("patches a task in place and adds a new one", () => {
    const data = board();
    const moved = withTaskChanged(data, card({ id: "t1", columnId: "c2", updatedAt: later }));
    expect(moved.tasks).toHaveLength(1);
    expect(moved.tasks[0]?.columnId).toBe("c2");
    const added = withTaskChanged(data, card({ id: "t2", updatedAt: later }));
    expect(added.tasks.map((t) => t.id)).toEqual(["t1", "t2"]);
  });

  it("ignores an event older than the task it holds (our newer move stays)", () => {
    const data = board([card({ id: "t1", columnId: "c2", updatedAt: later })]);
    expect(withTaskChanged(data, card({ id: "t1", columnId: "c1", updatedAt: earlier }))).toBe(data);
  });

  it("takes archived tasks and tasks of other boards off the board", () => {
    const data = board();
    expect(withTaskChanged(data, card({ id: "t1", archivedAt: later, updatedAt: later })).tasks).toEqual([]);
    expect(withTaskChanged(data, card({ id: "t1", boardId: "b2", updatedAt: later })).tasks).toEqual([]);
    expect(withTaskChanged(data, card({ id: "t9", boardId: "b2", updatedAt: later }))).toBe(data);
  });

  it("removes a deleted task", () => {
    const data = board();
    expect(withTaskRemoved(data, "t1").tasks).toEqual([]);
    expect(withTaskRemoved(data, "nope")).toBe(data);
  });

  it("merges a newer card into a detail and keeps the detail's own fields", () => {
    const detail = { ...card({ id: "t1" }), description: { type: "doc" } };
    const merged = mergeCard(detail, card({ id: "t1", title: "Neu", updatedAt: later }));
    expect(merged).toMatchObject({ title: "Neu", description: { type: "doc" } });
    expect(mergeCard(detail, card({ id: "t1", title: "Alt", updatedAt: earlier }))).toBe(detail);
  });
});
