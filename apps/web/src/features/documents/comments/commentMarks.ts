import type { Editor } from "@tiptap/core";
import type { Node as PMNode } from "@tiptap/pm/model";
import { Plugin, PluginKey, type Transaction } from "@tiptap/pm/state";
import { Decoration, DecorationSet } from "@tiptap/pm/view";
import {
  absolutePositionToRelativePosition,
  relativePositionToAbsolutePosition,
  ySyncPluginKey,
} from "@tiptap/y-tiptap";
import type * as Y from "yjs";

/** The mark that ties a text range to a thread (from @ensemble/editor's documentExtensions). */
export const COMMENT_MARK = "comment";

/** A range of the document, as ProseMirror positions. */
export interface TextRange {
  from: number;
  to: number;
}

function threadIdOf(mark: { type: { name: string }; attrs: Record<string, unknown> }): string | null {
  if (mark.type.name !== COMMENT_MARK) {
    return null;
  }
  const id = mark.attrs.threadId;
  return typeof id === "string" && id !== "" ? id : null;
}

/**
 * Where each thread's marks are, from the first marked character to the last, in document order.
 * A thread whose text was deleted has no entry.
 */
export function threadRanges(doc: PMNode): Map<string, TextRange> {
  const ranges = new Map<string, TextRange>();
  doc.descendants((node, pos) => {
    if (!node.isText) {
      return true;
    }
    for (const mark of node.marks) {
      const id = threadIdOf(mark);
      if (!id) {
        continue;
      }
      const to = pos + node.nodeSize;
      const known = ranges.get(id);
      ranges.set(
        id,
        known ? { from: Math.min(known.from, pos), to: Math.max(known.to, to) } : { from: pos, to },
      );
    }
    return false;
  });
  return ranges;
}

/** The threads whose marks cover the character at `pos` (or end right before it). */
export function threadIdsAt(doc: PMNode, pos: number): string[] {
  const ids: string[] = [];
  const $pos = doc.resolve(Math.max(0, Math.min(pos, doc.content.size)));
  const around = [$pos.nodeAfter, $pos.nodeBefore];
  for (const node of around) {
    for (const mark of node?.marks ?? []) {
      const id = threadIdOf(mark);
      if (id && !ids.includes(id)) {
        ids.push(id);
      }
    }
  }
  return ids;
}

/**
 * How the comment highlights are shown: which threads are open (only they are highlighted; resolved
 * and unknown ones, e.g. deleted, are not), which one is picked.
 */
export interface CommentView {
  open: ReadonlySet<string>;
  active: string | null;
}

interface CommentPluginState extends CommentView {
  decorations: DecorationSet;
}

/** What the plugin calls back into (a ref, so the React side may change its functions freely). */
export interface CommentHandlers {
  /** A click in the text: the threads there (none when the text is not commented). */
  onActivate(threadIds: string[]): void;
  /** Ctrl/Cmd+Alt+M in the editor; returns whether it was handled. */
  onShortcut(): boolean;
}

export const commentPluginKey = new PluginKey<CommentPluginState>("ensembleCommentHighlights");

function decorate(doc: PMNode, view: CommentView): DecorationSet {
  const decorations: Decoration[] = [];
  doc.descendants((node, pos) => {
    if (!node.isText) {
      return true;
    }
    const ids = node.marks.map(threadIdOf).filter((id): id is string => id !== null);
    if (ids.length === 0) {
      return false;
    }
    const open = ids.filter((id) => view.open.has(id));
    const classes = [open.length > 0 ? "comment-range" : "comment-range comment-range--resolved"];
    if (view.active && ids.includes(view.active)) {
      classes.push("comment-range--active");
    }
    decorations.push(
      Decoration.inline(pos, pos + node.nodeSize, {
        // open threads' text is marked up as highlighted (<mark>), so it is not a colour only
        ...(open.length > 0 ? { nodeName: "mark" } : {}),
        class: classes.join(" "),
        "data-comment-threads": ids.join(" "),
      }),
    );
    return false;
  });
  return DecorationSet.create(doc, decorations);
}

