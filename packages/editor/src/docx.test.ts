import type { JSONContent } from "@tiptap/core";
import { Document, ExternalHyperlink, Packer, Paragraph, TextRun } from "docx";
import { describe, expect, it } from "vitest";
import { docxToJson, jsonToDocx, jsonToState, normalizeJson } from "./convert.ts";
import { imageSize } from "./docx-export.ts";
import { assertReasonableZip, restoreTaskLists } from "./docx-import.ts";
import { builtinTemplates } from "./templates.ts";
import { docxFaithfulDocument, everyNodeDocument, TINY_PNG } from "./test-fixtures.ts";

function paragraphs(...texts: string[]): JSONContent {
  return {
    type: "doc",
    content: texts.map((text) => ({ type: "paragraph", content: [{ type: "text", text }] })),
  };
}

async function wordFile(children: Paragraph[]): Promise<Uint8Array> {
  return new Uint8Array(await Packer.toArrayBuffer(new Document({ sections: [{ children }] })));
}

describe("jsonToDocx → docxToJson", () => {
  it("writes a Word file (a zip) that reads back to the same document", async () => {
    const bytes = await jsonToDocx(docxFaithfulDocument(), "Sicherheitskonzept");
    expect([...bytes.slice(0, 2)]).toEqual([0x50, 0x4b]);
    expect(await docxToJson(bytes)).toEqual(normalizeJson(docxFaithfulDocument()));
  });

  it("keeps umlauts and ß in text, links and the title", async () => {
    const json = await docxToJson(
      await jsonToDocx(paragraphs("Grüße aus Görlitz"), "Übergabe für Straßenfest"),
    );
    expect(json.content?.map((node) => node.content?.[0]?.text)).toEqual([
      "Übergabe für Straßenfest",
      "Grüße aus Görlitz",
    ]);
    expect(json.content?.[0]?.type).toBe("heading");
  });

  it("degrades what Word cannot carry back without losing text", async () => {
    const json = await docxToJson(await jsonToDocx(everyNodeDocument(), "Alles"));
    const text = JSON.stringify(json);
    expect(text).toContain("und kommentiert");
    expect(text).not.toContain("thread-1");
    // A remote image becomes a link to it: the server never fetches URLs named in a document.
    expect(text).toContain('"href":"https://example.org/plakat.png"');
    expect(json.content?.find((node) => node.type === "codeBlock")?.content?.[0]?.text).toBe(
      "const a = 1 < 2;\nconsole.log(a);",
    );
    expect(() => jsonToState(json)).not.toThrow();
  });

  it("embeds a data: image and reads it back as an image", async () => {
    const doc: JSONContent = {
      type: "doc",
      content: [
        { type: "heading", attrs: { level: 1 }, content: [{ type: "text", text: "Plakat" }] },
        { type: "image", attrs: { src: TINY_PNG, alt: "Rotes Quadrat" } },
      ],
    };
    const json = await docxToJson(await jsonToDocx(doc, "Plakat"));
    const image = json.content?.find((node) => node.type === "image");
    expect(image?.attrs?.src).toMatch(/^data:image\/png;base64,/);
    expect(image?.attrs?.alt).toBe("Rotes Quadrat");
  });

  it.each(builtinTemplates("de").map((template) => [template.key, template] as const))(
    "exports the template %s and reads its headings and tables back",
    async (_key, template) => {
      const json = await docxToJson(await jsonToDocx(template.content, template.name));
      const outline = (doc: JSONContent) =>
        (doc.content ?? [])
          .filter((node) => node.type === "heading" || node.type === "table" || node.type === "taskList")
          .map((node) => (node.type === "heading" ? JSON.stringify(node.content) : node.type));
      expect(outline(json)).toEqual(outline(template.content));
    },
  );
});

