import type { JSONContent } from "@tiptap/core";
import { getSchema } from "@tiptap/core";
import type { Schema } from "@tiptap/pm/model";
import { documentExtensions } from "./extensions.ts";

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
 * would hold after loading it. Throws on a node or mark the schema does not know, or on content
 * in the wrong place.
 */
export function normalizeJson(json: JSONContent): JSONContent {
  const node = documentSchema().nodeFromJSON(json);
  node.check();
  return node.toJSON() as JSONContent;
}

/** Does the document have a top-level heading of level 1 (its own title)? Exports add the title otherwise. */
export function hasTitleHeading(doc: JSONContent): boolean {
  return (doc.content ?? []).some((node) => node.type === "heading" && node.attrs?.level === 1);
}
