import type { JSONContent } from "@tiptap/core";
import { describe, expect, it } from "vitest";
import { jsonToHtml, jsonToMarkdown, jsonToState, markdownToJson, normalizeJson } from "./convert.ts";
import { builtinTemplates } from "./templates.ts";
import { everyNodeDocument, typesUsed } from "./test-fixtures.ts";

/** The fixture without what Markdown cannot carry: comment marks and merged table cells. */
function markdownFaithful(): JSONContent {
  const json = JSON.parse(
    JSON.stringify(everyNodeDocument()).replace(/,"marks":\[\{"type":"comment"[^\]]*\]/g, ""),
  ) as JSONContent;
  const table = json.content?.find((node) => node.type === "table");
  const lastRow = table?.content?.[2];
  if (lastRow) {
    lastRow.content = [
      { type: "tableCell", content: [{ type: "paragraph" }] },
      { type: "tableCell", content: [{ type: "paragraph" }] },
    ];
  }
  return json;
}

describe("jsonToMarkdown", () => {
  const markdown = jsonToMarkdown(everyNodeDocument());

  it("writes GitHub-flavoured Markdown", () => {
    expect(markdown).toContain("# Förderantrag für „Größe &amp; Übermut“\n");
    expect(markdown).toContain("\n#### Vierte Ebene\n");
    expect(markdown).toContain("**fett** *kursiv*");
    expect(markdown).toContain("~~durchgestrichen~~ `code()`");
    expect(markdown).toContain("[Verein](https://example.org/verein?a=1&b=2)");
    expect(markdown).toContain("- [x] Raum buchen\n- [ ] Technik klären\n  - [x] Mikrofone");
    expect(markdown).toContain("- zwei\n  - zwei.a");
    expect(markdown).toContain("3. drei\n4. vier\n   1. vier.1");
    expect(markdown).toMatch(/\| Posten +\| Betrag \(€\) \|\n\| -+ \| -+ \|\n\| Honorare +\| 1\.200,00 +\|/);
    expect(markdown).toContain('![Plakat](https://example.org/plakat.png "Unser Plakat")');
    expect(markdown).toContain("> Kunst ist schön, macht aber viel Arbeit.");
    expect(markdown).toContain("```ts\nconst a = 1 < 2;\nconsole.log(a);\n```");
    expect(markdown).toContain("\n---\n");
    expect(markdown.endsWith("\n")).toBe(true);
  });

  it("leaves comments out", () => {
    expect(markdown).toContain("und kommentiert");
    expect(markdown).not.toContain("thread-1");
  });

  it("never writes a javascript: link or image a hostile client put into the document", () => {
    const hostile: JSONContent = {
      type: "doc",
      content: [
        {
          type: "paragraph",
          content: [
            {
              type: "text",
              text: "klick",
              marks: [{ type: "link", attrs: { href: "javascript:alert(1)" } }],
            },
          ],
        },
        { type: "image", attrs: { src: "javascript:alert(2)", alt: "x" } },
      ],
    };
    const output = jsonToMarkdown(hostile);
    expect(output).toContain("klick");
    expect(output).not.toContain("javascript:");
  });
});

describe("jsonToMarkdown with code that holds backticks", () => {
  it("fences a code block longer than any backtick run in it, so the code never ends the block", () => {
    const code = "a\n```\n<script>alert(1)</script>\n````x";
    const doc: JSONContent = {
      type: "doc",
      content: [{ type: "codeBlock", attrs: { language: "js" }, content: [{ type: "text", text: code }] }],
    };
    const markdown = jsonToMarkdown(doc);
    expect(markdown).toBe(`\`\`\`\`\`js\n${code}\n\`\`\`\`\`\n`);
    // read back, all of it is still the code block: nothing became a paragraph of raw HTML
    expect(markdownToJson(markdown)).toEqual(normalizeJson(doc));
  });

  it("writes a language only as a plain word, so it cannot end the fence line", () => {
    const doc: JSONContent = {
      type: "doc",
      content: [
        {
          type: "codeBlock",
          attrs: { language: "js\n<script>alert(1)</script>" },
          content: [{ type: "text", text: "x" }],
        },
        { type: "codeBlock", attrs: { language: "c++" }, content: [{ type: "text", text: "y" }] },
      ],
    };
    expect(jsonToMarkdown(doc)).toBe("```\nx\n```\n\n```c++\ny\n```\n");
  });

  it("writes inline code with a backtick string longer than any run in it", () => {
    const doc: JSONContent = {
      type: "doc",
      content: [
        {
          type: "paragraph",
          content: [
            { type: "text", text: "x` <script>alert(1)</script> `y", marks: [{ type: "code" }] },
            { type: "text", text: " und " },
            { type: "text", text: "`rand`", marks: [{ type: "code" }] },
            { type: "text", text: " und " },
            { type: "text", text: "a``b", marks: [{ type: "code" }] },
          ],
        },
      ],
    };
    const markdown = jsonToMarkdown(doc);
    expect(markdown).toBe("``x` <script>alert(1)</script> `y`` und `` `rand` `` und ```a``b```\n");
    expect(markdownToJson(markdown)).toEqual(normalizeJson(doc));
  });
});

