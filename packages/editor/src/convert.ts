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

/** Attribute values a ProseMirror node can hold (a Yjs type nested in an attribute cannot). */
function isPlainValue(value: unknown): boolean {
  return !(value instanceof Y.AbstractType);
}

/** A copy of an element's children that keeps only elements and text, as the editor writes them. */
function copyChildren(from: Y.XmlElement | Y.XmlFragment): Array<Y.XmlElement | Y.XmlText> {
  const children: Array<Y.XmlElement | Y.XmlText> = [];
  for (const child of from.toArray()) {
    if (child instanceof Y.XmlElement && typeof child.nodeName === "string") {
      const element = new Y.XmlElement(child.nodeName);
      for (const [key, value] of Object.entries(child.getAttributes())) {
        if (value !== undefined && isPlainValue(value)) {
          element.setAttribute(key, value);
        }
      }
      element.insert(0, copyChildren(child));
      children.push(element);
    } else if (child instanceof Y.XmlText) {
      const text = new Y.XmlText();
      const delta = (child.toDelta() as Array<{ insert: unknown; attributes?: Record<string, unknown> }>)
        .filter((op) => typeof op.insert === "string")
        .map((op) =>
          op.attributes ? { insert: op.insert, attributes: op.attributes } : { insert: op.insert },
        );
      text.applyDelta(delta);
      children.push(text);
    }
    // anything else (a string, a map, an embed a client wrote with the plain Yjs API) is skipped
  }
  return children;
}

/**
 * Reads a Yjs document state (an update, e.g. `readDocumentState`) as Tiptap JSON. Elements the
 * schema does not know are left out, exactly as the editor's Yjs binding leaves them out, and so is
 * what is not an element or text at all (a client writing the fragment with the plain Yjs API),
 * which would otherwise make the binding throw. The result is always sanitised (no `javascript:`
 * links, even ones written straight over the collab socket; comments kept) and schema-valid (ready
 * for `jsonToState`, exports, version views and the editor).
 */
export function stateToJson(state: Uint8Array): JSONContent {
  const source = new Y.Doc();
  const clean = new Y.Doc();
  try {
    Y.applyUpdate(source, state);
    // The binding reads the copy: it only ever sees elements and text, and it may delete what it
    // cannot convert without touching the stored state's own document.
    const fragment = clean.getXmlFragment(YJS_FRAGMENT);
    fragment.insert(0, copyChildren(source.getXmlFragment(YJS_FRAGMENT)));
    if (fragment.length === 0) {
      return emptyDocument();
    }
    const node = yXmlFragmentToProseMirrorRootNode(fragment, documentSchema());
    return toValidDocument(node.toJSON() as JSONContent, { keepComments: true }).toJSON() as JSONContent;
  } finally {
    source.destroy();
    clean.destroy();
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
