import type { JSONContent } from "@tiptap/core";
import mammoth from "mammoth";
import { DOCX_STYLES, TASK_DONE, TASK_OPEN } from "./docx-export.ts";
import { htmlToDocumentJson, toValidDocument } from "./sanitize.ts";

// Our own exports' styles come back as what they were; Word's usual names for quotes and code too.
const STYLE_MAP = [
  `p[style-name='${DOCX_STYLES.quote.name}'] => blockquote > p:fresh`,
  "p[style-name='Intense Quote'] => blockquote > p:fresh",
  `p[style-name='${DOCX_STYLES.codeBlock.name}'] => pre:separator('\\n')`,
  "p[style-name='HTML Preformatted'] => pre:separator('\\n')",
  `r[style-name='${DOCX_STYLES.inlineCode.name}'] => code`,
  "r[style-name='HTML Code'] => code",
  "p[style-name='Title'] => h1:fresh",
  "p[style-name='Subtitle'] => h2:fresh",
  "u => u",
  "strike => s",
];

const TASK_BOX = new RegExp(`^([${TASK_OPEN}${TASK_DONE}☒])\\s?`);

/** The box a list item starts with ("☐ …" / "☑ …"), if any. */
function taskBox(item: JSONContent): string | null {
  const first = item.content?.[0];
  const text = first?.type === "paragraph" ? first.content?.[0] : undefined;
  if (text?.type !== "text" || typeof text.text !== "string") {
    return null;
  }
  return TASK_BOX.exec(text.text)?.[1] ?? null;
}

function withoutBox(item: JSONContent): JSONContent[] {
  const [first, ...rest] = item.content ?? [];
  if (!first) {
    return [];
  }
  const [text, ...inline] = first.content ?? [];
  const remaining = text?.text?.replace(TASK_BOX, "") ?? "";
  const content = remaining && text ? [{ ...text, text: remaining }, ...inline] : inline;
  return [content.length > 0 ? { ...first, content } : { type: "paragraph" }, ...rest];
}

/** Bullet lists whose every item starts with ☐/☑ (how our DOCX export writes tasks) become task lists. */
export function restoreTaskLists(node: JSONContent): JSONContent {
  const content = node.content?.map(restoreTaskLists);
  const result: JSONContent = content ? { ...node, content } : { ...node };
  const items = result.content ?? [];
  if (result.type !== "bulletList" || items.length === 0 || !items.every((item) => taskBox(item) !== null)) {
    return result;
  }
  return {
    type: "taskList",
    content: items.map((item) => ({
      type: "taskItem",
      attrs: { checked: taskBox(item) !== TASK_OPEN },
      content: withoutBox(item),
    })),
  };
}

function inputFor(bytes: Uint8Array): Parameters<typeof mammoth.convertToHtml>[0] {
  if (typeof Buffer !== "undefined") {
    return { buffer: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) };
  }
  return { arrayBuffer: bytes.slice().buffer };
}

/**
 * A document from a Word file: mammoth reads it as semantic HTML (no external files), and the
 * schema's parser keeps only what a document can hold.
 */
export async function docxToDocument(bytes: Uint8Array): Promise<JSONContent> {
  const { value: html } = await mammoth.convertToHtml(inputFor(bytes), {
    styleMap: STYLE_MAP,
    includeEmbeddedStyleMap: false,
    externalFileAccess: false,
  });
  const parsed = restoreTaskLists(htmlToDocumentJson(html));
  return toValidDocument(parsed).toJSON() as JSONContent;
}
