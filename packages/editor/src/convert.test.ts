import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import {
  documentSchema,
  emptyDocument,
  jsonToState,
  normalizeJson,
  stateToJson,
  YJS_FRAGMENT,
} from "./convert.ts";
import { everyNodeDocument, typesUsed } from "./test-fixtures.ts";

describe("Yjs state ⇄ Tiptap JSON", () => {
  it("the fixture uses every node and mark of the schema", () => {
    const used = typesUsed(everyNodeDocument());
    const schema = documentSchema();
    expect([...used.nodes].sort()).toEqual(Object.keys(schema.nodes).sort());
    expect([...used.marks].sort()).toEqual(Object.keys(schema.marks).sort());
  });

  it("round-trips every node type and mark unchanged", () => {
    const json = everyNodeDocument();
    const back = stateToJson(jsonToState(json));
    expect(back).toEqual(normalizeJson(json));
    expect(JSON.stringify(back)).toContain("Förderantrag für „Größe & Übermut“");
  });

  it("keeps overlapping comment threads apart", () => {
    const back = stateToJson(jsonToState(everyNodeDocument()));
    const threads = JSON.stringify(back).match(/"threadId":"thread-\d"/g);
    expect(threads).toEqual(['"threadId":"thread-1"', '"threadId":"thread-2"']);
  });

  it("reads an empty state as one empty paragraph", () => {
    expect(stateToJson(Y.encodeStateAsUpdate(new Y.Doc()))).toEqual(emptyDocument());
    expect(stateToJson(jsonToState(emptyDocument()))).toEqual(emptyDocument());
  });

  it("writes the editor's fragment ('default')", () => {
    const ydoc = new Y.Doc();
    Y.applyUpdate(ydoc, jsonToState(everyNodeDocument()));
    expect(ydoc.getXmlFragment(YJS_FRAGMENT).length).toBeGreaterThan(0);
    expect(ydoc.getXmlFragment("prosemirror").length).toBe(0);
  });

  it("refuses JSON the schema does not know", () => {
    expect(() => jsonToState({ type: "doc", content: [{ type: "iframe" }] })).toThrow();
    expect(() => jsonToState({ type: "doc", content: [{ type: "text", text: "loose" }] })).toThrow();
  });

  it("leaves out elements the schema does not know, as the editor does", () => {
    const ydoc = new Y.Doc();
    const fragment = ydoc.getXmlFragment(YJS_FRAGMENT);
    const script = new Y.XmlElement("script");
    script.insert(0, [new Y.XmlText("alert(1)")]);
    const paragraph = new Y.XmlElement("paragraph");
    paragraph.insert(0, [new Y.XmlText("bleibt")]);
    fragment.insert(0, [script, paragraph]);
    expect(stateToJson(Y.encodeStateAsUpdate(ydoc))).toEqual({
      type: "doc",
      content: [{ type: "paragraph", content: [{ type: "text", text: "bleibt" }] }],
    });
  });

  it("always returns a valid document, even from content a client put in the wrong place", () => {
    const ydoc = new Y.Doc();
    const fragment = ydoc.getXmlFragment(YJS_FRAGMENT);
    const cell = new Y.XmlElement("tableCell");
    const cellParagraph = new Y.XmlElement("paragraph");
    cellParagraph.insert(0, [new Y.XmlText("Zelle ohne Tabelle")]);
    cell.insert(0, [cellParagraph]);
    const item = new Y.XmlElement("listItem");
    const itemParagraph = new Y.XmlElement("paragraph");
    itemParagraph.insert(0, [new Y.XmlText("Punkt ohne Liste")]);
    item.insert(0, [itemParagraph]);
    fragment.insert(0, [cell, item]);

    const json = stateToJson(Y.encodeStateAsUpdate(ydoc));
    expect(normalizeJson(json)).toEqual(json);
    expect(JSON.stringify(json)).toContain("Zelle ohne Tabelle");
    expect(JSON.stringify(json)).toContain("Punkt ohne Liste");
    expect(stateToJson(jsonToState(json))).toEqual(json);
  });

  it("skips what is not an element or text (a client writing the fragment with the plain Yjs API)", () => {
    const ydoc = new Y.Doc();
    Y.applyUpdate(
      ydoc,
      jsonToState({
        type: "doc",
        content: [
          { type: "heading", attrs: { level: 2 }, content: [{ type: "text", text: "Titel" }] },
          { type: "paragraph", content: [{ type: "text", text: "bleibt" }] },
        ],
      }),
    );
    const fragment = ydoc.getXmlFragment(YJS_FRAGMENT);
    const heading = fragment.get(0) as Y.XmlElement;
    // a Yjs type where an attribute value belongs
    heading.setAttribute("level", new Y.Map() as unknown as string);
    const paragraph = fragment.get(1) as Y.XmlElement;
    // plain values inside an element, and an embed inside its text
    paragraph.insert(0, ["kein Element", 42] as unknown as Y.XmlText[]);
    (paragraph.get(2) as Y.XmlText).insertEmbed(0, { image: "x" });
    // what `new Y.Doc().getArray("default").insert(0, ["x"])` sends, stored as a later update
    const foreign = new Y.Doc();
    foreign.getArray(YJS_FRAGMENT).insert(0, ["x", { nicht: "xml" }]);
    const state = Y.mergeUpdates([Y.encodeStateAsUpdate(ydoc), Y.encodeStateAsUpdate(foreign)]);

    expect(stateToJson(state)).toEqual({
      type: "doc",
      content: [
        { type: "heading", attrs: { level: 1 }, content: [{ type: "text", text: "Titel" }] },
        { type: "paragraph", content: [{ type: "text", text: "bleibt" }] },
      ],
    });
  });

  it("sanitises what a client wrote straight into the state: no javascript: links, comments kept", () => {
    const hostile = jsonToState({
      type: "doc",
      content: [
        {
          type: "paragraph",
          content: [
            {
              type: "text",
              text: "klick",
              marks: [
                { type: "link", attrs: { href: "javascript:alert(1)" } },
                { type: "comment", attrs: { threadId: "thread-1" } },
              ],
            },
            {
              type: "text",
              text: " sicher",
              marks: [{ type: "link", attrs: { href: "https://example.org" } }],
            },
          ],
        },
        { type: "image", attrs: { src: "javascript:alert(2)" } },
      ],
    });
    const json = stateToJson(hostile);
    const serialized = JSON.stringify(json);
    expect(serialized).not.toContain("javascript:");
    expect(serialized).toContain('"threadId":"thread-1"');
    expect(serialized).toContain('"href":"https://example.org"');
    expect(json).toEqual(normalizeJson(json));
  });
});
