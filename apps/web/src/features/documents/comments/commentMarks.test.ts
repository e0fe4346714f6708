import { documentExtensions } from "@ensemble/editor/extensions";
import { getSchema } from "@tiptap/core";
import { Node } from "@tiptap/pm/model";
import { describe, expect, it } from "vitest";
import { threadIdsAt, threadRanges } from "./commentMarks.ts";

const schema = getSchema(documentExtensions());
const comment = (threadId: string) => ({ type: "comment", attrs: { threadId } });

// "Wir beantragen 5000 Euro." / "Eigenanteil 20 Prozent." with overlapping threads a and b,
// thread c spread over two paragraphs.
const doc = Node.fromJSON(schema, {
  type: "doc",
  content: [
    {
      type: "paragraph",
      content: [
        { type: "text", text: "Wir " },
        { type: "text", text: "beantragen ", marks: [comment("a")] },
        { type: "text", text: "5000", marks: [comment("a"), comment("b")] },
        { type: "text", text: " Euro", marks: [comment("b")] },
        { type: "text", text: "." },
        { type: "text", text: " Danke", marks: [comment("c")] },
      ],
    },
    {
      type: "paragraph",
      content: [
        { type: "text", text: "Eigenanteil", marks: [comment("c")] },
        { type: "text", text: " 20 Prozent." },
      ],
    },
  ],
});

function textOf(range: { from: number; to: number } | undefined): string {
  return range ? doc.textBetween(range.from, range.to, "|") : "";
}

describe("comment marks", () => {
  it("find each thread's text from its first to its last marked character, overlaps and paragraphs included", () => {
    const ranges = threadRanges(doc);
    expect([...ranges.keys()]).toEqual(["a", "b", "c"]);
    expect(textOf(ranges.get("a"))).toBe("beantragen 5000");
    expect(textOf(ranges.get("b"))).toBe("5000 Euro");
    expect(textOf(ranges.get("c"))).toBe(" Danke|Eigenanteil");
  });

  it("know no thread whose text is gone", () => {
    const plain = Node.fromJSON(schema, {
      type: "doc",
      content: [{ type: "paragraph", content: [{ type: "text", text: "x" }] }],
    });
    expect(threadRanges(plain).size).toBe(0);
  });

  it("name the threads at a position (a click), including a range that ends right there", () => {
    const ranges = threadRanges(doc);
    const inOverlap = (ranges.get("b")?.from ?? 0) + 1;
    expect(threadIdsAt(doc, inOverlap).sort()).toEqual(["a", "b"]);
    expect(threadIdsAt(doc, 2)).toEqual([]);
    expect(threadIdsAt(doc, ranges.get("b")?.to ?? 0)).toEqual(["b"]);
    expect(threadIdsAt(doc, 10_000)).toEqual([]);
  });
});
