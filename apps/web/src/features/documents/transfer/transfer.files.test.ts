import { describe, expect, it } from "vitest";
import {
  fileProblem,
  formatFileSize,
  importFilename,
  importFormat,
  MAX_IMPORT_BYTES,
} from "./transfer.files.ts";

describe("import files", () => {
  it("takes Markdown and Word files by their name, whatever the case, and nothing else", () => {
    expect(importFormat("Antrag.md")).toBe("markdown");
    expect(importFormat("notes.MARKDOWN")).toBe("markdown");
    expect(importFormat("Konzept.DOCX")).toBe("docx");
    expect(importFormat("alt.doc")).toBeNull();
    expect(importFormat("md")).toBeNull();
    expect(importFormat("bild.png")).toBeNull();
  });

  it("refuses wrong types, empty files and files over 4 MB before reading them", () => {
    expect(fileProblem({ name: "a.pdf", size: 10 })).toBe("wrongType");
    expect(fileProblem({ name: "a.md", size: 0 })).toBe("empty");
    expect(fileProblem({ name: "a.docx", size: MAX_IMPORT_BYTES + 1 })).toBe("tooLarge");
    expect(fileProblem({ name: "a.docx", size: MAX_IMPORT_BYTES })).toBeNull();
  });

  it("says file sizes in the reader's language", () => {
    expect(formatFileSize(5.25 * 1024 * 1024, "de")).toBe("5,3 MB");
    expect(formatFileSize(5.25 * 1024 * 1024, "en")).toBe("5.3 MB");
    expect(formatFileSize(2048, "en")).toBe("2 kB");
  });

  it("cleans file names for the API: no control characters, at most 200 characters", () => {
    expect(importFilename(" Antrag\u0007 2026.md ")).toBe("Antrag 2026.md");
    expect(Array.from(importFilename(`${"ä".repeat(250)}.md`))).toHaveLength(200);
    expect(importFilename("\u0001")).toBe("Import");
  });
});
