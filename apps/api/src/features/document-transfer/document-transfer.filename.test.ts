import { describe, expect, it } from "vitest";
import { attachmentDisposition, safeBaseName, titleFromFilename } from "./document-transfer.filename.ts";

describe("safeBaseName", () => {
  it.each([
    ["Förderantrag 2027", "Förderantrag 2027"],
    ["../../etc/passwd", "etc passwd"],
    ['a/b\\c:d*e?f"g<h>i|j', "a b c d e f g h i j"],
    ["Zeile\nzwei\u0000drei", "Zeile zwei drei"],
    ["...versteckt", "versteckt"],
    ["Rechnung\u202Eexe.docx", "Rechnung exe.docx"],
    ["Ende.  ", "Ende"],
    ["   ", "Dokument"],
    ["///", "Dokument"],
    ["CON", "CON_"],
    ["lpt1", "lpt1_"],
    ["😀".repeat(150), "😀".repeat(100)],
  ])("%j → %j", (title, expected) => {
    expect(safeBaseName(title)).toBe(expected);
  });
});

describe("attachmentDisposition", () => {
  it("gives an ASCII name and the real one, both safe in a header", () => {
    expect(attachmentDisposition("Förderantrag: Straße (2027)", "docx")).toBe(
      "attachment; filename=\"Foerderantrag Strasse (2027).docx\"; filename*=UTF-8''F%C3%B6rderantrag%20Stra%C3%9Fe%20%282027%29.docx",
    );
    expect(attachmentDisposition('Café "Zentral"; 100%', "md")).toBe(
      "attachment; filename=\"Cafe Zentral _ 100_.md\"; filename*=UTF-8''Caf%C3%A9%20Zentral%20%3B%20100%25.md",
    );
    expect(attachmentDisposition("日本語", "html")).toMatch(
      /^attachment; filename="___\.html"; filename\*=UTF-8''/,
    );
  });
});

describe("titleFromFilename", () => {
  it.each([
    ["Antrag.docx", "Antrag"],
    ["C:\\Users\\lea\\Notizen.MD", "Notizen"],
    ["bericht.markdown", "bericht"],
    ["archiv.tar.gz", "archiv.tar.gz"],
    [".md", "Import"],
    [`${"x".repeat(250)}.md`, "x".repeat(200)],
  ])("%j → %j", (filename, expected) => {
    expect(titleFromFilename(filename)).toBe(expected);
  });
});
