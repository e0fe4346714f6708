import type { JSONContent } from "@tiptap/core";
import { generateHTML, generateJSON } from "@tiptap/html";
import type { Node as ProseMirrorNode } from "@tiptap/pm/model";
import { documentExtensions, isSafeImageSrc, isSafeLinkHref } from "./extensions.ts";
import { documentSchema, emptyDocument } from "./schema.ts";

export interface SanitizeOptions {
  /** Keep `comment` marks (true for the editor's own content; false for exports and imports). */
  keepComments?: boolean;
}

type Mark = NonNullable<JSONContent["marks"]>[number];

function keepMark(mark: Mark, options: SanitizeOptions): boolean {
  if (!documentSchema().marks[mark.type]) {
    return false;
  }
  if (mark.type === "link") {
    return isSafeLinkHref(mark.attrs?.href);
  }
  if (mark.type === "comment") {
    return options.keepComments === true && typeof mark.attrs?.threadId === "string";
  }
  return true;
}

function sanitizeNode(node: JSONContent, options: SanitizeOptions): JSONContent | null {
  if (typeof node.type !== "string" || !documentSchema().nodes[node.type] || node.type === "doc") {
    return null;
  }
  if (node.type === "text") {
    if (typeof node.text !== "string" || node.text === "") {
      return null;
    }
    const marks = (node.marks ?? []).filter((mark) => keepMark(mark, options));
    return marks.length > 0 ? { type: "text", text: node.text, marks } : { type: "text", text: node.text };
  }
  if (node.type === "image" && !isSafeImageSrc(node.attrs?.src)) {
    return null;
  }
  const result: JSONContent = { type: node.type };
  if (node.attrs) {
    result.attrs = node.attrs;
  }
  if (node.content) {
    result.content = node.content
      .map((child) => sanitizeNode(child, options))
      .filter((child): child is JSONContent => child !== null);
  }
  return result;
}

/**
 * Drops what must not reach a document or an export: nodes and marks the schema does not know,
 * links other than http(s)/mailto/tel, images other than http(s)/data:image, empty text nodes and
 * (unless kept) comment marks. The structure may still be invalid; `toValidDocument` repairs it.
 */
export function sanitizeJson(json: JSONContent, options: SanitizeOptions = {}): JSONContent {
  if (json.type !== "doc") {
    throw new TypeError("Not a document: the top node must be of type 'doc'.");
  }
  const content = (json.content ?? [])
    .map((child) => sanitizeNode(child, options))
    .filter((child): child is JSONContent => child !== null);
  return content.length > 0 ? { type: "doc", content } : emptyDocument();
}

/**
 * Puts JSON through the schema's own HTML parser, which fits every node where the schema allows it
 * (an image inside a paragraph is lifted out, a stray paragraph in a table row gets its cell) and
 * keeps nothing the schema does not describe.
 */
export function reparse(json: JSONContent): JSONContent {
  const extensions = documentExtensions();
  return generateJSON(generateHTML(json, extensions), extensions) as JSONContent;
}

/** Parses HTML into a document with the schema's rules: scripts, handlers and unknown tags are dropped. */
export function htmlToDocumentJson(html: string): JSONContent {
  return generateJSON(html, documentExtensions()) as JSONContent;
}

/** Sanitized JSON as a schema-valid ProseMirror document, repaired through `reparse` if needed. */
export function toValidDocument(json: JSONContent, options: SanitizeOptions = {}): ProseMirrorNode {
  const schema = documentSchema();
  const clean = sanitizeJson(json, options);
  const node = schema.nodeFromJSON(clean);
  try {
    node.check();
    return node;
  } catch {
    const repaired = schema.nodeFromJSON(reparse(clean));
    repaired.check();
    return repaired;
  }
}
