import { describe, expect, it } from "vitest";
import { addDays, endOfWeek, formatDay, todayIn } from "./boards.days.ts";

describe("calendar days", () => {
  it("takes today where the reader is: late evening in Berlin is already tomorrow there", () => {
    const moment = new Date("2026-03-04T23:30:00Z");
    expect(todayIn(moment, "UTC")).toBe("2026-03-04");
    expect(todayIn(moment, "Europe/Berlin")).toBe("2026-03-05");
    // summer time: UTC+2
    expect(todayIn(new Date("2026-07-01T22:15:00Z"), "Europe/Berlin")).toBe("2026-07-02");
  });

  it("counts days across months, years and the change to summer time", () => {
    expect(addDays("2026-02-28", 1)).toBe("2026-03-01");
    expect(addDays("2024-02-28", 1)).toBe("2024-02-29");
    expect(addDays("2026-12-31", 1)).toBe("2027-01-01");
    expect(addDays("2026-03-29", -1)).toBe("2026-03-28");
  });

  it("ends the week on Sunday", () => {
    expect(endOfWeek("2026-03-02")).toBe("2026-03-08"); // Monday
    expect(endOfWeek("2026-03-04")).toBe("2026-03-08"); // Wednesday
    expect(endOfWeek("2026-03-08")).toBe("2026-03-08"); // Sunday
  });

  it("writes a day in the reader's language without shifting it", () => {
    expect(formatDay("2026-03-05", "de")).toBe("05.03.2026");
    expect(formatDay("2026-03-05", "en")).toBe("5 Mar 2026");
    expect(formatDay("soon", "de")).toBe("soon");
  });
});