describe("markdownToJson with long files", () => {
  it("reads in time growing with the length, not its square (lists, tables, headings)", () => {
    // Tiptap's list and table tokenizers split the whole rest of the file at every block: this
    // took about 30 s before; here it takes well under a second.
    const unit =
      "## Überschrift\n\nText mit **fett**\n\n1. eins\n2. zwei\n\n- [ ] offen\n\n| a | b |\n| - | - |\n| 1 | 2 |\n\n";
    const markdown = unit.repeat(Math.ceil((256 * 1024) / unit.length));
    const started = performance.now();
    const json = markdownToJson(markdown);
    expect(performance.now() - started).toBeLessThan(5_000);
    const count = (type: string) => json.content?.filter((node) => node.type === type).length;
    const units = Math.ceil((256 * 1024) / unit.length);
    expect([count("heading"), count("orderedList"), count("taskList"), count("table")]).toEqual([
      units,
      units,
      units,
      units,
    ]);
  });
});

describe("markdownToJson", () => {
  it("round-trips everything Markdown can carry", () => {
    expect(markdownToJson(jsonToMarkdown(markdownFaithful()))).toEqual(normalizeJson(markdownFaithful()));
  });

  it("reads a typical GFM file with umlauts, task lists and a table", () => {
    const json = markdownToJson(
      [
        "# Pressemitteilung: Öffentliche Probe",
        "",
        "Die **Bürgerbühne** lädt ein. Mehr unter <https://example.org/probe>.",
        "",
        "- [ ] Fotos auswählen",
        "- [x] Text abstimmen",
        "",
        "| Was | Wann |",
        "| --- | ---- |",
        "| Probe | Fr., 19 Uhr |",
        "",
      ].join("\r\n"),
    );
    expect(json).toEqual(normalizeJson(json));
    const used = typesUsed(json);
    expect([...used.nodes]).toEqual(
      expect.arrayContaining([
        "heading",
        "paragraph",
        "taskList",
        "taskItem",
        "table",
        "tableHeader",
        "tableCell",
      ]),
    );
    expect(JSON.stringify(json)).toContain("Öffentliche Probe");
    expect(JSON.stringify(json)).toContain('"href":"https://example.org/probe"');
    expect(json.content?.[2]).toMatchObject({
      type: "taskList",
      content: [{ attrs: { checked: false } }, { attrs: { checked: true } }],
    });
  });

  it("is safe with hostile input: scripts stay inert text, unsafe links and images are dropped", () => {
    const json = markdownToJson(
      [
        "# Hallo <script>alert(1)</script>",
        "",
        "[eins](javascript:alert(1)) [zwei](JaVaScRiPt:alert(2)) [drei](data:text/html,<script>alert(3)</script>)",
        "",
        "![bild](javascript:alert(4)) <img src=x onerror=alert(5)>",
        "",
        '<iframe src="https://evil.example"></iframe>',
        "",
        '<a href="javascript:alert(6)" onclick="alert(7)">vier</a>',
      ].join("\n"),
    );
    const serialized = JSON.stringify(json);
    expect(serialized).not.toMatch(/"href":"(?!https?:)/);
    expect(serialized).not.toContain('"type":"image"');
    expect(serialized).toContain("eins");
    expect(json).toEqual(normalizeJson(json));
    expect(() => jsonToState(json)).not.toThrow();
    const html = jsonToHtml(json, "Import");
    // The hostile text stays visible, escaped; no element, handler or URL of it is live.
    expect(html).toContain("&lt;script&gt;alert(1)&lt;/script&gt;");
    expect(html).not.toMatch(/<(script|iframe|img)\b/i);
    expect(html).not.toMatch(/<[^>]+\son\w+=/i);
    expect(html).not.toMatch(/<[^>]+\s(href|src)="(?!https?:)/i);
  });

  it("lifts an image out of its paragraph (images are blocks)", () => {
    const json = markdownToJson("Vorher ![Plakat](https://example.org/plakat.png) nachher");
    expect(json.content?.map((node) => node.type)).toEqual(["paragraph", "image", "paragraph"]);
    expect(json.content?.[1]?.attrs).toMatchObject({ src: "https://example.org/plakat.png", alt: "Plakat" });
  });

  it("reads empty input as an empty document", () => {
    expect(markdownToJson("")).toEqual({ type: "doc", content: [{ type: "paragraph" }] });
  });

  it.each(builtinTemplates("de").map((template) => [template.key, template] as const))(
    "exports and re-imports the template %s with its headings",
    (_key, template) => {
      const back = markdownToJson(jsonToMarkdown(template.content));
      const headings = (json: JSONContent) =>
        (json.content ?? [])
          .filter((node) => node.type === "heading")
          .map((node) => JSON.stringify(node.content));
      expect(headings(back)).toEqual(headings(template.content));
    },
  );
});
