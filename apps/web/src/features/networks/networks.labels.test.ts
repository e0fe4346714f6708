import { AuditAction } from "@ensemble/contracts/audit";
import { describe, expect, it } from "vitest";
import { networksDe, networksEn } from "./networks.i18n.ts";
import { auditActionKey, formatDate } from "./networks.labels.ts";

describe("audit action names", () => {
  it("has a German and an English name for every action", () => {
    for (const action of AuditAction.options) {
      const key = auditActionKey(action);
      expect(networksDe.audit.actions[key]).toBeTruthy();
      expect(networksEn.audit.actions[key]).toBeTruthy();
    }
  });
});

describe("formatDate", () => {
  it("writes the date in the reader's language and leaves unreadable input alone", () => {
    expect(formatDate("2026-03-05T10:00:00Z", "de")).toBe("05.03.2026");
    expect(formatDate("2026-03-05T10:00:00Z", "en")).toBe("Mar 5, 2026");
    expect(formatDate("soon", "de")).toBe("soon");
  });
});
