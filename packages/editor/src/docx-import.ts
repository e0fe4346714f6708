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

/**
 * Most a Word file may unpack to (what its zip directory declares), and most entries it may have.
 * Reading it costs far more than its size (XML → HTML → DOM → JSON holds ~200× the XML at once):
 * the API's import thread has a heap limit for what gets past this, but a declared giant is
 * refused here before anything is inflated.
 */
const MAX_UNPACKED_BYTES = 8 * 1024 * 1024;
const MAX_ZIP_ENTRIES = 2000;

/**
 * Refuses a file whose zip directory declares more than we are willing to unpack, before mammoth
 * inflates anything: a few megabytes of upload must not become gigabytes of memory (zip bomb).
 * A directory that lies is caught by JSZip's own size check only after inflating, so this guards
 * against honest giants and naive bombs, not against every crafted archive.
 */
export function assertReasonableZip(bytes: Uint8Array): void {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let end = -1;
  for (let offset = bytes.length - 22; offset >= Math.max(0, bytes.length - 22 - 0xffff); offset--) {
    if (view.getUint32(offset, true) === 0x06054b50) {
      end = offset;
      break;
    }
  }
  if (end < 0) {
    throw new Error("Not a Word file (no zip directory).");
  }
  const entries = view.getUint16(end + 10, true);
  let offset = view.getUint32(end + 16, true);
  if (entries > MAX_ZIP_ENTRIES) {
    throw new Error("The Word file has too many parts.");
  }
  let unpacked = 0;
  for (let index = 0; index < entries; index++) {
    if (offset + 46 > bytes.length || view.getUint32(offset, true) !== 0x02014b50) {
      throw new Error("Not a Word file (damaged zip directory).");
    }
    unpacked += view.getUint32(offset + 24, true);
    if (unpacked > MAX_UNPACKED_BYTES) {
      throw new Error(`The Word file unpacks to more than ${MAX_UNPACKED_BYTES / 1024 / 1024} MB.`);
    }
    offset +=
      46 +
      view.getUint16(offset + 28, true) +
      view.getUint16(offset + 30, true) +
      view.getUint16(offset + 32, true);
  }
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
  assertReasonableZip(bytes);
  const { value: html } = await mammoth.convertToHtml(inputFor(bytes), {
    styleMap: STYLE_MAP,
    includeEmbeddedStyleMap: false,
    externalFileAccess: false,
  });
  const parsed = restoreTaskLists(htmlToDocumentJson(html));
  return toValidDocument(parsed).toJSON() as JSONContent;
}
