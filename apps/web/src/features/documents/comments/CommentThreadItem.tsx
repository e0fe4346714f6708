import type { CommentThread, DocumentComment, PersonRef } from "@ensemble/contracts/documents";
import { type RefObject, useId, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { ActionError } from "../../../components/ActionError.tsx";
import { Button } from "../../../components/Button.tsx";
import { ConfirmDialog } from "../../../components/ConfirmDialog.tsx";
import { currentLanguage } from "../../../i18n/i18n.ts";
import { formatDateTime } from "../../../lib/dates.ts";
import { useFocusAfterRender } from "../../../lib/useFocusAfterRender.ts";
import { CommentForm } from "./CommentForm.tsx";
import { useDeleteComment, useReply, useSetThreadResolved, useUpdateComment } from "./comments.queries.ts";
import { clip, excerpt } from "./ids.ts";
import { splitMentions } from "./mentions.ts";

interface CommentThreadItemProps {
  documentId: string;
  thread: CommentThread;
  /** Whether its marked text is still in the document. */
  attached: boolean;
  /** Picked (clicked in the text, or shown from here). */
  active: boolean;
  canComment: boolean;
  people: readonly PersonRef[];
  /** The thread's heading, for moving focus to it (a new thread). */
  headingRef?: RefObject<HTMLHeadingElement | null> | undefined;
  onShowInText(): void;
  /** Says something in the panel's status region. */
  announce(message: string): void;
  /** After resolving or reopening: the thread may leave the list shown (and its button with it). */
  onResolvedChange(resolved: boolean): void;
  /** Its first comment was deleted, and the thread with it. */
  onDeleted(): void;
}

/** One thread: the quoted text, its comments, and reply, resolve or reopen. */
export function CommentThreadItem({
  documentId,
  thread,
  attached,
  active,
  canComment,
  people,
  headingRef,
  onShowInText,
  announce,
  onResolvedChange,
  onDeleted,
}: CommentThreadItemProps) {
  const { t } = useTranslation();
  const language = currentLanguage();
  const headingId = useId();
  const replyButtonRef = useRef<HTMLButtonElement>(null);
  // the form goes and the button comes back in the next render: focus it once it is there
  const focusReplyButton = useFocusAfterRender(replyButtonRef);
  const ownHeadingRef = useRef<HTMLHeadingElement>(null);
  const heading = headingRef ?? ownHeadingRef;
  const [deleting, setDeleting] = useState<DocumentComment | null>(null);
  const remove = useDeleteComment(documentId);
  const [replying, setReplying] = useState(false);
  const reply = useReply(documentId);
  const setResolved = useSetThreadResolved(documentId);
  const quote = clip(thread.quote, 80);
  const resolved = thread.resolvedAt !== null;

  function toggleResolved() {
    setResolved.mutate(
      { threadId: thread.id, resolved: !resolved },
      {
        onSuccess: () => {
          announce(resolved ? t("documentComments.thread.reopened") : t("documentComments.thread.resolved"));
          setReplying(false);
          onResolvedChange(!resolved);
        },
      },
    );
  }

  async function confirmDelete() {
    if (!deleting || remove.isPending) {
      return;
    }
    let left: CommentThread | null;
    try {
      // awaited rather than with mutate's callbacks: when the thread goes, this item goes with it
      ({ thread: left } = await remove.mutateAsync({ threadId: thread.id, commentId: deleting.id }));
    } catch {
      // shown in the dialog (remove.error), which stays open
      return;
    }
    setDeleting(null);
    if (left) {
      announce(t("documentComments.thread.deleted"));
    } else {
      announce(t("documentComments.thread.threadDeleted"));
      onDeleted();
    }
  }

  const classes = [
    "comment-thread",
    resolved ? "comment-thread--resolved" : null,
    active ? "comment-thread--active" : null,
  ]
    .filter(Boolean)
    .join(" ");
  return (
    <article
      className={classes}
      aria-labelledby={headingId}
      aria-current={active ? "true" : undefined}
      data-thread-id={thread.id}
    >
      <h3 id={headingId} ref={heading} tabIndex={-1} className="comment-thread__quote">
        <span className="visually-hidden">{t("documentComments.thread.label", { quote })}</span>
        <span aria-hidden="true">{t("documentComments.thread.quote", { quote })}</span>
      </h3>
      {attached ? null : <p className="comment-thread__note">{t("documentComments.thread.detached")}</p>}
      <ol className="comment-list">
        {thread.comments.map((comment) => (
          <CommentItem
            key={comment.id}
            documentId={documentId}
            threadId={thread.id}
            comment={comment}
            language={language}
            people={people}
            announce={announce}
            onDelete={() => {
              remove.reset();
              setDeleting(comment);
            }}
          />
        ))}
      </ol>
      {resolved && thread.resolvedAt ? (
        <p className="comment-thread__note">
          {thread.resolvedBy
            ? t("documentComments.thread.resolvedBy", {
                name: thread.resolvedBy.displayName,
                date: formatDateTime(thread.resolvedAt, language),
              })
            : t("documentComments.thread.resolvedAt", { date: formatDateTime(thread.resolvedAt, language) })}
        </p>
      ) : null}
      {replying ? (
        <CommentForm
          label={t("documentComments.thread.replyLabel")}
          submitLabel={t("documentComments.thread.send")}
          hint={t("documentComments.composer.hint")}
          people={people}
          autoFocus
          onSubmit={async ({ body, mentions }) => {
            await reply.mutateAsync({ threadId: thread.id, body, mentions });
            setReplying(false);
            announce(t("documentComments.thread.replied"));
            focusReplyButton();
          }}
          onCancel={() => {
            setReplying(false);
            focusReplyButton();
          }}
        />
      ) : null}
      <div className="comment-thread__actions">
        {attached ? (
          <Button variant="secondary" className="button--small" onClick={onShowInText}>
            <span aria-hidden="true">{t("documentComments.thread.showInText")}</span>
            <span className="visually-hidden">{t("documentComments.thread.showInTextNamed", { quote })}</span>
          </Button>
        ) : null}
        {canComment && !resolved && !replying ? (
          <Button
            ref={replyButtonRef}
            variant="secondary"
            className="button--small"
            onClick={() => setReplying(true)}
          >
            <span aria-hidden="true">{t("documentComments.thread.reply")}</span>
            <span className="visually-hidden">{t("documentComments.thread.replyNamed", { quote })}</span>
          </Button>
        ) : null}
        {canComment ? (
          <Button
            variant="secondary"
            className="button--small"
            busy={setResolved.isPending}
            onClick={toggleResolved}
          >
            <span aria-hidden="true">
              {resolved ? t("documentComments.thread.reopen") : t("documentComments.thread.resolve")}
            </span>
            <span className="visually-hidden">
              {resolved
                ? t("documentComments.thread.reopenNamed", { quote })
                : t("documentComments.thread.resolveNamed", { quote })}
            </span>
          </Button>
        ) : null}
      </div>
      <ActionError error={setResolved.error} prefix={t("documentComments.thread.actionFailed")} />
      <ConfirmDialog
        open={deleting !== null}
        title={
          deleting?.id === thread.comments[0]?.id
            ? t("documentComments.thread.deleteThreadTitle")
            : t("documentComments.thread.deleteTitle")
        }
        confirmLabel={t("documentComments.thread.deleteConfirm")}
        busy={remove.isPending}
        error={remove.error}
        fallbackFocus={heading}
        onConfirm={() => void confirmDelete()}
        onCancel={() => setDeleting(null)}
      >
        <p>
          {deleting?.id === thread.comments[0]?.id
            ? t("documentComments.thread.deleteThreadText", { quote })
            : t("documentComments.thread.deleteText")}
        </p>
      </ConfirmDialog>
    </article>
  );
}

function CommentItem({
  documentId,
  threadId,
  comment,
  language,
  people,
  announce,
  onDelete,
}: {
  documentId: string;
  threadId: string;
  comment: DocumentComment;
  language: string;
  people: readonly PersonRef[];
  announce(message: string): void;
  onDelete(): void;
}) {
  const { t } = useTranslation();
  const update = useUpdateComment(documentId);
  const [editing, setEditing] = useState(false);
  const editButtonRef = useRef<HTMLButtonElement>(null);
  const focusEditButton = useFocusAfterRender(editButtonRef);
  const author = comment.author?.displayName ?? t("documentComments.thread.formerMember");
  const date = formatDateTime(comment.createdAt, language);
  // the start of the text tells this comment's buttons from those of the author's other comments
  const named = { name: author, date, excerpt: excerpt(comment.body) };

  function stopEditing() {
    setEditing(false);
    focusEditButton();
  }

  return (
    <li className="comment">
      <p className="comment__meta">
        <span className="comment__author">{author}</span>
        <time dateTime={comment.createdAt}>{date}</time>
        {comment.editedAt ? <span>({t("documentComments.thread.edited")})</span> : null}
      </p>
      {editing ? (
        <CommentForm
          label={t("documentComments.thread.editLabel")}
          submitLabel={t("documentComments.thread.editSave")}
          hint={t("documentComments.composer.hint")}
          people={people}
          initialBody={comment.body}
          initialMentions={comment.mentions}
          autoFocus
          onSubmit={async ({ body, mentions }) => {
            await update.mutateAsync({ threadId, commentId: comment.id, body, mentions });
            announce(t("documentComments.thread.editDone"));
            stopEditing();
          }}
          onCancel={stopEditing}
        />
      ) : (
        <p className="comment__body">
          {splitMentions(comment.body, comment.mentions).map((part, index) =>
            part.kind === "mention" ? (
              // biome-ignore lint/suspicious/noArrayIndexKey: the parts of one body never move
              <strong key={index} className="comment__mention">
                {part.text}
              </strong>
            ) : (
              // biome-ignore lint/suspicious/noArrayIndexKey: the parts of one body never move
              <span key={index}>{part.text}</span>
            ),
          )}
        </p>
      )}
      {!editing && (comment.canEdit || comment.canDelete) ? (
        <p className="comment__actions">
          {comment.canEdit ? (
            <Button
              ref={editButtonRef}
              variant="link"
              className="comment__action"
              onClick={() => setEditing(true)}
            >
              <span aria-hidden="true">{t("documentComments.thread.edit")}</span>
              <span className="visually-hidden">{t("documentComments.thread.editNamed", named)}</span>
            </Button>
          ) : null}
          {comment.canDelete ? (
            <Button variant="link" className="comment__action" onClick={onDelete}>
              <span aria-hidden="true">{t("documentComments.thread.delete")}</span>
              <span className="visually-hidden">{t("documentComments.thread.deleteNamed", named)}</span>
            </Button>
          ) : null}
        </p>
      ) : null}
    </li>
  );
}
