import { describe, expect, it } from "vitest";
import { myTask } from "./boards.testing.ts";
import { dueGroupOf, groupMyTasks } from "./myTasks.groups.ts";

// a Wednesday; the week ends on Sunday 2026-03-08
const today = "2026-03-04";

describe("my tasks by due date", () => {
  it("puts each task in one group", () => {
    expect(dueGroupOf({ dueDate: "2026-03-03", completedAt: null }, today)).toBe("overdue");
    expect(dueGroupOf({ dueDate: "2026-03-03", completedAt: "2026-03-03T09:00:00Z" }, today)).toBe("today");
    expect(dueGroupOf({ dueDate: today, completedAt: null }, today)).toBe("today");
    expect(dueGroupOf({ dueDate: "2026-03-05", completedAt: null }, today)).toBe("week");
    expect(dueGroupOf({ dueDate: "2026-03-08", completedAt: null }, today)).toBe("week");
    expect(dueGroupOf({ dueDate: "2026-03-09", completedAt: null }, today)).toBe("later");
    expect(dueGroupOf({ dueDate: null, completedAt: null }, today)).toBe("none");
  });

  it("on a Sunday, this week is only today", () => {
    expect(dueGroupOf({ dueDate: "2026-03-09", completedAt: null }, "2026-03-08")).toBe("later");
  });

  it("groups in a fixed order, leaves out empty groups, sorts by date, urgency, title", () => {
    const tasks = [
      myTask({ id: "later", dueDate: "2026-04-01" }),
      myTask({ id: "none-b", title: "Bühne" }),
      myTask({ id: "none-a", title: "Anmeldung", project: { id: "p2", name: "Theater" } }),
      myTask({ id: "late-2", dueDate: "2026-03-02" }),
      myTask({ id: "late-1-low", dueDate: "2026-03-01", priority: "low" }),
      myTask({ id: "late-1-urgent", dueDate: "2026-03-01", priority: "urgent" }),
      myTask({ id: "week", dueDate: "2026-03-06" }),
    ];
    const groups = groupMyTasks(tasks, today, "de");
    expect(groups.map((g) => g.group)).toEqual(["overdue", "week", "later", "none"]);
    expect(groups[0]?.tasks.map((t) => t.id)).toEqual(["late-1-urgent", "late-1-low", "late-2"]);
    expect(groups[3]?.tasks.map((t) => t.id)).toEqual(["none-a", "none-b"]);
  });
});
