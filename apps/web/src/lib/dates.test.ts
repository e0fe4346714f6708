import { describe, expect, it } from "vitest";
import { formatDate, formatDateTime } from "./dates.ts";

describe("dates", () => {
  it("write dates in the reader's language, English the British way, and leave unreadable input alone", () => {
    expect(formatDate("2026-03-05T10:00:00Z", "de")).toBe("05.03.2026");
    expect(formatDate("2026-03-05T10:00:00Z", "en")).toBe("5 Mar 2026");
    expect(formatDateTime("2026-03-05T10:00:00Z", "en")).toBe("5 Mar 2026, 10:00");
    expect(formatDateTime("2026-03-05T10:00:00Z", "de")).toBe("05.03.2026, 10:00");
    expect(formatDate("soon", "de")).toBe("soon");
  });
});
