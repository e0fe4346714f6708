import type { TaskComment, TaskDetail } from "@ensemble/contracts/boards";
import type { PersonRef } from "@ensemble/contracts/documents";
import { type ReactNode, useId, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { Button } from "../../components/Button.tsx";
import { ConfirmDialog } from "../../components/ConfirmDialog.tsx";
import { LoadFailed, Loading } from "../../components/PageStatus.tsx";
import { LiveText } from "../../components/StatusMessage.tsx";
import { currentLanguage } from "../../i18n/i18n.ts";
import { formatDateTime } from "../../lib/dates.ts";
import { useFocusAfterRender } from "../../lib/useFocusAfterRender.ts";
import { useMe } from "../auth/auth.queries.ts";
import { CommentForm } from "../documents/comments/CommentForm.tsx";
import { splitMentions } from "../documents/comments/mentions.ts";
import "../documents/comments/comments.css";
import {
  useAddTaskComment,
  useDeleteTaskComment,
  useTaskComments,
  useUpdateTaskComment,
} from "./boards.queries.ts";

/**
 * The task's comments (oldest first) with @mentions of project members, as in documents: write,
 * edit one's own, delete (author, or who may).
 */
export function TaskComments({
  task,
  members,
  canComment,
}: {
  task: TaskDetail;
  members: readonly PersonRef[];
  canComment: boolean;
}) {
  const { t } = useTranslation();
  const headingId = useId();
  const headingRef = useRef<HTMLHeadingElement>(null);
  const me = useMe().data;
  const comments = useTaskComments(task.id);
  const add = useAddTaskComment(task.id, task.boardId);
  const remove = useDeleteTaskComment(task.id, task.boardId);
  const [deleting, setDeleting] = useState<TaskComment | null>(null);
  const [said, setSaid] = useState<{ text: string; n: number } | null>(null);
  const [formKey, setFormKey] = useState(0);
  const say = (text: string) => setSaid((s) => ({ text, n: (s?.n ?? 0) + 1 }));
  const people = members.filter((p) => p.id !== me?.id);

  let list: ReactNode;
  if (comments.isPending) {
    list = <Loading />;
  } else if (comments.isError) {
    list = (
      <LoadFailed
        message={t("boards.comments.loadFailed")}
        error={comments.error}
        onRetry={() => void comments.refetch()}
      />
    );
  } else if (comments.data.length === 0) {
    list = <p className="muted">{t("boards.comments.none")}</p>;
  } else {
    list = (
      <ol className="comment-list task-comments">
        {comments.data.map((comment) => (
          <CommentItem
            key={comment.id}
            task={task}
            comment={comment}
            people={people}
            onSaved={() => say(t("boards.comments.saved"))}
            onDelete={() => {
              remove.reset();
              setDeleting(comment);
            }}
          />
        ))}
      </ol>
    );
  }

  return (
    <section className="task-section" aria-labelledby={headingId}>
      <h3 id={headingId} ref={headingRef} tabIndex={-1}>
        {t("boards.comments.heading")}
        {task.commentCount > 0 ? <span className="task-section__count"> ({task.commentCount})</span> : null}
      </h3>
      {list}
      <LiveText text={said?.text} announceKey={String(said?.n ?? 0)} className="visually-hidden" />
      {canComment ? (
        <CommentForm
          key={formKey}
          label={t("boards.comments.label")}
          submitLabel={t("boards.comments.send")}
          hint={t("boards.comments.hint")}
          people={people}
          onSubmit={async ({ body, mentions }) => {
            await add.mutateAsync({ body, mentions });
            // a fresh, empty form for the next comment
            setFormKey((k) => k + 1);
            say(t("boards.comments.sent"));
          }}
          onCancel={() => setFormKey((k) => k + 1)}
        />
      ) : null}
      <ConfirmDialog
        open={deleting !== null}
        title={t("boards.comments.deleteTitle")}
        confirmLabel={t("boards.comments.deleteConfirm")}
        busy={remove.isPending}
        error={remove.error}
        fallbackFocus={headingRef}
        onConfirm={() => {
          if (!deleting || remove.isPending) {
            return;
          }
          remove.mutate(deleting.id, {
            onSuccess: () => {
              setDeleting(null);
              say(t("boards.comments.deleted"));
            },
          });
        }}
        onCancel={() => setDeleting(null)}
      />
    </section>
  );
}

function CommentItem({
  task,
  comment,
  people,
  onSaved,
  onDelete,
}: {
  task: TaskDetail;
  comment: TaskComment;
  people: readonly PersonRef[];
  onSaved(): void;
  onDelete(): void;
}) {
  const { t } = useTranslation();
  const language = currentLanguage();
  const update = useUpdateTaskComment(task.id, task.boardId);
  const [editing, setEditing] = useState(false);
  const editRef = useRef<HTMLButtonElement>(null);
  const focusEdit = useFocusAfterRender(editRef);
  const name = comment.author?.displayName ?? t("boards.comments.formerAccount");
  const date = formatDateTime(comment.createdAt, language);

  function stopEditing() {
    setEditing(false);
    focusEdit();
  }

  return (
    <li className="comment">
      <p className="comment__meta">
        <span className="comment__author">{name}</span>
        <time dateTime={comment.createdAt}>{date}</time>
        {comment.editedAt ? <span>({t("boards.comments.edited")})</span> : null}
      </p>
      {editing ? (
        <CommentForm
          label={t("boards.comments.editLabel")}
          submitLabel={t("boards.comments.save")}
          hint={t("boards.comments.hint")}
          people={people}
          autoFocus
          initialBody={comment.body}
          initialMentions={comment.mentions}
          onSubmit={async ({ body, mentions }) => {
            await update.mutateAsync({ commentId: comment.id, body, mentions });
            onSaved();
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
            <Button ref={editRef} variant="link" className="comment__action" onClick={() => setEditing(true)}>
              <span aria-hidden="true">{t("boards.comments.edit")}</span>
              <span className="visually-hidden">{t("boards.comments.editNamed", { name, date })}</span>
            </Button>
          ) : null}
          {comment.canDelete ? (
            <Button variant="link" className="comment__action" onClick={onDelete}>
              <span aria-hidden="true">{t("boards.comments.delete")}</span>
              <span className="visually-hidden">{t("boards.comments.deleteNamed", { name, date })}</span>
            </Button>
          ) : null}
        </p>
      ) : null}
    </li>
  );
}
