import type { JSONContent } from "@tiptap/core";
import { describe, expect, it } from "vitest";
import { jsonToHtml } from "./convert.ts";
import { everyNodeDocument } from "./test-fixtures.ts";

function paragraphDoc(...content: JSONContent[]): JSONContent {
  return { type: "doc", content: [{ type: "paragraph", content }] };
}

describe("jsonToHtml", () => {
  const html = jsonToHtml(everyNodeDocument(), "Förderantrag 2027", { language: "de" });

  it("is a standalone page with a title and a print stylesheet", () => {
    expect(html.startsWith('<!DOCTYPE html>\n<html lang="de">')).toBe(true);
    expect(html).toContain('<meta charset="utf-8">');
    expect(html).toContain("<title>Förderantrag 2027</title>");
    expect(html).toContain("@media print");
    expect(html).toContain("@page");
    expect(html).toContain("Content-Security-Policy");
    expect(html.trimEnd().endsWith("</html>")).toBe(true);
  });

  it("renders every node type", () => {
    for (const fragment of [
      "<h1>Förderantrag für „Größe &amp; Übermut“</h1>",
      "<h4>Vierte Ebene</h4>",
      "<strong>fett</strong>",
      "<em>kursiv</em>",
      "<u>unterstrichen</u>",
      "<s>durchgestrichen</s>",
      "<code>code()</code>",
      'href="https://example.org/verein?a=1&amp;b=2"',
      '<ol start="3">',
      '<ul data-type="taskList">',
      "<blockquote>",
      '<pre><code class="language-ts">const a = 1 &lt; 2;',
      "<hr>",
      "<table",
      "<th",
      'colspan="2"',
      '<img src="https://example.org/plakat.png" alt="Plakat" title="Unser Plakat">',
    ]) {
      expect(html).toContain(fragment);
    }
  });

  it("shows task boxes that cannot be clicked", () => {
    expect(html).toMatch(/<input type="checkbox" disabled checked/);
    expect(html).not.toMatch(/<input type="checkbox"(?! disabled)/);
  });

  it("leaves comments out but keeps their text", () => {
    expect(html).toContain("kommentiert");
    expect(html).not.toContain("data-comment-thread");
    expect(html).not.toContain("comment-mark");
  });

  it("uses the title as first heading only when the document has no h1", () => {
    expect(html).not.toContain("<h1>Förderantrag 2027</h1>");
    const untitled = jsonToHtml(paragraphDoc({ type: "text", text: "Text" }), "Notizen");
    expect(untitled).toContain("<article>\n<h1>Notizen</h1>\n<p>Text</p>");
  });

  it("escapes title and text, and drops what a hostile client stored", () => {
    const hostile: JSONContent = {
      type: "doc",
      content: [
        {
          type: "paragraph",
          content: [
            { type: "text", text: "<script>alert(1)</script>" },
            { type: "text", text: "Link", marks: [{ type: "link", attrs: { href: "javascript:alert(2)" } }] },
            { type: "text", text: "!", marks: [{ type: "unknownMark" }] },
          ],
        },
        { type: "image", attrs: { src: "javascript:alert(3)" } },
        { type: "iframe", attrs: { src: "https://evil.example" } },
      ],
    };
    const page = jsonToHtml(hostile, '</title><script>alert("t")</script>');
    expect(page).toContain("<title>&lt;/title&gt;&lt;script&gt;alert(&quot;t&quot;)&lt;/script&gt;</title>");
    expect(page).toContain("&lt;script&gt;alert(1)&lt;/script&gt;Link!");
    expect(page).not.toMatch(/<(script|iframe|img)\b/i);
    expect(page).not.toContain("javascript:");
  });

  it("sets the page language", () => {
    expect(jsonToHtml(everyNodeDocument(), "Grant", { language: "en" })).toContain('<html lang="en">');
  });
});
