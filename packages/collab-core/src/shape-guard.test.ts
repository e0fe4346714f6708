import { afterAll, describe, expect, it } from "vitest";
import * as Y from "yjs";
import { ShapeGuard, type Verdict } from "./shape-guard.ts";
import { textState, typeInto } from "./testing.ts";
import { YjsThread } from "./yjs-thread.ts";

const thread = new YjsThread();
const dyingThread = new YjsThread({ heapMb: 4 });
afterAll(async () => {
  await Promise.all([thread.close(), dyingThread.close()]);
});

type Mode = "here" | "in the thread";

/**
 * A room's worth of state (a base document, plus what the guard accepted, as a room keeps it), a
 * guard on it, and a second client that has the base, for crafting edits.
 */
function setup(mode: Mode, on: YjsThread = thread) {
  const base = textState("Antrag");
  const accepted: Uint8Array[] = [base];
  const guard = new ShapeGuard({
    currentState: () => accepted,
    size: () => accepted.reduce((n, u) => n + u.byteLength, 0),
    thread: mode === "here" ? undefined : on,
    threadMinBytes: 0,
  });
  /** Judges an update as the room does: accepted ones become part of the room's state at once. */
  const judge = (update: Uint8Array): Promise<Verdict> => {
    if (mode === "here") {
      const ok = guard.accept(update);
      if (ok) {
        accepted.push(update);
      }
      return Promise.resolve(ok ? "ok" : "refused");
    }
    return new Promise((resolve) =>
      guard.check(update, (verdict) => {
        if (verdict === "ok") {
          accepted.push(update);
        }
        resolve(verdict);
      }),
    );
  };
  const doc = new Y.Doc();
  Y.applyUpdate(doc, base);
  const edit = (change: (fragment: Y.XmlFragment, doc: Y.Doc) => void): Uint8Array => {
    const before = Y.encodeStateVector(doc);
    change(doc.getXmlFragment("default"), doc);
    return Y.encodeStateAsUpdate(doc, before);
  };
  const paragraph = () => doc.getXmlFragment("default").get(0) as Y.XmlElement;
  return { guard, doc, edit, paragraph, judge, accepted };
}

/** Edits no Tiptap document can hold. */
const harmful: [string, (s: ReturnType<typeof setup>) => Uint8Array][] = [
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

describe.each<Mode>(["here", "in the thread"])("the shape guard, judging %s", (mode) => {
  it("accepts what Tiptap writes: paragraphs, text, marks, attributes, deletions", async () => {
    const { judge, edit, paragraph, doc } = setup(mode);
    expect(await judge(edit(() => typeInto(doc, 6, " 2027")))).toBe("ok");
    expect(
      await judge(
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
    ).toBe("ok");
    expect(await judge(edit(() => (paragraph().get(0) as Y.XmlText).delete(0, 3)))).toBe("ok");
    expect(await judge(edit((fragment) => fragment.delete(0, 1)))).toBe("ok");
  });

  it("refuses what would break every editor that opens the document", async () => {
    for (const [what, craft] of harmful) {
      const s = setup(mode);
      expect(await s.judge(craft(s)), what).toBe("refused");
      // refused edits leave nothing behind: a good edit afterwards is judged on the stored state
      expect(await s.judge(s.edit(() => typeInto(s.doc, 0, "ok"))), `${what}: recovery`).toBe("ok");
    }
  });

  it("follows updates accepted elsewhere", async () => {
    const { guard, judge, edit, doc, accepted } = setup(mode);
    // the shadow exists before the remote update arrives (else it would be built with it)
    expect(await judge(edit(() => typeInto(doc, 0, "a")))).toBe("ok");
    const other = new Y.Doc();
    Y.applyUpdate(other, Y.mergeUpdates(accepted));
    const before = Y.encodeStateVector(other);
    const paragraph = new Y.XmlElement("paragraph");
    other.getXmlFragment("default").insert(0, [paragraph]);
    const remote = Y.encodeStateAsUpdate(other, before);
    guard.follow(remote);
    Y.applyUpdate(doc, remote);
    // a map inside the paragraph only the remote update made: refused only if that update was followed
    const inside = edit((fragment) => (fragment.get(0) as Y.XmlElement).insert(0, [new Y.Map() as never]));
    expect(await judge(inside)).toBe("refused");
  });
});

describe("the shape guard", () => {
  it("keeps a small document's shadow here only while edits come in", async () => {
    const { guard, judge, edit, doc } = setup("here");
    expect(guard.active).toBe(false);
    expect(await judge(edit(() => typeInto(doc, 0, "y")))).toBe("ok");
    expect(guard.active).toBe(true);
    guard.rest();
    expect(guard.active).toBe(false);
    expect(await judge(edit(() => typeInto(doc, 0, "z")))).toBe("ok");
    expect(guard.builds).toBe(2);
  });

  it("builds a large document's shadow in the thread once, however often edits pause", async () => {
    const { guard, judge, edit, doc } = setup("in the thread");
    for (let round = 0; round < 3; round++) {
      expect(await judge(edit(() => typeInto(doc, 0, "x")))).toBe("ok");
      guard.rest();
    }
    expect(guard.active).toBe(false);
    expect(guard.builds).toBe(1);
    guard.drop();
  });

  it("gives verdicts in order, and judges what follows a refusal against the accepted state only", async () => {
    const s = setup("in the thread");
    const verdicts: string[] = [];
    const sent = [
      s.edit(() => typeInto(s.doc, 0, "1")),
      s.edit(() => typeInto(s.doc, 0, "2")),
      s.edit((_f, d) => d.getText("notes").insert(0, "x")),
      s.edit(() => typeInto(s.doc, 0, "3")),
    ];
    const done = sent.map(
      (update, i) =>
        new Promise<void>((resolve) =>
          s.guard.check(update, (verdict) => {
            verdicts.push(`${i}:${verdict}`);
            if (verdict === "ok") {
              s.accepted.push(update);
            }
            resolve();
          }),
        ),
    );
    await Promise.all(done);
    expect(verdicts).toEqual(["0:ok", "1:ok", "2:refused", "3:ok"]);
    // the shadow was rebuilt from the accepted state: the refused root is not in it
    expect(await s.judge(s.edit(() => typeInto(s.doc, 0, "4")))).toBe("ok");
    expect(s.guard.builds).toBe(2);
    s.guard.drop();
  });

  it("fails the updates it was judging when the thread dies, and accepts nothing unjudged", async () => {
    const { judge, edit, doc, guard } = setup("in the thread", dyingThread);
    expect(await judge(edit(() => typeInto(doc, 0, "a")))).toBe("failed");
    expect(await judge(edit(() => typeInto(doc, 0, "b")))).toBe("failed");
    expect(dyingThread.starts).toBe(2);
    guard.drop();
  });
});
