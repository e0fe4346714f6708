import { getSchema } from "@tiptap/core";
import { describe, expect, it } from "vitest";
import { documentExtensions, isSafeImageSrc, isSafeLinkHref } from "./extensions.ts";

describe("documentExtensions", () => {
  it("builds the schema in Node without a DOM", () => {
    expect(typeof (globalThis as { document?: unknown }).document).toBe("undefined");
    const schema = getSchema(documentExtensions());
    expect(schema.nodes.heading?.spec.attrs?.level).toBeDefined();
    expect(schema.marks.comment?.spec.inclusive).toBe(false);
  });

  it("has the same schema with and without collaboration or a placeholder", () => {
    const plain = getSchema(documentExtensions());
    const collaborative = getSchema(
      documentExtensions({ collaboration: true, placeholder: "Schreib los …" }),
    );
    expect(Object.keys(collaborative.nodes)).toEqual(Object.keys(plain.nodes));
    expect(Object.keys(collaborative.marks)).toEqual(Object.keys(plain.marks));
  });
});

describe("URL safety", () => {
  it.each([
    ["https://example.org", true],
    ["http://example.org/a?b=c", true],
    ["mailto:info@example.org", true],
    ["tel:+4930123456", true],
    ["javascript:alert(1)", false],
    ["JaVaScRiPt:alert(1)", false],
    [" java\tscript:alert(1)", false],
    ["\u0000javascript:alert(1)", false],
    ["data:text/html,<script>alert(1)</script>", false],
    ["vbscript:msgbox(1)", false],
    ["/relative/path", false],
    ["", false],
  ])("link %j → %s", (href, safe) => {
    expect(isSafeLinkHref(href)).toBe(safe);
  });

  it.each([
    ["https://example.org/a.png", true],
    ["data:image/png;base64,iVBORw0KGgo=", true],
    ["data:text/html;base64,PHNjcmlwdD4=", false],
    ["javascript:alert(1)", false],
    ["file:///etc/passwd", false],
    [null, false],
  ])("image %j → %s", (src, safe) => {
    expect(isSafeImageSrc(src)).toBe(safe);
  });
});
