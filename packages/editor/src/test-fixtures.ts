import type { JSONContent } from "@tiptap/core";

function text(value: string, marks?: JSONContent["marks"]): JSONContent {
  return marks ? { type: "text", text: value, marks } : { type: "text", text: value };
}

function paragraph(...content: JSONContent[]): JSONContent {
  return content.length > 0 ? { type: "paragraph", content } : { type: "paragraph" };
}

/** A document using every node and mark of the schema (tests check that none is missing). */
export function everyNodeDocument(): JSONContent {
  return {
    type: "doc",
    content: [
      { type: "heading", attrs: { level: 1 }, content: [text("Förderantrag für „Größe & Übermut“")] },
      { type: "heading", attrs: { level: 2 }, content: [text("Zweite Ebene")] },
      { type: "heading", attrs: { level: 3 }, content: [text("Dritte Ebene")] },
      { type: "heading", attrs: { level: 4 }, content: [text("Vierte Ebene")] },
      paragraph(
        text("fett", [{ type: "bold" }]),
        text(" "),
        text("kursiv", [{ type: "italic" }]),
        text(" "),
        text("unterstrichen", [{ type: "underline" }]),
        text(" "),
        text("durchgestrichen", [{ type: "strike" }]),
        text(" "),
        text("code()", [{ type: "code" }]),
        { type: "hardBreak" },
        text("Verein", [{ type: "link", attrs: { href: "https://example.org/verein?a=1&b=2" } }]),
        text(" und "),
        text("kommentiert", [
          { type: "comment", attrs: { threadId: "thread-1" } },
          { type: "comment", attrs: { threadId: "thread-2" } },
        ]),
      ),
      {
        type: "bulletList",
        content: [
          { type: "listItem", content: [paragraph(text("eins"))] },
          {
            type: "listItem",
            content: [
              paragraph(text("zwei")),
              { type: "bulletList", content: [{ type: "listItem", content: [paragraph(text("zwei.a"))] }] },
            ],
          },
        ],
      },
      {
        type: "orderedList",
        attrs: { start: 3 },
        content: [
          { type: "listItem", content: [paragraph(text("drei"))] },
          {
            type: "listItem",
            content: [
              paragraph(text("vier")),
              { type: "orderedList", content: [{ type: "listItem", content: [paragraph(text("vier.1"))] }] },
            ],
          },
        ],
      },
      {
        type: "taskList",
        content: [
          { type: "taskItem", attrs: { checked: true }, content: [paragraph(text("Raum buchen"))] },
          {
            type: "taskItem",
            attrs: { checked: false },
            content: [
              paragraph(text("Technik klären")),
              {
                type: "taskList",
                content: [
                  { type: "taskItem", attrs: { checked: true }, content: [paragraph(text("Mikrofone"))] },
                ],
              },
            ],
          },
        ],
      },
      { type: "blockquote", content: [paragraph(text("Kunst ist schön, macht aber viel Arbeit."))] },
      { type: "codeBlock", attrs: { language: "ts" }, content: [text("const a = 1 < 2;\nconsole.log(a);")] },
      { type: "horizontalRule" },
      {
        type: "table",
        content: [
          {
            type: "tableRow",
            content: [
              { type: "tableHeader", content: [paragraph(text("Posten"))] },
              { type: "tableHeader", content: [paragraph(text("Betrag (€)"))] },
            ],
          },
          {
            type: "tableRow",
            content: [
              { type: "tableCell", content: [paragraph(text("Honorare"))] },
              { type: "tableCell", content: [paragraph(text("1.200,00"))] },
            ],
          },
          {
            type: "tableRow",
            content: [{ type: "tableCell", attrs: { colspan: 2 }, content: [paragraph()] }],
          },
        ],
      },
      {
        type: "image",
        attrs: { src: "https://example.org/plakat.png", alt: "Plakat", title: "Unser Plakat" },
      },
      paragraph(),
    ],
  };
}

/** Every node type name and mark name used in a JSON document. */
export function typesUsed(json: JSONContent, into = { nodes: new Set<string>(), marks: new Set<string>() }) {
  if (json.type) {
    into.nodes.add(json.type);
  }
  for (const mark of json.marks ?? []) {
    into.marks.add(mark.type);
  }
  for (const child of json.content ?? []) {
    typesUsed(child, into);
  }
  return into;
}
