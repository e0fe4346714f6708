import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { ShapeGuard } from "./shape-guard.ts";
import { textState, typeInto } from "./testing.ts";

/** A base document (one paragraph) and a second client that has it, for crafting edits. */
function setup() {
  const base = textState("Antrag");
  const guard = new ShapeGuard(() => [base]);
  const doc = new Y.Doc();
  Y.applyUpdate(doc, base);
  const edit = (change: (fragment: Y.XmlFragment, doc: Y.Doc) => void): Uint8Array => {
    const before = Y.encodeStateVector(doc);
    change(doc.getXmlFragment("default"), doc);
    return Y.encodeStateAsUpdate(doc, before);
  };
  const paragraph = () => doc.getXmlFragment("default").get(0) as Y.XmlElement;
  return { guard, doc, edit, paragraph };
}

describe("the shape guard", () => {
  it("accepts what Tiptap writes: paragraphs, text, marks, attributes, deletions", () => {
    const { guard, edit, paragraph, doc } = setup();
    expect(guard.accept(edit(() => typeInto(doc, 6, " 2027")))).toBe(true);
    expect(
      guard.accept(
        edit((fragment) => {
          const heading = new Y.XmlElement("heading");
          heading.setAttribute("level", 2 as never);
          const text = new Y.XmlText();
          heading.insert(0, [text]);
          fragment.insert(0, [heading]);
          text.insert(0, "Ziele", { bold: true });
          text.format(0, 2, { "comment--a1": { threadId: "a1" } });
        }),
      ),
    ).toBe(true);
    expect(guard.accept(edit(() => (paragraph().get(0) as Y.XmlText).delete(0, 3)))).toBe(true);
    expect(guard.accept(edit((fragment) => fragment.delete(0, 1)))).toBe(true);
  });

  it("refuses what would break every editor that opens the document", () => {
    const cases: [string, (s: ReturnType<typeof setup>) => Uint8Array][] = [
      [
        "the fragment's name used as an array",
        () => {
          // a client that never took the fragment as one: its "default" is an array
          const d = new Y.Doc();
          d.getArray("default").insert(0, ["x"]);
          return Y.encodeStateAsUpdate(d);
        },
      ],
      ["another root", ({ edit }) => edit((_f, d) => d.getText("notes").insert(0, "x"))],
      ["a plain value among the blocks", ({ edit }) => edit((f) => f.insert(1, ["x" as never]))],
      [
        "text straight inside an element",
        ({ edit, paragraph }) => edit(() => paragraph().insert(1, ["x" as never])),
      ],
      [
        "an embedded object in a text",
        ({ edit, paragraph }) => edit(() => (paragraph().get(0) as Y.XmlText).insertEmbed(0, { a: 1 })),
      ],
      [
        "a map as an attribute",
        ({ edit, paragraph }) => edit(() => paragraph().setAttribute("x", new Y.Map() as never)),
      ],
      [
        "an array inside an element",
        ({ edit, paragraph }) => edit(() => paragraph().insert(0, [new Y.Array() as never])),
      ],
    ];
    for (const [what, craft] of cases) {
      const s = setup();
      expect(s.guard.accept(craft(s)), what).toBe(false);
      // refused edits leave nothing behind: a good edit afterwards is judged on the stored state
      expect(s.guard.accept(s.edit(() => typeInto(s.doc, 0, "ok"))), `${what}: recovery`).toBe(true);
    }
  });

  it("follows updates accepted elsewhere and frees its document when dropped", () => {
    const { guard, edit, doc } = setup();
    expect(guard.active).toBe(false);
    guard.follow(edit(() => typeInto(doc, 0, "x")));
    expect(guard.active).toBe(false);
    expect(guard.accept(edit(() => typeInto(doc, 0, "y")))).toBe(true);
    expect(guard.active).toBe(true);
    guard.drop();
    expect(guard.active).toBe(false);
  });
});
