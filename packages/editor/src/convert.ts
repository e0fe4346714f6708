import type { JSONContent } from "@tiptap/core";
import { getSchema } from "@tiptap/core";
import type { Schema } from "@tiptap/pm/model";
import { prosemirrorJSONToYXmlFragment, yXmlFragmentToProseMirrorRootNode } from "@tiptap/y-tiptap";
import * as Y from "yjs";
import { documentExtensions } from "./extensions.ts";

/** The Yjs field the Tiptap Collaboration extension binds to by default. */
export const YJS_FRAGMENT = "default";

let cachedSchema: Schema | null = null;

/** The ProseMirror schema of every document (built once from `documentExtensions()`). */
export function documentSchema(): Schema {
  cachedSchema ??= getSchema(documentExtensions());
  return cachedSchema;
}

/** An empty document: one empty paragraph, as the editor shows it. */
export function emptyDocument(): JSONContent {
  return { type: "doc", content: [{ type: "paragraph" }] };
}

/**
 * Tiptap JSON in its canonical form (every attribute present, schema checked): what the editor
 * would hold after loading it. Throws on a node or mark the schema does not know.
 */
export function normalizeJson(json: JSONContent): JSONContent {
  const node = documentSchema().nodeFromJSON(json);
  node.check();
  return node.toJSON() as JSONContent;
}

/**
 * Reads a Yjs document state (an update, e.g. `readDocumentState`) as Tiptap JSON. Elements the
 * schema does not know are left out, exactly as the editor's Yjs binding leaves them out.
 */
export function stateToJson(state: Uint8Array): JSONContent {
  const ydoc = new Y.Doc({ gc: false });
  try {
    Y.applyUpdate(ydoc, state);
    const fragment = ydoc.getXmlFragment(YJS_FRAGMENT);
    if (fragment.length === 0) {
      return emptyDocument();
    }
    return yXmlFragmentToProseMirrorRootNode(fragment, documentSchema()).toJSON() as JSONContent;
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
