import { describe, expect, it } from "vitest";
import {
  applyFilters,
  DEFAULT_SORT,
  filtersFromParams,
  hasFilters,
  isOverdue,
  NO_FILTERS,
  paramsWithFilters,
  paramsWithSort,
  sortFromParams,
  sortTasks,
  viewFromParams,
} from "./boards.filters.ts";
import { card } from "./boards.testing.ts";

const anna = { id: "u-anna", displayName: "Anna Berg" };
const ben = { id: "u-ben", displayName: "Ben Öztürk" };
// a Wednesday
const today = "2026-03-04";

describe("filters in the address", () => {
  it("reads every filter and ignores unknown values", () => {
    const params = new URLSearchParams("assignee=u-anna&label=l1&due=week&q=Plakat&view=list");
    expect(filtersFromParams(params)).toEqual({
      assignee: "u-anna",
      label: "l1",
      due: "week",
      text: "Plakat",
    });
    expect(filtersFromParams(new URLSearchParams("due=tomorrow&assignee="))).toEqual(NO_FILTERS);
  });

  it("writes them back, leaving other parameters and dropping empty ones", () => {
    const params = new URLSearchParams("view=list&task=t1&q=old");
    const next = paramsWithFilters(params, { assignee: "none", label: null, due: "overdue", text: "  " });
    expect(next.toString()).toBe("view=list&task=t1&assignee=none&due=overdue");
    expect(filtersFromParams(next)).toEqual({ assignee: "none", label: null, due: "overdue", text: "" });
    expect(params.toString()).toBe("view=list&task=t1&q=old");
  });

  it("says whether any filter is set, and which view is chosen", () => {
    expect(hasFilters(NO_FILTERS)).toBe(false);
    expect(hasFilters({ ...NO_FILTERS, text: "x" })).toBe(true);
    expect(viewFromParams(new URLSearchParams("view=list"))).toBe("list");
    expect(viewFromParams(new URLSearchParams("view=whatever"))).toBe("board");
  });
});

describe("applying filters", () => {
  const tasks = [
    card({
      id: "late",
      title: "Plakate drucken",
      dueDate: "2026-03-03",
      assignees: [anna],
      labelIds: ["l1"],
    }),
    card({ id: "done-late", title: "Flyer", dueDate: "2026-03-01", completedAt: "2026-03-02T10:00:00Z" }),
    card({ id: "today", title: "Pressemitteilung", dueDate: today, assignees: [ben] }),
    card({ id: "sunday", title: "Bühne aufbauen", dueDate: "2026-03-08", assignees: [anna, ben] }),
    card({ id: "next-week", title: "Abbau", dueDate: "2026-03-09", labelIds: ["l1", "l2"] }),
    card({ id: "no-date", title: "Förderantrag schreiben" }),
  ];
  const ids = (filters: Partial<typeof NO_FILTERS>) =>
    applyFilters(tasks, { ...NO_FILTERS, ...filters }, today).map((t) => t.id);

  it("keeps everything without filters", () => {
    expect(ids({})).toHaveLength(tasks.length);
  });

  it("filters by assignee, nobody assigned, and label", () => {
    expect(ids({ assignee: anna.id })).toEqual(["late", "sunday"]);
    expect(ids({ assignee: "none" })).toEqual(["done-late", "next-week", "no-date"]);
    expect(ids({ label: "l1" })).toEqual(["late", "next-week"]);
  });

  it("filters by due date: overdue (not when done), this week from today to Sunday, none", () => {
    expect(isOverdue(tasks[1] ?? card({ id: "x" }), today)).toBe(false);
    expect(ids({ due: "overdue" })).toEqual(["late"]);
    expect(ids({ due: "week" })).toEqual(["today", "sunday"]);
    expect(ids({ due: "none" })).toEqual(["no-date"]);
  });

  it("matches every word of the text in the title, ignoring case and accents", () => {
    expect(ids({ text: "buhne" })).toEqual(["sunday"]);
    expect(ids({ text: "antrag FÖRDER" })).toEqual(["no-date"]);
    expect(ids({ text: "plakate x" })).toEqual([]);
  });

  it("combines filters", () => {
    expect(ids({ assignee: anna.id, due: "week" })).toEqual(["sunday"]);
  });
});

describe("sorting the list", () => {
  const columns = ["c1", "c2"];
  const context = { columnIndex: (id: string) => columns.indexOf(id), language: "de" };
  const tasks = [
    card({ id: "1", title: "Zelt", columnId: "c2", position: "a0", priority: "low", dueDate: "2026-05-01" }),
    card({ id: "2", title: "apfel", columnId: "c1", position: "a1", priority: "urgent", assignees: [ben] }),
    card({
      id: "3",
      title: "Äpfel",
      columnId: "c1",
      position: "a0",
      priority: "none",
      dueDate: "2026-04-01",
      assignees: [anna],
    }),
  ];
  const order = (key: (typeof DEFAULT_SORT)["key"], direction: "asc" | "desc" = "asc") =>
    sortTasks(tasks, { key, direction }, context).map((t) => t.id);

  it("sorts by title in the reader's language, by priority urgent first, by column in board order", () => {
    expect(order("title")).toEqual(["3", "2", "1"]);
    expect(order("title", "desc")).toEqual(["1", "3", "2"]);
    expect(order("priority")).toEqual(["2", "1", "3"]);
    expect(order("column")).toEqual(["3", "2", "1"]);
  });

  it("puts tasks without a due date or assignee last in both directions", () => {
    expect(order("due")).toEqual(["3", "1", "2"]);
    expect(order("due", "desc")).toEqual(["1", "3", "2"]);
    expect(order("assignee")).toEqual(["3", "2", "1"]);
    expect(order("assignee", "desc")).toEqual(["2", "3", "1"]);
  });

  it("keeps the sort in the address, leaving out the default", () => {
    expect(sortFromParams(new URLSearchParams("sort=due&dir=desc"))).toEqual({
      key: "due",
      direction: "desc",
    });
    expect(sortFromParams(new URLSearchParams("sort=nope"))).toEqual(DEFAULT_SORT);
    const params = new URLSearchParams("view=list");
    expect(paramsWithSort(params, { key: "title", direction: "asc" }).toString()).toBe(
      "view=list&sort=title&dir=asc",
    );
    expect(paramsWithSort(new URLSearchParams("view=list&sort=title&dir=asc"), DEFAULT_SORT).toString()).toBe(
      "view=list",
    );
  });
});
