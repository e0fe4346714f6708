import { type Actor, can, type TaskCommentSubject, type TaskSubject } from "@ensemble/access/policy";
import type { TaskComment } from "@ensemble/contracts/boards";
import type { TaskCommentRow } from "./task-comments.repo.ts";

const iso = (d: Date) => new Date(d).toISOString();

/**
 * A task comment, with the people it mentions (by their current names) and what the caller may
 * do with it (`task`: the caller's facts about the comment's task).
 */
export function presentTaskComment(
  row: TaskCommentRow,
  names: ReadonlyMap<string, string>,
  actor: Actor,
  task: TaskSubject,
): TaskComment {
  const mine = row.author_id !== null && row.author_id === actor.userId;
  const subject: TaskCommentSubject = { kind: "task_comment", id: row.id, author: mine, task };
  return {
    id: row.id,
    author:
      row.author_id && row.author_name !== null ? { id: row.author_id, displayName: row.author_name } : null,
    body: row.body,
    mentions: row.mentions.flatMap((id) => {
      const name = names.get(id);
      return name === undefined ? [] : [{ id, displayName: name }];
    }),
    createdAt: iso(row.created_at),
    editedAt: row.edited_at ? iso(row.edited_at) : null,
    canEdit: can(actor, "edit", subject),
    canDelete: can(actor, "delete", subject),
  };
}
