import { describe, expect, it } from "vitest";
import { formatDate } from "./networks.labels.ts";

describe("formatDate", () => {
  it("writes the date in the reader's language and leaves unreadable input alone", () => {
    expect(formatDate("2026-03-05T10:00:00Z", "de")).toBe("05.03.2026");
    expect(formatDate("2026-03-05T10:00:00Z", "en")).toBe("Mar 5, 2026");
    expect(formatDate("soon", "de")).toBe("soon");
  });
});
