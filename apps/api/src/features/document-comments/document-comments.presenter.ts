import { type Actor, type CommentSubject, can, type DocumentSubject } from "@ensemble/access/policy";
import type { CommentThread, DocumentComment } from "@ensemble/contracts/documents";
import { personRef } from "../documents/documents.presenter.ts";
import type { CommentRow, ThreadRow } from "./document-comments.repo.ts";

const iso = (d: Date) => new Date(d).toISOString();

/**
 * A comment, with the people it mentions (by their current names), whether it is mine and what I
 * may do with it (`document`: the caller's facts about the comment's document).
 */
export function presentComment(
  row: CommentRow,
  names: ReadonlyMap<string, string>,
  actor: Actor,
  document: DocumentSubject,
): DocumentComment {
  const mine = row.author_id !== null && row.author_id === actor.userId;
  const subject: CommentSubject = { kind: "comment", id: row.id, author: mine, document };
  return {
    id: row.id,
    author: personRef(row.author_id, row.author_name),
    body: row.body,
    mentions: row.mentions.flatMap((id) => {
      const name = names.get(id);
      return name === undefined ? [] : [{ id, displayName: name }];
    }),
    createdAt: iso(row.created_at),
    editedAt: row.edited_at ? iso(row.edited_at) : null,
    isMine: mine,
    canEdit: can(actor, "edit", subject),
    canDelete: can(actor, "delete", subject),
  };
}

/** A thread with its comments in order. */
export function presentThread(
  row: ThreadRow,
  comments: readonly CommentRow[],
  names: ReadonlyMap<string, string>,
  actor: Actor,
  document: DocumentSubject,
): CommentThread {
  return {
    id: row.id,
    quote: row.quote,
    createdAt: iso(row.created_at),
    createdBy: personRef(row.created_by, row.created_by_name),
    resolvedAt: row.resolved_at ? iso(row.resolved_at) : null,
    resolvedBy: personRef(row.resolved_by, row.resolved_by_name),
    comments: comments
      .filter((c) => c.thread_id === row.id)
      .map((c) => presentComment(c, names, actor, document)),
  };
}
