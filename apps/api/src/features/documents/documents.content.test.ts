import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { withoutComments } from "./documents.content.ts";

function stateWith(build: (fragment: Y.XmlFragment) => void): Uint8Array {
  const doc = new Y.Doc();
  build(doc.getXmlFragment("default"));
  return Y.encodeStateAsUpdate(doc);
}

function marksOf(state: Uint8Array): Record<string, unknown>[] {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, state);
  const out: Record<string, unknown>[] = [];
  const walk = (node: Y.XmlFragment | Y.XmlElement) => {
    for (const child of node.toArray()) {
      if (child instanceof Y.XmlText) {
        for (const op of child.toDelta() as { insert: string; attributes?: Record<string, unknown> }[]) {
          out.push({ text: op.insert, ...(op.attributes ?? {}) });
        }
      } else if (child instanceof Y.XmlElement) {
        walk(child);
      }
    }
  };
  walk(doc.getXmlFragment("default"));
  return out;
}

function paragraph(fragment: Y.XmlFragment | Y.XmlElement, name = "paragraph"): Y.XmlText {
  const element = new Y.XmlElement(name);
  const text = new Y.XmlText();
  element.insert(0, [text]);
  fragment.insert(fragment.length, [element]);
  return text;
}

describe("withoutComments", () => {
  it("removes plain and overlapping comment marks, in nested nodes, and keeps every other mark", () => {
    const state = stateWith((f) => {
      const p = paragraph(f);
      p.insert(0, "fett ", { bold: {} });
      p.insert(5, "kommentiert", { comment: { threadId: "a" }, italic: {} });
      const item = new Y.XmlElement("listItem");
      f.insert(1, [item]);
      paragraph(item).insert(0, "zwei", {
        "comment--x1": { threadId: "b" },
        "comment--y2": { threadId: "c" },
      });
    });
    expect(marksOf(withoutComments(state))).toEqual([
      { text: "fett ", bold: {} },
      { text: "kommentiert", italic: {} },
      { text: "zwei" },
    ]);
  });

  it("answers the very same bytes when there is nothing to remove", () => {
    const state = stateWith((f) => paragraph(f).insert(0, "Hallo", { commentary: true }));
    expect(withoutComments(state)).toBe(state);
  });
});
