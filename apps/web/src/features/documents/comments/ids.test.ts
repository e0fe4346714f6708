import { describe, expect, it } from "vitest";
import { clip, excerpt } from "./ids.ts";

describe("clip", () => {
  it("keeps short texts and cuts long ones with an ellipsis", () => {
    expect(clip("Danke", 10)).toBe("Danke");
    expect(clip("Förderantrag", 6)).toBe("Förde…");
  });
});

describe("excerpt", () => {
  it("puts a comment on one line and cuts it", () => {
    expect(excerpt("  Bitte\n\nprüfen  ")).toBe("Bitte prüfen");
    expect(excerpt("Frag bitte @Mara Mitglied nach dem Finanzplan 2026.", 20)).toBe("Frag bitte @Mara Mi…");
  });
});
