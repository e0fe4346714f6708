import type { JSONContent } from "@tiptap/core";
import { MarkdownManager } from "@tiptap/markdown";
import { documentExtensions, longestBacktickRun } from "./extensions.ts";
import { toValidDocument } from "./sanitize.ts";

let manager: MarkdownManager | null = null;

function markdownManager(): MarkdownManager {
  manager ??= new MarkdownManager({ extensions: documentExtensions() });
  return manager;
}

/** Inline code as a Markdown code span whose backtick string is longer than any run inside it. */
function codeSpan(code: string): string {
  const ticks = "`".repeat(longestBacktickRun(code) + 1);
  // a space on each side is stripped again by the reader; it keeps edge backticks off the fence
  const pad = /^[` ]|[` ]$/.test(code) && code.trim() !== "" ? " " : "";
  return `${ticks}${pad}${code}${pad}${ticks}`;
}

/**
 * Tiptap writes inline code between single backticks whatever it holds, so code containing a
 * backtick ended the span early and the rest (a `<script>` …) reached the export as raw HTML. Such
 * text is swapped for a token the serializer passes through untouched, and the token (with the
 * single backticks Tiptap puts around it) is replaced by a proper code span afterwards.
 */
function withCodeSpans(json: JSONContent): { json: JSONContent; restore: (markdown: string) => string } {
  // random, so no text in the document can pose as a token
  const nonce = globalThis.crypto.randomUUID().replaceAll("-", "");
  const spans: string[] = [];
  const walk = (node: JSONContent): JSONContent => {
    if (
      node.type === "text" &&
      typeof node.text === "string" &&
      node.text.includes("`") &&
      node.marks?.some((mark) => mark.type === "code")
    ) {
      spans.push(node.text);
      return { ...node, text: `\uE000${nonce}-${spans.length - 1}\uE001` };
    }
    return node.content ? { ...node, content: node.content.map(walk) } : node;
  };
  const replaced = walk(json);
  const restore = (markdown: string) =>
    spans.length === 0
      ? markdown
      : markdown.replace(new RegExp(`\`?\uE000${nonce}-(\\d+)\uE001\`?`, "g"), (_, index: string) =>
          codeSpan(spans[Number(index)] ?? ""),
        );
  return { json: replaced, restore };
}

/** GitHub-flavoured Markdown of a document (comments left out; underline as `++text++`). */
export function documentToMarkdown(json: JSONContent): string {
  const doc = toValidDocument(json);
  const { json: safe, restore } = withCodeSpans(doc.toJSON() as JSONContent);
  const markdown = restore(markdownManager().serialize(safe));
  return markdown.endsWith("\n") ? markdown : `${markdown}\n`;
}

/** A document from Markdown: raw HTML stays visible text, unsafe links and images are dropped. */
export function markdownToDocument(markdown: string): JSONContent {
  const parsed = markdownManager().parse(markdown.replace(/\r\n?/g, "\n"));
  return toValidDocument(parsed).toJSON() as JSONContent;
}
