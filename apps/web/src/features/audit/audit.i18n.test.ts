import { AuditAction } from "@ensemble/contracts/audit";
import { describe, expect, it } from "vitest";
import { auditDe, auditEn } from "./audit.i18n.ts";

/** Looks a text up the way i18next reads the key `audit.actions.<action>` (dots nest). */
function lookup(texts: unknown, path: string): unknown {
  return path
    .split(".")
    .reduce<unknown>((node, part) => (node as Record<string, unknown> | undefined)?.[part], texts);
}

describe("audit action names", () => {
  it("has a German and an English name for every action", () => {
    for (const action of AuditAction.options) {
      expect(typeof lookup(auditDe.actions, action)).toBe("string");
      expect(typeof lookup(auditEn.actions, action)).toBe("string");
    }
  });
});
