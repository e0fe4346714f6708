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

/** A document using everything a Word file carries both ways (no comments, rules, list starts or code languages). */
export function docxFaithfulDocument(): JSONContent {
  return {
    type: "doc",
    content: [
      { type: "heading", attrs: { level: 1 }, content: [text("Sicherheitskonzept Straßenfest Görlitz")] },
      { type: "heading", attrs: { level: 2 }, content: [text("Übersicht")] },
      { type: "heading", attrs: { level: 3 }, content: [text("Größe")] },
      { type: "heading", attrs: { level: 4 }, content: [text("Äußeres")] },
      paragraph(
        text("fett", [{ type: "bold" }]),
        text(" "),
        text("kursiv", [{ type: "italic" }]),
        text(" "),
        text("unterstrichen", [{ type: "underline" }]),
        text(" "),
        text("durchgestrichen", [{ type: "strike" }]),
        text(" "),
        text("npm test", [{ type: "code" }]),
        { type: "hardBreak" },
        text("Zur "),
        text("Website", [
          { type: "link", attrs: { href: "https://example.org/fest?jahr=2026&ort=g%C3%B6rlitz" } },
        ]),
        text(" und "),
        text("fett verlinkt", [
          { type: "bold" },
          { type: "link", attrs: { href: "mailto:info@example.org" } },
        ]),
        text("."),
      ),
      {
        type: "bulletList",
        content: [
          { type: "listItem", content: [paragraph(text("Bühne"))] },
          {
            type: "listItem",
            content: [
              paragraph(text("Stände")),
              { type: "bulletList", content: [{ type: "listItem", content: [paragraph(text("Getränke"))] }] },
            ],
          },
        ],
      },
      {
        type: "orderedList",
        content: [
          { type: "listItem", content: [paragraph(text("Aufbau"))] },
          {
            type: "listItem",
            content: [
              paragraph(text("Einlass")),
              {
                type: "orderedList",
                content: [{ type: "listItem", content: [paragraph(text("Taschenkontrolle"))] }],
              },
            ],
          },
        ],
      },
      {
        type: "taskList",
        content: [
          { type: "taskItem", attrs: { checked: true }, content: [paragraph(text("Genehmigung beantragt"))] },
          {
            type: "taskItem",
            attrs: { checked: false },
            content: [
              paragraph(text("Sanitätsdienst buchen")),
              {
                type: "taskList",
                content: [
                  {
                    type: "taskItem",
                    attrs: { checked: false },
                    content: [paragraph(text("Angebot prüfen"))],
                  },
                ],
              },
            ],
          },
        ],
      },
      { type: "blockquote", content: [paragraph(text("Sicherheit geht vor."))] },
      { type: "codeBlock", content: [text("Kanal 1: Leitung\nKanal 2: Sanität")] },
      {
        type: "table",
        content: [
          {
            type: "tableRow",
            content: [
              { type: "tableHeader", content: [paragraph(text("Stelle"))] },
              { type: "tableHeader", content: [paragraph(text("Telefon"))] },
            ],
          },
          {
            type: "tableRow",
            content: [
              { type: "tableCell", content: [paragraph(text("Polizei"))] },
              { type: "tableCell", content: [paragraph(text("110"))] },
            ],
          },
          {
            type: "tableRow",
            content: [
              {
                type: "tableCell",
                attrs: { colspan: 2 },
                content: [paragraph(text("Sammelplatz: Marktplatz"))],
              },
            ],
          },
        ],
      },
      paragraph(text("Ende.")),
    ],
  };
}

/** A 2×3 red PNG as a data URL. */
export const TINY_PNG =
  "data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAIAAAADCAIAAAA2iEnWAAAAEElEQVR4nGP4z8AARAwoFABE0AX7pM/egAAAAABJRU5ErkJggg==";
