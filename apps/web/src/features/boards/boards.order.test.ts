import { generateKeyBetween } from "fractional-indexing";
import { describe, expect, it } from "vitest";
import {
  byPosition,
  columnItems,
  compareKeys,
  containerOf,
  keyBetween,
  moveInItems,
  placeOf,
  planFromItems,
  planMenuMove,
  planMove,
  withMovedTask,
} from "./boards.order.ts";
import { card, column } from "./boards.testing.ts";

const a0 = generateKeyBetween(null, null); // "a0"
const a1 = generateKeyBetween(a0, null); // "a1"
const a2 = generateKeyBetween(a1, null); // "a2"

describe("order keys", () => {
  it("compare byte-wise, not by the reader's language (upper case before lower case)", () => {
    const keys = ["a1", "Zz", "a0V", "a0"];
    expect([...keys].sort(compareKeys)).toEqual(["Zz", "a0", "a0V", "a1"]);
    // localeCompare would put "Zz" last
    expect([...keys].sort((x, y) => x.localeCompare(y))).not.toEqual(["Zz", "a0", "a0V", "a1"]);
  });

  it("sorts items by key and groups tasks per column, every column present", () => {
    const tasks = [
      card({ id: "t3", columnId: "c1", position: a2 }),
      card({ id: "t1", columnId: "c1", position: a0 }),
      card({ id: "t2", columnId: "c2", position: a1 }),
      card({ id: "x", columnId: "gone", position: a0 }),
    ];
    expect(byPosition(tasks).map((t) => t.id)).toEqual(["t1", "x", "t2", "t3"]);
    const items = columnItems([column("c1", a0), column("c2", a1), column("c3", a2)], tasks);
    expect(items).toEqual({ c1: ["t1", "t3"], c2: ["t2"], c3: [] });
  });

  it("gives a key strictly between the neighbours, or undefined for keys the library refuses", () => {
    const key = keyBetween(a0, a1);
    expect(key).toBeDefined();
    expect(compareKeys(a0, key ?? "")).toBe(-1);
    expect(compareKeys(key ?? "", a1)).toBe(-1);
    expect(keyBetween(null, null)).toBe("a0");
    // neighbours in the wrong order are taken the right way round (fractional-indexing 4)
    expect(keyBetween(a1, a0)).toBe(keyBetween(a0, a1));
    expect(keyBetween(a0, a0)).toBeUndefined();
    expect(keyBetween("not a key", null)).toBeUndefined();
  });
});

describe("planning a move", () => {
  const positions: Record<string, string> = { t1: a0, t2: a1, t3: a2 };
  const positionOf = (id: string) => positions[id];

  it("names both neighbours and a key between them", () => {
    const plan = planMove("t3", "c1", ["t1", "t3", "t2"], 1, positionOf);
    expect(plan).toMatchObject({ columnId: "c1", afterId: "t1", beforeId: "t2" });
    expect(plan.position && compareKeys(a0, plan.position) < 0 && compareKeys(plan.position, a1) < 0).toBe(
      true,
    );
  });

  it("moves to the start and the end of a column, and into an empty one", () => {
    expect(planMove("t9", "c2", ["t1", "t2"], 0, positionOf)).toMatchObject({
      afterId: null,
      beforeId: "t1",
    });
    const end = planMove("t9", "c2", ["t1", "t2"], 2, positionOf);
    expect(end).toMatchObject({ afterId: "t2", beforeId: null });
    expect(compareKeys(end.position ?? "", a1)).toBe(1);
    expect(planMove("t9", "c3", [], 0, positionOf)).toEqual({
      columnId: "c3",
      afterId: null,
      beforeId: null,
      position: "a0",
    });
  });

  it("leaves the key to the server when a neighbour's key is unknown", () => {
    const plan = planMove("t9", "c1", ["t1", "unknown"], 1, positionOf);
    expect(plan).toMatchObject({ afterId: "t1", beforeId: "unknown", position: undefined });
  });

  it("plans from the order a drag ended in", () => {
    expect(planFromItems("t2", { c1: ["t1"], c2: ["t3", "t2"] }, positionOf)).toMatchObject({
      columnId: "c2",
      afterId: "t3",
      beforeId: null,
    });
    expect(planFromItems("nowhere", { c1: ["t1"] }, positionOf)).toBeNull();
  });

  it("plans moves from the menu: to another column's start or end, one place up or down", () => {
    const items = { c1: ["t1", "t2", "t3"], c2: ["t4"] };
    const pos = (id: string) => ({ ...positions, t4: a0 })[id];
    expect(planMenuMove("t2", items, { columnId: "c2", where: "end" }, pos)).toMatchObject({
      columnId: "c2",
      afterId: "t4",
      beforeId: null,
    });
    expect(planMenuMove("t2", items, { columnId: "c2", where: "start" }, pos)).toMatchObject({
      afterId: null,
      beforeId: "t4",
    });
    expect(planMenuMove("t2", items, { step: -1 }, pos)).toMatchObject({
      columnId: "c1",
      afterId: null,
      beforeId: "t1",
    });
    expect(planMenuMove("t2", items, { step: 1 }, pos)).toMatchObject({ afterId: "t3", beforeId: null });
    expect(planMenuMove("t1", items, { step: -1 }, pos)).toBeNull();
    expect(planMenuMove("t3", items, { step: 1 }, pos)).toBeNull();
  });
});

describe("moving in the drag's item lists", () => {
  const items = { c1: ["t1", "t2"], c2: ["t3"] };

  it("finds the column of a task or a column id", () => {
    expect(containerOf(items, "t3")).toBe("c2");
    expect(containerOf(items, "c1")).toBe("c1");
    expect(containerOf(items, "x")).toBeUndefined();
  });

  it("moves across columns and within one, and keeps the object when nothing changes", () => {
    expect(moveInItems(items, "t1", "c2", 0)).toEqual({ c1: ["t2"], c2: ["t1", "t3"] });
    expect(moveInItems(items, "t1", "c1", 1)).toEqual({ c1: ["t2", "t1"], c2: ["t3"] });
    expect(moveInItems(items, "t1", "c1", 0)).toBe(items);
    expect(moveInItems(items, "t1", "c9", 0)).toBe(items);
  });

  it("shows a move on the tasks at once", () => {
    const tasks = [card({ id: "t1" }), card({ id: "t2" })];
    const moved = withMovedTask(tasks, "t2", "c2", "a5");
    expect(moved[1]).toMatchObject({ columnId: "c2", position: "a5" });
    expect(moved[0]).toBe(tasks[0]);
  });
});

describe("the place a dragged task is announced at", () => {
  const items = { c1: ["t1", "t2"], c2: ["t3"], c3: [] };

  it("takes the place of the task it is over, or the end of a column", () => {
    expect(placeOf(items, "t1", "t1")).toEqual({ columnId: "c1", position: 1, count: 2 });
    expect(placeOf(items, "t1", "t2")).toEqual({ columnId: "c1", position: 2, count: 2 });
    expect(placeOf(items, "t1", "t3")).toEqual({ columnId: "c2", position: 1, count: 2 });
    expect(placeOf(items, "t1", "c3")).toEqual({ columnId: "c3", position: 1, count: 1 });
    expect(placeOf(items, "t2", "c1")).toEqual({ columnId: "c1", position: 2, count: 2 });
    expect(placeOf(items, "t1", "elsewhere")).toBeNull();
  });
});