/**
 * Highlights open threads' ranges (resolved or unknown ones are not, the picked one stronger),
 * reports clicks on commented text and handles the Ctrl/Cmd+Alt+M shortcut.
 */
export function commentPlugin(handlers: { current: CommentHandlers }): Plugin<CommentPluginState> {
  return new Plugin<CommentPluginState>({
    key: commentPluginKey,
    state: {
      init: (_, state) => {
        const view: CommentView = { open: new Set(), active: null };
        return { ...view, decorations: decorate(state.doc, view) };
      },
      apply: (tr, previous) => {
        const change = tr.getMeta(commentPluginKey) as CommentView | undefined;
        if (!change && !tr.docChanged) {
          return previous;
        }
        const view: CommentView = change ?? { open: previous.open, active: previous.active };
        return { ...view, decorations: decorate(tr.doc, view) };
      },
    },
    props: {
      decorations: (state) => commentPluginKey.getState(state)?.decorations ?? DecorationSet.empty,
      handleClick: (view, pos) => {
        handlers.current.onActivate(threadIdsAt(view.state.doc, pos));
        // the click still places the caret as usual
        return false;
      },
      handleKeyDown: (_view, event) => {
        if ((event.ctrlKey || event.metaKey) && event.altKey && !event.shiftKey && event.code === "KeyM") {
          if (handlers.current.onShortcut()) {
            event.preventDefault();
            return true;
          }
        }
        return false;
      },
    },
  });
}

/** Tells the plugin which threads are open and which is picked (redraws the highlights). */
export function setCommentView(editor: Editor, view: CommentView): void {
  if (editor.isDestroyed) {
    return;
  }
  const current = commentPluginKey.getState(editor.state);
  if (!current) {
    return;
  }
  const same =
    current.active === view.active &&
    current.open.size === view.open.size &&
    [...view.open].every((id) => current.open.has(id));
  if (!same) {
    editor.view.dispatch(editor.state.tr.setMeta(commentPluginKey, view).setMeta("addToHistory", false));
  }
}

interface SyncState {
  doc: Y.Doc;
  type: Y.XmlFragment;
  binding: { mapping: Parameters<typeof relativePositionToAbsolutePosition>[3] };
}

function syncState(editor: Editor): SyncState | null {
  const state: unknown = ySyncPluginKey.getState(editor.state);
  if (typeof state !== "object" || state === null || !("binding" in state) || !state.binding) {
    return null;
  }
  return state as SyncState;
}

/** A range that follows the text while others edit it (see anchorRange). */
export interface RangeAnchor {
  /** Where the range is now, or null when its text is gone. */
  resolve(editor: Editor): TextRange | null;
  /** Stops following the text (when the range is no longer needed). */
  release(): void;
}

/**
 * Remembers a range so it can be found again after edits, also collaborators': with Yjs the
 * positions are kept relative to the shared text (remote changes redraw the whole ProseMirror
 * document, so mapping plain positions would lose them); without Yjs they are mapped through
 * every change.
 */
export function anchorRange(editor: Editor, range: TextRange): RangeAnchor {
  const sync = syncState(editor);
  if (!sync) {
    let current: TextRange | null = range;
    const follow = ({ transaction }: { transaction: Transaction }) => {
      if (current && transaction.docChanged) {
        const from = transaction.mapping.map(current.from, 1);
        const to = transaction.mapping.map(current.to, -1);
        current = from < to ? { from, to } : null;
      }
    };
    editor.on("transaction", follow);
    return {
      resolve: () => current,
      release: () => {
        editor.off("transaction", follow);
      },
    };
  }
  const from: unknown = absolutePositionToRelativePosition(range.from, sync.type, sync.binding.mapping);
  const to: unknown = absolutePositionToRelativePosition(range.to, sync.type, sync.binding.mapping);
  return {
    resolve: (ed) => {
      const now = syncState(ed);
      if (!now) {
        return null;
      }
      const a = relativePositionToAbsolutePosition(now.doc, now.type, from, now.binding.mapping);
      const b = relativePositionToAbsolutePosition(now.doc, now.type, to, now.binding.mapping);
      if (a === null || b === null || a >= b) {
        return null;
      }
      return { from: a, to: b };
    },
    release: () => {},
  };
}
