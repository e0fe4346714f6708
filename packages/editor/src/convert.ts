import type { JSONContent } from "@tiptap/core";
import { prosemirrorJSONToYXmlFragment, yXmlFragmentToProseMirrorRootNode } from "@tiptap/y-tiptap";
import * as Y from "yjs";
import type { HtmlExportOptions } from "./html.ts";
import { documentToHtml } from "./html.ts";
import { documentToMarkdown, markdownToDocument } from "./markdown.ts";
import { toValidDocument } from "./sanitize.ts";
import { documentSchema, emptyDocument } from "./schema.ts";

export type { HtmlExportOptions } from "./html.ts";
export type { SanitizeOptions } from "./sanitize.ts";
export { sanitizeJson } from "./sanitize.ts";
export { documentSchema, emptyDocument, hasTitleHeading, normalizeJson } from "./schema.ts";

/** The Yjs field the Tiptap Collaboration extension binds to by default. */
export const YJS_FRAGMENT = "default";

/**
 * Reads a Yjs document state (an update, e.g. `readDocumentState`) as Tiptap JSON. Elements the
 * schema does not know are left out, exactly as the editor's Yjs binding leaves them out, and the
 * result is always schema-valid (ready for `jsonToState`, exports and the editor).
 */
export function stateToJson(state: Uint8Array): JSONContent {
  const ydoc = new Y.Doc();
  try {
    Y.applyUpdate(ydoc, state);
    const fragment = ydoc.getXmlFragment(YJS_FRAGMENT);
    if (fragment.length === 0) {
      return emptyDocument();
    }
    const node = yXmlFragmentToProseMirrorRootNode(fragment, documentSchema());
    try {
      node.check();
      return node.toJSON() as JSONContent;
    } catch {
      // Content in the wrong place (a client that bypassed the editor): fit it into the schema
      // so exports, duplicates and versions still work.
      return toValidDocument(node.toJSON() as JSONContent, { keepComments: true }).toJSON() as JSONContent;
    }
  } finally {
    ydoc.destroy();
  }
}

/**
 * A fresh Yjs state (one update) holding `json` in the editor's fragment: the first state of a new
 * document (blank, template, import). Never use it to overwrite a document that already has state:
 * apply changes through the editor so history and concurrent edits are kept.
 */
export function jsonToState(json: JSONContent): Uint8Array {
  const node = documentSchema().nodeFromJSON(json);
  node.check();
  const ydoc = new Y.Doc();
  try {
    prosemirrorJSONToYXmlFragment(documentSchema(), node.toJSON(), ydoc.getXmlFragment(YJS_FRAGMENT));
    return Y.encodeStateAsUpdate(ydoc);
  } finally {
    ydoc.destroy();
  }
}

/** GitHub-flavoured Markdown (task lists, tables, links, images); comments are left out. */
export function jsonToMarkdown(json: JSONContent): string {
  return documentToMarkdown(json);
}

/** A standalone, escaped HTML page with a print stylesheet; `title` names the page. */
export function jsonToHtml(json: JSONContent, title: string, options: HtmlExportOptions = {}): string {
  return documentToHtml(json, title, options);
}

/** A Word document (.docx); the `docx` library is loaded only when this is called. */
export async function jsonToDocx(json: JSONContent, title: string): Promise<Uint8Array> {
  const { documentToDocx } = await import("./docx-export.ts");
  return documentToDocx(json, title);
}

/** Markdown (GFM) to a document; raw HTML stays text, unsafe links and images are dropped. */
export function markdownToJson(markdown: string): JSONContent {
  return markdownToDocument(markdown);
}

/** A Word file to a document (via mammoth, loaded only when this is called); only the schema survives. */
export async function docxToJson(bytes: Uint8Array): Promise<JSONContent> {
  const { docxToDocument } = await import("./docx-import.ts");
  return docxToDocument(bytes);
}