describe("docxToJson with foreign files", () => {
  it("drops javascript: links but keeps their text", async () => {
    const bytes = await wordFile([
      new Paragraph({
        children: [
          new ExternalHyperlink({ link: "javascript:alert(1)", children: [new TextRun("Klick mich")] }),
          new TextRun(" und "),
          new ExternalHyperlink({ link: "https://example.org", children: [new TextRun("sicher")] }),
        ],
      }),
      new Paragraph({ children: [new TextRun("<script>alert(2)</script>")] }),
    ]);
    const json = await docxToJson(bytes);
    expect(json).toEqual({
      type: "doc",
      content: [
        {
          type: "paragraph",
          content: [
            { type: "text", text: "Klick mich und " },
            {
              type: "text",
              text: "sicher",
              marks: [
                {
                  type: "link",
                  attrs: {
                    href: "https://example.org",
                    target: "_blank",
                    rel: "noopener noreferrer nofollow",
                    class: null,
                    title: null,
                  },
                },
              ],
            },
          ],
        },
        { type: "paragraph", content: [{ type: "text", text: "<script>alert(2)</script>" }] },
      ],
    });
  });

  it("turns ☐/☑ bullet lists into task lists, but leaves ordinary lists alone", () => {
    const list = (...texts: string[]): JSONContent => ({
      type: "bulletList",
      content: texts.map((text) => ({
        type: "listItem",
        content: [{ type: "paragraph", content: [{ type: "text", text }] }],
      })),
    });
    expect(
      restoreTaskLists({ type: "doc", content: [list("☐ offen", "☑ erledigt", "☒ auch erledigt")] }),
    ).toEqual({
      type: "doc",
      content: [
        {
          type: "taskList",
          content: [
            {
              type: "taskItem",
              attrs: { checked: false },
              content: [{ type: "paragraph", content: [{ type: "text", text: "offen" }] }],
            },
            {
              type: "taskItem",
              attrs: { checked: true },
              content: [{ type: "paragraph", content: [{ type: "text", text: "erledigt" }] }],
            },
            {
              type: "taskItem",
              attrs: { checked: true },
              content: [{ type: "paragraph", content: [{ type: "text", text: "auch erledigt" }] }],
            },
          ],
        },
      ],
    });
    const mixed: JSONContent = { type: "doc", content: [list("☐ offen", "normal")] };
    expect(restoreTaskLists(mixed)).toEqual(mixed);
  });

  it("refuses bytes that are not a Word file", async () => {
    await expect(docxToJson(new TextEncoder().encode("kein Word"))).rejects.toThrow(/Not a Word file/);
  });

  it("refuses a file whose zip directory declares too much to unpack", async () => {
    const bytes = await jsonToDocx(docxFaithfulDocument(), "Groß");
    expect(() => assertReasonableZip(bytes)).not.toThrow();
    // Declare 9 MB for the first entry of the central directory (just over the 8 MB limit).
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    const end = bytes.length - 22;
    expect(view.getUint32(end, true)).toBe(0x06054b50);
    const directory = view.getUint32(end + 16, true);
    view.setUint32(directory + 24, 9 * 1024 * 1024, true);
    await expect(docxToJson(bytes)).rejects.toThrow(/more than 8 MB/);
  });
});

describe("imageSize", () => {
  it("reads PNG, GIF and JPEG headers", () => {
    const png = Uint8Array.from(atob(TINY_PNG.split(",")[1] ?? ""), (char) => char.charCodeAt(0));
    expect(imageSize(png)).toEqual({ type: "png", width: 2, height: 3 });
    const gif = Uint8Array.from([0x47, 0x49, 0x46, 0x38, 0x39, 0x61, 5, 0, 7, 0]);
    expect(imageSize(gif)).toEqual({ type: "gif", width: 5, height: 7 });
    const jpeg = Uint8Array.from([
      0xff, 0xd8, 0xff, 0xe0, 0x00, 0x04, 0x00, 0x00, 0xff, 0xc0, 0x00, 0x11, 0x08, 0x00, 0x20, 0x00, 0x40,
      0x03,
    ]);
    expect(imageSize(jpeg)).toEqual({ type: "jpg", width: 64, height: 32 });
    expect(imageSize(new TextEncoder().encode("GIF"))).toBeNull();
    expect(imageSize(new TextEncoder().encode("<svg></svg>"))).toBeNull();
  });
});
