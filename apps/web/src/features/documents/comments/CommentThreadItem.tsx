import type { CommentThread, DocumentComment, PersonRef } from "@ensemble/contracts/documents";
import { type RefObject, useId, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { ActionError } from "../../../components/ActionError.tsx";
import { Button } from "../../../components/Button.tsx";
import { currentLanguage } from "../../../i18n/i18n.ts";
import { formatDateTime } from "../../../lib/dates.ts";
import { CommentForm } from "./CommentForm.tsx";
import { useReply, useSetThreadResolved } from "./comments.queries.ts";
import { clip } from "./ids.ts";
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
}: CommentThreadItemProps) {
  const { t } = useTranslation();
  const language = currentLanguage();
  const headingId = useId();
  const replyButtonRef = useRef<HTMLButtonElement>(null);
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
      <h3 id={headingId} ref={headingRef} tabIndex={-1} className="comment-thread__quote">
        <span className="visually-hidden">{t("documentComments.thread.label", { quote })}</span>
        <span aria-hidden="true">{t("documentComments.thread.quote", { quote })}</span>
      </h3>
      {attached ? null : <p className="comment-thread__note">{t("documentComments.thread.detached")}</p>}
      <ol className="comment-list">
        {thread.comments.map((comment) => (
          <CommentItem key={comment.id} comment={comment} language={language} />
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
            // the form goes; focus returns to the button that opened it
            requestAnimationFrame(() => replyButtonRef.current?.focus());
          }}
          onCancel={() => {
            setReplying(false);
            requestAnimationFrame(() => replyButtonRef.current?.focus());
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
    </article>
  );
}

function CommentItem({ comment, language }: { comment: DocumentComment; language: string }) {
  const { t } = useTranslation();
  const author = comment.author?.displayName ?? t("documentComments.thread.formerMember");
  return (
    <li className="comment">
      <p className="comment__meta">
        <span className="comment__author">{author}</span>
        <time dateTime={comment.createdAt}>{formatDateTime(comment.createdAt, language)}</time>
        {comment.editedAt ? <span>({t("documentComments.thread.edited")})</span> : null}
      </p>
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
    </li>
  );
}
