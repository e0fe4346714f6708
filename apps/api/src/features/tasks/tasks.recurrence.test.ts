import { AppError } from "@ensemble/contracts/errors";
import { describe, expect, it } from "vitest";
import { nextDates, nextOccurrence, normalizeRecurrence, upcomingOccurrences } from "./tasks.recurrence.ts";

function codeOf(fn: () => unknown): string | undefined {
  try {
    fn();
    return undefined;
  } catch (err) {
    return err instanceof AppError ? err.fields?.recurrence : "not an AppError";
  }
}

describe("repeat rules", () => {
  it("accepts the usual rules and answers them in canonical form", () => {
    expect(normalizeRecurrence("FREQ=MONTHLY;INTERVAL=3", "2026-03-31")).toBe("FREQ=MONTHLY;INTERVAL=3");
    expect(normalizeRecurrence("RRULE:freq=weekly;byday=MO,TH", "2026-03-02")).toBe(
      "FREQ=WEEKLY;BYDAY=MO,TH",
    );
    expect(normalizeRecurrence(" FREQ=YEARLY ", "2026-01-15")).toBe("FREQ=YEARLY");
    expect(normalizeRecurrence("FREQ=DAILY;UNTIL=21000101T000000Z", "2026-01-15")).toBe(
      "FREQ=DAILY;UNTIL=21000101T000000Z",
    );
  });

  it("refuses what it cannot use", () => {
    for (const rule of [
      "garbage",
      "INTERVAL=2",
      "FREQ=FOO",
      "FREQ=HOURLY",
      "FREQ=SECONDLY",
      "FREQ=DAILY;INTERVAL=0",
      "FREQ=DAILY;COUNT=3",
      "FREQ=DAILY;BYHOUR=5",
      "FREQ=WEEKLY;BYDAY=XX",
      "FREQ=DAILY;FOO=1",
      "DTSTART:20260101T000000Z\nRRULE:FREQ=DAILY",
      "FREQ=DAILY;DTSTART=20260101T000000Z",
      "FREQ=DAILY;BYSETPOS=400;BYMONTHDAY=1",
    ]) {
      expect(
        codeOf(() => normalizeRecurrence(rule, "2026-01-01")),
        rule,
      ).toBe("invalid_recurrence");
    }
  });

  it("refuses rules without a next date, quickly even when rrule would search for years", () => {
    const started = performance.now();
    for (const rule of [
      "FREQ=DAILY;UNTIL=20200101T000000Z",
      "FREQ=YEARLY;BYMONTH=13",
      "FREQ=DAILY;BYMONTH=2;BYMONTHDAY=30",
      "FREQ=WEEKLY;BYYEARDAY=400",
      "FREQ=MONTHLY;BYMONTH=2;BYMONTHDAY=30",
    ]) {
      expect(
        codeOf(() => normalizeRecurrence(rule, "2026-01-01")),
        rule,
      ).toMatch(/no_occurrences|invalid_recurrence/);
    }
    expect(performance.now() - started).toBeLessThan(2000);
  });

  it("finds the next dates after the anchor, never the anchor itself", () => {
    expect(nextOccurrence("FREQ=MONTHLY;INTERVAL=3", "2026-03-31")).toBe("2026-12-31"); // RFC 5545: 31 June and 31 September do not exist
    expect(nextOccurrence("FREQ=MONTHLY;INTERVAL=3;BYMONTHDAY=-1", "2026-03-31")).toBe("2026-06-30");
    expect(nextOccurrence("FREQ=WEEKLY", "2026-03-02")).toBe("2026-03-09");
    expect(upcomingOccurrences("FREQ=WEEKLY;BYDAY=MO,TH", "2026-03-02", 3)).toEqual([
      "2026-03-05",
      "2026-03-09",
      "2026-03-12",
    ]);
    expect(nextOccurrence("FREQ=YEARLY", "2199-06-01")).toBeNull();
    expect(upcomingOccurrences("garbage", "2026-01-01", 3)).toEqual([]);
  });

  it("moves both dates together, keeping their distance", () => {
    expect(
      nextDates("FREQ=MONTHLY", { start_date: "2026-01-10", due_date: "2026-01-15" }, "2026-01-12"),
    ).toEqual({
      start_date: "2026-02-10",
      due_date: "2026-02-15",
    });
    expect(nextDates("FREQ=WEEKLY", { start_date: "2026-01-05", due_date: null }, "2026-01-12")).toEqual({
      start_date: "2026-01-12",
      due_date: null,
    });
    expect(nextDates("FREQ=DAILY", { start_date: null, due_date: null }, "2026-01-12")).toEqual({
      start_date: null,
      due_date: "2026-01-13",
    });
  });
});
