import type { JSONContent } from "@tiptap/core";
import { describe, expect, it } from "vitest";
import { sanitizeJson, toValidDocument } from "./sanitize.ts";

const hostile: JSONContent = {
  type: "doc",
  content: [
    { type: "script", content: [{ type: "text", text: "alert(1)" }] },
    {
      type: "paragraph",
      content: [
        { type: "text", text: "" },
        { type: "text", text: "a", marks: [{ type: "link", attrs: { href: "javascript:alert(1)" } }] },
        { type: "text", text: "b", marks: [{ type: "link", attrs: { href: "https://example.org" } }] },
        {
          type: "text",
          text: "c",
          marks: [{ type: "comment", attrs: { threadId: "t1" } }, { type: "font" }],
        },
      ],
    },
    { type: "image", attrs: { src: "data:text/html;base64,PHNjcmlwdD4=" } },
    { type: "image", attrs: { src: "https://example.org/a.png" } },
  ],
};

describe("sanitizeJson", () => {
  it("drops unknown nodes and marks, unsafe URLs, empty text and comments", () => {
    expect(sanitizeJson(hostile)).toEqual({
      type: "doc",
      content: [
        {
          type: "paragraph",
          content: [
            { type: "text", text: "a" },
            { type: "text", text: "b", marks: [{ type: "link", attrs: { href: "https://example.org" } }] },
            { type: "text", text: "c" },
          ],
        },
        { type: "image", attrs: { src: "https://example.org/a.png" } },
      ],
    });
  });

  it("keeps comments when asked (the editor's own content)", () => {
    const kept = JSON.stringify(sanitizeJson(hostile, { keepComments: true }));
    expect(kept).toContain('"threadId":"t1"');
  });

  it("refuses something that is not a document", () => {
    expect(() => sanitizeJson({ type: "paragraph" })).toThrow(TypeError);
  });

  it("gives an empty document an empty paragraph", () => {
    expect(sanitizeJson({ type: "doc", content: [{ type: "iframe" }] })).toEqual({
      type: "doc",
      content: [{ type: "paragraph" }],
    });
  });
});

describe("toValidDocument", () => {
  it("repairs content in the wrong place instead of failing", () => {
    const broken: JSONContent = {
      type: "doc",
      content: [
        {
          type: "paragraph",
          content: [
            { type: "text", text: "vor" },
            { type: "image", attrs: { src: "https://example.org/a.png" } },
          ],
        },
        {
          type: "tableRow",
          content: [
            {
              type: "tableCell",
              content: [{ type: "paragraph", content: [{ type: "text", text: "Zelle" }] }],
            },
          ],
        },
      ],
    };
    const node = toValidDocument(broken);
    expect(() => node.check()).not.toThrow();
    expect(node.textContent).toContain("vor");
    expect(node.textContent).toContain("Zelle");
    const types: string[] = [];
    node.descendants((child) => {
      types.push(child.type.name);
    });
    expect(types).toContain("image");
  });
});
