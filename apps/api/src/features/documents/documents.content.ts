import * as Y from "yjs";

/** Tiptap's Yjs fragment (the collaboration extension's default field). */
const FRAGMENT = "default";

/** A comment mark's key in a Y.XmlText's formatting: `comment`, or `comment--<hash>` when marks overlap. */
function isCommentKey(key: string): boolean {
  return key === "comment" || key.startsWith("comment--");
}

function stripText(text: Y.XmlText): boolean {
  let index = 0;
  let changed = false;
  for (const op of text.toDelta() as { insert: unknown; attributes?: Record<string, unknown> }[]) {
    const length = typeof op.insert === "string" ? op.insert.length : 1;
    const keys = Object.keys(op.attributes ?? {}).filter(isCommentKey);
    if (keys.length > 0) {
      text.format(index, length, Object.fromEntries(keys.map((k) => [k, null])));
      changed = true;
    }
    index += length;
  }
  return changed;
}

function strip(node: Y.XmlFragment | Y.XmlElement): boolean {
  let changed = false;
  for (const child of node.toArray()) {
    if (child instanceof Y.XmlText) {
      changed = stripText(child) || changed;
    } else if (child instanceof Y.XmlElement) {
      changed = strip(child) || changed;
    }
  }
  return changed;
}

/**
 * The state without comment marks, for copies (a duplicate, a template): their threads stay with
 * the original, so marks pointing at them would lead nowhere. The state is changed as a Yjs
 * update on the stored state (no fresh document), and returned unchanged when it has none.
 */
export function withoutComments(state: Uint8Array): Uint8Array {
  const doc = new Y.Doc();
  try {
    Y.applyUpdate(doc, state);
    let changed = false;
    doc.transact(() => {
      changed = strip(doc.getXmlFragment(FRAGMENT));
    });
    return changed ? Y.encodeStateAsUpdate(doc) : state;
  } finally {
    doc.destroy();
  }
}
