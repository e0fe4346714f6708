import { describe, expect, it } from "vitest";
import {
  colorSlot,
  initialsOf,
  LABEL_COLORS,
  parseWipLimit,
  recurrencePresetOf,
  textOn,
} from "./boards.format.ts";

describe("board formats", () => {
  it("writes label text in black or white, whichever is readable", () => {
    expect(textOn("#f1c40f")).toBe("#000000");
    expect(textOn("#1f4fbf")).toBe("#ffffff");
    for (const color of LABEL_COLORS) {
      expect(["#000000", "#ffffff"]).toContain(textOn(color.value));
    }
  });

  it("takes initials and a stable colour per person", () => {
    expect(initialsOf("anna maria berg")).toBe("AM");
    expect(initialsOf("  ")).toBe("?");
    expect(colorSlot("u1")).toBe(colorSlot("u1"));
    expect(colorSlot("u1")).toBeGreaterThanOrEqual(0);
  });

  it("recognises the recurrence presets however the rule is written", () => {
    expect(recurrencePresetOf(null)).toBe("none");
    expect(recurrencePresetOf("FREQ=WEEKLY")).toBe("weekly");
    expect(recurrencePresetOf("freq=weekly;interval=1")).toBe("weekly");
    expect(recurrencePresetOf("INTERVAL=3;FREQ=MONTHLY")).toBe("quarterly");
    expect(recurrencePresetOf("RRULE:FREQ=YEARLY")).toBe("yearly");
    expect(recurrencePresetOf("FREQ=WEEKLY;BYDAY=MO,WE")).toBe("custom");
  });
});

describe("the WIP limit field", () => {
  it("reads empty as no limit, 1 to 999 as the limit, anything else as invalid", () => {
    expect(parseWipLimit("  ")).toBeNull();
    expect(parseWipLimit(" 4 ")).toBe(4);
    expect(parseWipLimit("999")).toBe(999);
    for (const bad of ["0", "1000", "-1", "2.5", "vier", "1e2"]) {
      expect(parseWipLimit(bad)).toBe("invalid");
    }
  });
});
