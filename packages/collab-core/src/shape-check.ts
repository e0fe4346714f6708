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
 * A document's structure as a Y.Doc, to judge incoming updates against: built from the stored
 * bytes, then kept in step with every accepted update. Once it refused one, it holds that update
 * too and must not be used again (`spoiled`): the caller builds a new one from the room's bytes.
 */
export class ShadowDocument {
  private readonly doc = new Y.Doc();
  private readonly root: Y.XmlFragment;
  private spoiledBy: string | null = null;

  constructor(parts: readonly Uint8Array[]) {
    this.root = this.doc.getXmlFragment(DOCUMENT_FRAGMENT);
    for (const part of parts) {
      Y.applyUpdate(this.doc, part);
    }
  }

  /** Why this shadow may no longer be used, or null while it is sound. */
  get spoiled(): string | null {
    return this.spoiledBy;
  }

  /** Applies the update; false when it does not fit (the shadow is spoiled then). */
  accept(update: Uint8Array): boolean {
    let ok = true;
    const check = (transaction: Y.Transaction) => {
      ok = ok && transactionFits(transaction, this.doc, this.root);
    };
    this.doc.on("afterTransaction", check);
    try {
      Y.applyUpdate(this.doc, update);
    } catch {
      ok = false;
    } finally {
      this.doc.off("afterTransaction", check);
    }
    if (!ok) {
      this.spoiledBy = "refused an update";
    }
    return ok;
  }

  /** An update accepted elsewhere: applied unchecked. False (spoiled) when it cannot be read. */
  follow(update: Uint8Array): boolean {
    try {
      Y.applyUpdate(this.doc, update);
      return true;
    } catch {
      this.spoiledBy = "could not follow an update";
      return false;
    }
  }

  /** Frees the Y.Doc. */
  destroy(): void {
    this.doc.destroy();
  }
}
