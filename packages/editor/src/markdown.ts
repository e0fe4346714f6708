import type { JSONContent } from "@tiptap/core";
import { MarkdownManager } from "@tiptap/markdown";
import { documentExtensions } from "./extensions.ts";
import { toValidDocument } from "./sanitize.ts";

let manager: MarkdownManager | null = null;

function markdownManager(): MarkdownManager {
  manager ??= new MarkdownManager({ extensions: documentExtensions() });
  return manager;
}

/** GitHub-flavoured Markdown of a document (comments left out; underline as `++text++`). */
export function documentToMarkdown(json: JSONContent): string {
  const doc = toValidDocument(json);
  const markdown = markdownManager().serialize(doc.toJSON() as JSONContent);
  return markdown.endsWith("\n") ? markdown : `${markdown}\n`;
}

/** A document from Markdown: raw HTML stays visible text, unsafe links and images are dropped. */
export function markdownToDocument(markdown: string): JSONContent {
  const parsed = markdownManager().parse(markdown.replace(/\r\n?/g, "\n"));
  return toValidDocument(parsed).toJSON() as JSONContent;
}
