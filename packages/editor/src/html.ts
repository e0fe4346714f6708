import type { JSONContent } from "@tiptap/core";
import { generateHTML } from "@tiptap/html";
import { documentExtensions } from "./extensions.ts";
import { toValidDocument } from "./sanitize.ts";
import { hasTitleHeading } from "./schema.ts";

/** Escapes text for HTML element content and double-quoted attribute values. */
export function escapeHtml(text: string): string {
  return text
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&#39;");
}

// Screen and print: readable measure, quiet tables, task lists with their boxes, and on paper
// the address of every link after its text, with headings kept with what follows them.
const STYLESHEET = `
:root { color-scheme: light; }
body { margin: 0; background: #fff; color: #1a1a1a; font: 11pt/1.55 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; }
main { max-width: 46rem; margin: 0 auto; padding: 2.5rem 1.5rem 4rem; }
h1, h2, h3, h4 { line-height: 1.25; margin: 1.6em 0 0.5em; }
h1 { font-size: 1.9em; margin-top: 0; }
h2 { font-size: 1.45em; }
h3 { font-size: 1.2em; }
h4 { font-size: 1.05em; }
p { margin: 0 0 0.75em; }
a { color: #0b57d0; }
ul, ol { padding-left: 1.6em; margin: 0 0 0.75em; }
li > p { margin: 0.15em 0; }
ul[data-type="taskList"] { list-style: none; padding-left: 0.2em; }
ul[data-type="taskList"] ul[data-type="taskList"] { padding-left: 1.6em; }
li[data-type="taskItem"] { display: flex; gap: 0.5em; align-items: flex-start; }
li[data-type="taskItem"] > label { flex: none; padding-top: 0.2em; }
li[data-type="taskItem"] > div { flex: 1 1 auto; min-width: 0; }
li[data-checked="true"] > div > p { color: #555; }
blockquote { margin: 0 0 0.75em; padding: 0.1em 0 0.1em 1em; border-left: 3px solid #c7c7c7; color: #333; }
code { font-family: ui-monospace, "SFMono-Regular", Menlo, Consolas, monospace; font-size: 0.92em; background: #f2f2f2; padding: 0.05em 0.3em; border-radius: 3px; }
pre { background: #f5f5f5; padding: 0.8em 1em; border-radius: 4px; overflow-x: auto; white-space: pre-wrap; }
pre code { background: none; padding: 0; }
hr { border: none; border-top: 1px solid #c7c7c7; margin: 1.5em 0; }
table { border-collapse: collapse; width: 100%; margin: 0 0 1em; }
th, td { border: 1px solid #bdbdbd; padding: 0.35em 0.55em; text-align: left; vertical-align: top; }
th { background: #f2f2f2; font-weight: 600; }
th > p, td > p { margin: 0; }
img { max-width: 100%; height: auto; }
@page { margin: 2cm; }
@media print {
  body { font-size: 10.5pt; }
  main { max-width: none; padding: 0; }
  a { color: inherit; }
  a[href^="http"]::after { content: " (" attr(href) ")"; font-size: 0.85em; color: #555; word-break: break-all; }
  h1, h2, h3, h4 { break-after: avoid; }
  tr, img, pre, blockquote, li { break-inside: avoid; }
  pre, code, th { background: none; }
  pre { border: 1px solid #ccc; }
}
`.trim();

// Exports may be opened from disk: nothing in them may run, and only images may load.
const CONTENT_SECURITY_POLICY = "default-src 'none'; img-src http: https: data:; style-src 'unsafe-inline'";

export interface HtmlExportOptions {
  /** The `lang` of the page (default German). */
  language?: string;
}

/**
 * A standalone HTML page of a document: escaped, comments left out, a print stylesheet, and the
 * title as the first heading unless the document has a level-1 heading of its own.
 */
export function documentToHtml(json: JSONContent, title: string, options: HtmlExportOptions = {}): string {
  const doc = toValidDocument(json);
  const docJson = doc.toJSON() as JSONContent;
  const body = generateHTML(docJson, documentExtensions()).replace(
    /<input type="checkbox"/g,
    '<input type="checkbox" disabled',
  );
  const heading = hasTitleHeading(docJson) ? "" : `<h1>${escapeHtml(title)}</h1>\n`;
  const language = escapeHtml(options.language ?? "de");
  return `<!DOCTYPE html>
<html lang="${language}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="${CONTENT_SECURITY_POLICY}">
<meta name="referrer" content="no-referrer">
<title>${escapeHtml(title)}</title>
<style>
${STYLESHEET}
</style>
</head>
<body>
<main>
<article>
${heading}${body}
</article>
</main>
</body>
</html>
`;
}
