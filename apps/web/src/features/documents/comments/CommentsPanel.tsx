import type { CommentThread, Document, PersonRef } from "@ensemble/contracts/documents";
import type { Editor } from "@tiptap/core";
import { useEditorState } from "@tiptap/react";
import { BubbleMenu } from "@tiptap/react/menus";
import { useCallback, useEffect, useId, useMemo, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { Button } from "../../../components/Button.tsx";
import { LoadFailed, Loading } from "../../../components/PageStatus.tsx";
import { LiveText } from "../../../components/StatusMessage.tsx";
import { useFocusAfterRender } from "../../../lib/useFocusAfterRender.ts";
import { useProjectMembers } from "../../projects/projects.queries.ts";
import { CommentForm } from "./CommentForm.tsx";
import { CommentThreadItem } from "./CommentThreadItem.tsx";
import {
  anchorRange,
  type CommentHandlers,
  commentPlugin,
  commentPluginKey,
  type RangeAnchor,
  setCommentView,
  threadRanges,
} from "./commentMarks.ts";
import { useCreateThread, useRefreshThreads, useThreads } from "./comments.queries.ts";
import { clip, newThreadId } from "./ids.ts";
import "./comments.css";

type Filter = "open" | "resolved" | "all";

/** What is being written: a new thread on the text that was selected. */
interface Draft {
  anchor: RangeAnchor;
  quote: string;
  key: number;
}

const QUOTE_MAX = 1000;
/** At most this often the threads are fetched again because of a mark we did not know. */
const UNKNOWN_MARK_REFRESH_MS = 5_000;

function isMac(): boolean {
  return typeof navigator !== "undefined" && /Mac|iPhone|iPad/.test(navigator.platform);
}

/** The same ids in the same order? */
function sameIds(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((id, i) => id === b[i]);
}

/**
 * The threads whose marks are in the editor's document, in the order of their text, kept current
 * while anyone edits (and only changed when that order or the set changes, not at every keystroke).
 */
function useThreadOrder(editor: Editor | null): readonly string[] {
  const [order, setOrder] = useState<readonly string[]>([]);
  useEffect(() => {
    if (!editor) {
      setOrder([]);
      return;
    }
    const update = () => {
      if (editor.isDestroyed) {
        return;
      }
      const next = [...threadRanges(editor.state.doc).entries()]
        .sort(([, a], [, b]) => a.from - b.from)
        .map(([id]) => id);
      setOrder((previous) => (sameIds(previous, next) ? previous : next));
    };
    update();
    editor.on("update", update);
    editor.on("create", update);
    return () => {
      editor.off("update", update);
      editor.off("create", update);
    };
  }, [editor]);
  return order;
}

/** The threads in the order of their text; those whose text is gone at the end, oldest first. */
function ordered(threads: readonly CommentThread[], order: readonly string[]): CommentThread[] {
  const position = new Map(order.map((id, index) => [id, index]));
  return [...threads].sort((a, b) => {
    const pa = position.get(a.id);
    const pb = position.get(b.id);
    if (pa !== undefined && pb !== undefined) {
      return pa - pb;
    }
    if (pa !== undefined || pb !== undefined) {
      return pa !== undefined ? -1 : 1;
    }
    return a.createdAt.localeCompare(b.createdAt);
  });
}

/**
 * The comments of a document beside its editor: threads on text ranges (open, resolved or all),
 * a new thread from the selected text (the button here, a bubble by the selection, or
 * Ctrl/Cmd+Alt+M in the editor), replies with @mentions, resolve and reopen. Clicking commented
 * text picks its thread here; "Show in text" selects a thread's text in the editor.
 */
export function CommentsPanel({ editor, document }: { editor: Editor | null; document: Document }) {
  const { t } = useTranslation();
  const headingId = useId();
  const filterName = useId();
  const headingRef = useRef<HTMLHeadingElement>(null);
  const focusHeading = useFocusAfterRender(headingRef);
  const newThreadHeading = useRef<HTMLHeadingElement>(null);
  const focusNewThread = useFocusAfterRender(newThreadHeading);
  const listRef = useRef<HTMLUListElement>(null);
  const threads = useThreads(document.id);
  const create = useCreateThread(document.id);
  const refresh = useRefreshThreads(document.id);
  const members = useProjectMembers(document.project.id);
  const order = useThreadOrder(editor);
  const attached = useMemo(() => new Set(order), [order]);
  const [filter, setFilter] = useState<Filter>("open");
  const [active, setActive] = useState<string | null>(null);
  const [draft, setDraftState] = useState<Draft | null>(null);
  const draftRef = useRef<Draft | null>(null);
  const [said, setSaid] = useState<{ text: string; key: number } | null>(null);
  const [freshThreadId, setFreshThreadId] = useState<string | null>(null);
  const lastUnknownRefresh = useRef(0);

  const canComment = document.abilities.comment;
  // Starting a thread puts a mark into the text, which is an edit: viewers' edits are refused.
  // (and not while the editor is read-only for another reason: trashed, connection ended, refused)
  const editable = useEditorState({ editor, selector: ({ editor: e }) => e?.isEditable ?? false }) ?? false;
  const canStart = canComment && document.abilities.edit && editor !== null && editable;

  const announce = useCallback((text: string) => setSaid({ text, key: Date.now() }), []);

  // A draft's anchor follows the text until the draft is replaced, saved or dropped.
  const setDraft = useCallback((next: Draft | null) => {
    draftRef.current?.anchor.release();
    draftRef.current = next;
    setDraftState(next);
  }, []);
  useEffect(() => () => draftRef.current?.anchor.release(), []);

  const people: PersonRef[] = useMemo(
    () =>
      (members.data ?? []).filter((m) => !m.isMe).map((m) => ({ id: m.userId, displayName: m.displayName })),
    [members.data],
  );

  const all = threads.data ?? [];
  const openIds = useMemo(
    () => new Set((threads.data ?? []).filter((th) => th.resolvedAt === null).map((th) => th.id)),
    [threads.data],
  );

  // Starts a new thread from the editor's selection; false when nothing (usable) is selected.
  const startDraft = useCallback((): boolean => {
    if (!editor || editor.isDestroyed || !canStart) {
      return false;
    }
    const { from, to, empty } = editor.state.selection;
    const quote = empty ? "" : editor.state.doc.textBetween(from, to, " ", " ").replace(/\s+/g, " ").trim();
    if (quote === "") {
      announce(t("documentComments.noSelection"));
      return false;
    }
    setDraft({ anchor: anchorRange(editor, { from, to }), quote: clip(quote, QUOTE_MAX), key: Date.now() });
    setFilter((f) => (f === "resolved" ? "open" : f));
    return true;
  }, [editor, canStart, announce, setDraft, t]);

  // The plugin calls into the latest functions through this ref.
  const handlers = useRef<CommentHandlers>({ onActivate: () => {}, onShortcut: () => false });
  handlers.current = {
    onActivate: (ids) => {
      // only highlighted (open) threads answer a click: resolved text looks like any other text
      const shown = ids.find((id) => openIds.has(id));
      if (!shown) {
        // a click elsewhere in the text lets go of the picked thread
        setActive(null);
        return;
      }
      if (filter === "resolved") {
        setFilter("open");
      }
      setActive(shown);
      requestAnimationFrame(() => {
        listRef.current
          ?.querySelector(`[data-thread-id="${CSS.escape(shown)}"]`)
          ?.scrollIntoView({ block: "nearest", behavior: "smooth" });
      });
    },
    onShortcut: () => {
      if (!editor || editor.state.selection.empty) {
        // nothing selected: leave the keys alone (Ctrl+Alt+M types "µ" on some keyboards)
        return false;
      }
      return startDraft();
    },
  };

  useEffect(() => {
    if (!editor || editor.isDestroyed) {
      return;
    }
    editor.registerPlugin(commentPlugin(handlers));
    return () => {
      if (!editor.isDestroyed) {
        editor.unregisterPlugin(commentPluginKey);
      }
    };
  }, [editor]);

  useEffect(() => {
    if (editor && !editor.isDestroyed) {
      setCommentView(editor, { open: openIds, active });
    }
  }, [editor, openIds, active]);

  // A mark of a thread we do not know: someone else just started it, so fetch the threads again.
  useEffect(() => {
    if (!threads.data || threads.isFetching) {
      return;
    }
    const known = new Set(threads.data.map((th) => th.id));
    const unknown = order.some((id) => !known.has(id));
    const now = Date.now();
    if (unknown && now - lastUnknownRefresh.current > UNKNOWN_MARK_REFRESH_MS) {
      lastUnknownRefresh.current = now;
      void refresh();
    }
  }, [order, threads.data, threads.isFetching, refresh]);

  async function saveDraft(current: Draft, input: { body: string; mentions: string[] }) {
    const id = newThreadId();
    await create.mutateAsync({ id, quote: current.quote, body: input.body, mentions: input.mentions });
    const range = editor && !editor.isDestroyed ? current.anchor.resolve(editor) : null;
    if (editor && range) {
      // the thread exists now: mark its text (the selection ends on it, which shows what was commented)
      editor.chain().setTextSelection(range).setComment(id).run();
    }
    setDraft(null);
    setActive(id);
    setFreshThreadId(id);
    announce(range ? t("documentComments.composer.created") : t("documentComments.composer.textGone"));
    focusNewThread();
  }

  function cancelDraft() {
    setDraft(null);
    editor?.commands.focus();
  }

  function showInText(thread: CommentThread) {
    const range = editor && !editor.isDestroyed ? threadRanges(editor.state.doc).get(thread.id) : undefined;
    setActive(thread.id);
    if (!editor || !range) {
      return;
    }
    editor.chain().focus().setTextSelection(range).scrollIntoView().run();
  }

  const open = all.filter((th) => th.resolvedAt === null);
  const resolved = all.filter((th) => th.resolvedAt !== null);
  const shown = ordered(filter === "open" ? open : filter === "resolved" ? resolved : all, order);
  const counts: Record<Filter, number> = { open: open.length, resolved: resolved.length, all: all.length };
  const shortcut = isMac() ? t("documentComments.shortcutMac") : t("documentComments.shortcut");

  return (
    <section className="comments-panel" aria-labelledby={headingId}>
      <div className="comments-panel__header">
        <h2 id={headingId} ref={headingRef} tabIndex={-1}>
          {t("documentComments.heading")}
        </h2>
        {canStart ? (
          <Button
            variant="secondary"
            className="button--small"
            aria-keyshortcuts={isMac() ? "Meta+Alt+M" : "Control+Alt+M"}
            onClick={() => startDraft()}
          >
            {t("documentComments.add")}
          </Button>
        ) : null}
      </div>
      {canStart ? (
        <p className="comments-panel__hint">{t("documentComments.addHint", { shortcut })}</p>
      ) : null}
      {canComment && !document.abilities.edit ? (
        <p className="comments-panel__hint">{t("documentComments.readOnlyHint")}</p>
      ) : null}
      <LiveText text={said?.text} announceKey={String(said?.key ?? "")} className="comments-panel__status" />

      {draft ? (
        <section className="comment-draft" aria-label={t("documentComments.composer.heading")}>
          <h3>{t("documentComments.composer.heading")}</h3>
          <p className="comment-draft__quote">
            <span className="comment-draft__quote-label">{t("documentComments.composer.quote")}</span>{" "}
            <q>{clip(draft.quote, 200)}</q>
          </p>
          <CommentForm
            key={draft.key}
            label={t("documentComments.composer.body")}
            submitLabel={t("documentComments.composer.submit")}
            hint={t("documentComments.composer.hint")}
            people={people}
            autoFocus
            onSubmit={(input) => saveDraft(draft, input)}
            onCancel={cancelDraft}
          />
        </section>
      ) : null}

      {threads.isPending ? <Loading /> : null}
      {threads.isError && !threads.data ? (
        <LoadFailed
          message={t("documentComments.loadFailed")}
          error={threads.error}
          onRetry={() => void threads.refetch()}
        />
      ) : null}
      {threads.data ? (
        <>
          <fieldset className="comments-filter">
            <legend className="visually-hidden">{t("documentComments.filter.legend")}</legend>
            {(["open", "resolved", "all"] as const).map((value) => (
              <label key={value} className="comments-filter__choice">
                <input
                  type="radio"
                  name={filterName}
                  value={value}
                  checked={filter === value}
                  onChange={() => setFilter(value)}
                />
                <span>{t(`documentComments.filter.${value}`, { count: counts[value] })}</span>
              </label>
            ))}
          </fieldset>
          {shown.length === 0 ? (
            <p className="comments-panel__empty">{t(`documentComments.empty.${filter}`)}</p>
          ) : (
            <ul className="comment-threads" ref={listRef}>
              {shown.map((thread) => (
                <li key={thread.id}>
                  <CommentThreadItem
                    documentId={document.id}
                    thread={thread}
                    attached={attached.has(thread.id)}
                    active={active === thread.id}
                    canComment={canComment}
                    people={people}
                    headingRef={thread.id === freshThreadId ? newThreadHeading : undefined}
                    onShowInText={() => showInText(thread)}
                    announce={announce}
                    onDeleted={() => {
                      // the text is no longer commented: take the mark away (when I may edit)
                      if (editor && canStart) {
                        editor.commands.unsetComment(thread.id);
                      }
                      if (active === thread.id) {
                        setActive(null);
                      }
                      focusHeading();
                    }}
                    onResolvedChange={(nowResolved) => {
                      // the thread leaves the list shown: focus goes to the panel's heading
                      if ((filter === "open" && nowResolved) || (filter === "resolved" && !nowResolved)) {
                        focusHeading();
                      }
                    }}
                  />
                </li>
              ))}
            </ul>
          )}
        </>
      ) : null}

      {editor && canStart ? (
        <BubbleMenu
          editor={editor}
          pluginKey="ensembleCommentBubble"
          className="comment-bubble"
          shouldShow={({ editor: ed, state }) => ed.isEditable && !state.selection.empty && ed.isFocused}
        >
          <button
            type="button"
            className="comment-bubble__button"
            // keeps the selection in the editor
            onMouseDown={(event) => event.preventDefault()}
            onClick={() => startDraft()}
          >
            {t("documentComments.add")}
          </button>
        </BubbleMenu>
      ) : null}
    </section>
  );
}
