import * as Y from "yjs";

/** The Yjs fragment Tiptap's Collaboration extension edits. */
export const DOCUMENT_FRAGMENT = "default";

/**
 * Does one new struct fit a Tiptap (y-prosemirror) document? The fragment holds elements and
 * texts; elements hold elements and texts, plus plain attributes; texts hold characters and
 * formatting. Anything else (another root, arrays, maps, embedded objects, text straight inside
 * an element) makes every editor that opens the document throw, and exports fail with it.
 */
function fits(item: Y.Item, root: Y.XmlFragment): boolean {
  const content = item.content;
  if (content instanceof Y.ContentDeleted) {
    return true;
  }
  const parent = item.parent;
  if (!(parent instanceof Y.AbstractType)) {
    return false;
  }
  if (content instanceof Y.ContentType) {
    const type = content.type;
    if (!(type instanceof Y.XmlElement || type instanceof Y.XmlText) || item.parentSub !== null) {
      return false;
    }
  }
  if (item.parentSub !== null) {
    // attributes of elements (node attributes) and texts: plain values only
    return (parent instanceof Y.XmlElement || parent instanceof Y.XmlText) && content instanceof Y.ContentAny;
  }
  if (parent === root || parent instanceof Y.XmlElement) {
    return content instanceof Y.ContentType;
  }
  if (parent instanceof Y.XmlText) {
    return content instanceof Y.ContentString || content instanceof Y.ContentFormat;
  }
  return false;
}

/** Every struct a transaction added, checked with `fits`. */
function transactionFits(transaction: Y.Transaction, doc: Y.Doc, root: Y.XmlFragment): boolean {
  for (const [client, after] of transaction.afterState) {
    const before = transaction.beforeState.get(client) ?? 0;
    if (after <= before) {
      continue;
    }
    const structs = doc.store.clients.get(client) ?? [];
    for (let i = structs.length - 1; i >= 0; i--) {
      const struct = structs[i];
      if (!struct || struct.id.clock + struct.length <= before) {
        break;
      }
      if (struct instanceof Y.Item && !fits(struct, root)) {
        return false;
      }
    }
  }
  return true;
}

/**
 * Checks incoming updates against the shape of a Tiptap document before they are stored or
 * passed on: `Y.decodeUpdate` only proves the bytes parse, while a well-formed update of the wrong
 * shape would break the document for everyone, for good. The check needs the structure the
 * update lands in, so the guard keeps a Y.Doc, built from the room's bytes when the first edit
 * arrives and dropped again when edits stop (reading and idle rooms never pay for it).
 */
export class ShapeGuard {
  private doc: Y.Doc | null = null;

  constructor(private readonly currentState: () => readonly Uint8Array[]) {}

  /** Is a shadow document held (memory in use)? */
  get active(): boolean {
    return this.doc !== null;
  }

  /** Applies the update to the shadow document; false (and nothing kept) when it does not fit. */
  accept(update: Uint8Array): boolean {
    const { doc, root } = this.ensure();
    let ok = true;
    const check = (transaction: Y.Transaction) => {
      ok = ok && transactionFits(transaction, doc, root);
    };
    doc.on("afterTransaction", check);
    try {
      Y.applyUpdate(doc, update);
    } catch {
      ok = false;
    } finally {
      doc.off("afterTransaction", check);
    }
    if (!ok) {
      // the shadow now holds what was refused: rebuild it from the room's bytes next time
      this.drop();
    }
    return ok;
  }

  /** An update accepted elsewhere (another process): keeps the shadow in step. */
  follow(update: Uint8Array): void {
    if (!this.doc) {
      return;
    }
    try {
      Y.applyUpdate(this.doc, update);
    } catch {
      this.drop();
    }
  }

  /** Frees the shadow document. */
  drop(): void {
    this.doc?.destroy();
    this.doc = null;
  }

  private ensure(): { doc: Y.Doc; root: Y.XmlFragment } {
    if (!this.doc) {
      const doc = new Y.Doc();
      doc.getXmlFragment(DOCUMENT_FRAGMENT);
      for (const part of this.currentState()) {
        Y.applyUpdate(doc, part);
      }
      this.doc = doc;
    }
    return { doc: this.doc, root: this.doc.getXmlFragment(DOCUMENT_FRAGMENT) };
  }
}
