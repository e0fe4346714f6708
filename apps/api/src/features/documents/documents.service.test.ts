import { describe, expect, it } from "vitest";
import { copyTitle, isInside } from "./documents.service.ts";

describe("isInside", () => {
  const tree = [
    { id: "a", parent_id: null },
    { id: "b", parent_id: "a" },
    { id: "c", parent_id: "b" },
    { id: "d", parent_id: null },
  ];
  it.each([
    ["a", "a", true],
    ["c", "a", true],
    ["b", "a", true],
    ["a", "c", false],
    ["d", "a", false],
    ["unknown", "a", false],
  ])("%s inside %s: %s", (candidate, id, expected) => {
    expect(isInside(tree, candidate, id)).toBe(expected);
  });
  it("never hangs on a stored cycle", () => {
    expect(
      isInside(
        [
          { id: "x", parent_id: "y" },
          { id: "y", parent_id: "x" },
        ],
        "x",
        "z",
      ),
    ).toBe(true);
  });
});

describe("copyTitle", () => {
  it("names the copy in the caller's language, within 200 characters", () => {
    expect(copyTitle("Antrag", null)).toBe("Kopie von Antrag");
    expect(copyTitle("Antrag", "de")).toBe("Kopie von Antrag");
    expect(copyTitle("Grant", "en")).toBe("Copy of Grant");
    expect(copyTitle("😀".repeat(200), "de")).toBe(`Kopie von ${"😀".repeat(190)}`);
  });
});
