import { randomUUID } from "node:crypto";
import { authorizeComment, authorizeDocument } from "@ensemble/access/authorize";
import { loadDocumentSubject } from "@ensemble/access/load";
import { can, type DocumentSubject } from "@ensemble/access/policy";
import type {
  CommentThread,
  CreateCommentInput,
  CreateThreadInput,
  UpdateCommentInput,
} from "@ensemble/contracts/documents";
import { AppError } from "@ensemble/contracts/errors";
import type { Db } from "@ensemble/db/db";
import { appendEvent } from "@ensemble/events/log";
import type { z } from "zod";
import type { AppDeps } from "../../deps.ts";
import type { Caller } from "../../lib/caller.ts";
import { mentionMail } from "./document-comments.mails.ts";
import { presentThread } from "./document-comments.presenter.ts";
import * as repo from "./document-comments.repo.ts";

type ThreadInput = z.output<typeof CreateThreadInput>;
type CommentInput = z.output<typeof CreateCommentInput>;
type CommentUpdate = z.output<typeof UpdateCommentInput>;

/** Who wrote a comment, as a mention mail names them. */
export interface MentionAuthor {
  id: string;
  displayName: string;
}

/** People mentioned in a comment who should hear of it, and where. */
export interface Mention {
  documentId: string;
  threadId: string;
  /** The comment's text (quoted in the mail). */
  body: string;
  people: readonly string[];
}

/**
 * Tells everyone who reads the document that its comments changed (their open panels refetch).
 * Call last inside the transaction that made the change, and `deps.events.notify()` after it.
 */
async function publishChanged(tx: Db, caller: Caller, document: DocumentSubject): Promise<void> {
  await appendEvent(tx, {
    type: "document.comments.changed",
    actorId: caller.user.id,
    projectId: document.project.id,
    data: { projectId: document.project.id, documentId: document.id },
  });
}

/** Present threads with their comments and the names of the people mentioned. */
async function present(
  db: Db,
  caller: Caller,
  document: DocumentSubject,
  threads: readonly repo.ThreadRow[],
  threadId?: string,
): Promise<CommentThread[]> {
  const comments = await repo.listComments(db, document.id, threadId);
  const names = await repo.namesOf(db, [...new Set(comments.flatMap((c) => c.mentions))]);
  return threads.map((t) => presentThread(t, comments, names, caller.actor, document));
}

async function presentOne(
  deps: AppDeps,
  caller: Caller,
  document: DocumentSubject,
  id: string,
): Promise<CommentThread> {
  const row = await repo.findThread(deps.db, document.id, id);
  if (!row) {
    throw new AppError("not_found", "There is no such comment thread.");
  }
  const [thread] = await present(deps.db, caller, document, [row], id);
  return thread as CommentThread;
}

/**
 * The mentioned people, once each; every one must be a member of the document's project (the
 * people the @ suggestions offer), else 422 `not_a_member`.
 */
async function checkMentions(
  tx: Db,
  projectId: string,
  mentions: readonly string[] | undefined,
): Promise<string[]> {
  const ids = [...new Set(mentions ?? [])];
  const members = await repo.projectMembersAmong(tx, projectId, ids);
  if (ids.some((id) => !members.has(id))) {
    throw new AppError("validation_failed", "Only members of the project can be mentioned.", {
      fields: { mentions: "not_a_member" },
    });
  }
  return ids;
}

function authorOf(caller: Caller): MentionAuthor {
  return { id: caller.user.id, displayName: caller.user.display_name };
}

/**
 * Mails each mentioned person (once, never the author, only who can still read the document)
 * in their own language, within the author's hourly budget. Runs after the commit and never
 * throws: the comment is saved whatever happens to its mails, and failures are logged.
 */
export async function mailMentions(deps: AppDeps, author: MentionAuthor, mention: Mention): Promise<void> {
  const people = [...new Set(mention.people)].filter((id) => id !== author.id);
  if (people.length === 0) {
    return;
  }
  const where = { author: author.id, document: mention.documentId, thread: mention.threadId };
  try {
    const heading = await repo.documentHeading(deps.db, mention.documentId);
    if (!heading) {
      return;
    }
    const base = deps.config.publicUrl.replace(/\/$/, "");
    const link = `${base}/projects/${heading.project_id}/documents/${mention.documentId}?thread=${mention.threadId}`;
    for (const person of await repo.mailRecipients(deps.db, people)) {
      // access may have ended since the mention was checked: the mail would lead nowhere
      const actor = { userId: person.id };
      const document = await loadDocumentSubject(deps.db, actor, mention.documentId);
      if (!document || !can(actor, "read", document)) {
        continue;
      }
      if (!(await deps.limits.mentionMail(author.id))) {
        deps.logger.warn(where, "mention mail budget spent: the comment is saved, no more mention mails");
        return;
      }
      try {
        await deps.mailer.send(
          mentionMail({
            to: person.email,
            name: person.display_name,
            locale: person.locale,
            author: author.displayName,
            documentTitle: heading.title,
            body: mention.body,
            link,
          }),
        );
      } catch (err) {
        deps.logger.error({ err, ...where, recipient: person.id }, "mention mail could not be sent");
      }
    }
  } catch (err) {
    deps.logger.error({ err, ...where }, "mention mails could not be prepared");
  }
}

/** A document's comment threads, oldest first, each with its comments (everyone who reads it). */
export async function listThreads(
  deps: AppDeps,
  caller: Caller,
  documentId: string,
): Promise<CommentThread[]> {
  const document = await authorizeDocument(deps.db, caller.actor, "read", documentId);
  return present(deps.db, caller, document, await repo.listThreads(deps.db, documentId));
}

/**
 * Opens a thread on a text range with its first comment. The client chose the id (it is also the
 * `threadId` of the comment mark it puts on the range); an id already taken is a conflict.
 */
export async function createThread(
  deps: AppDeps,
  caller: Caller,
  documentId: string,
  input: ThreadInput,
): Promise<CommentThread> {
  const { document, mentions } = await deps.db.transaction().execute(async (tx) => {
    const document = await authorizeDocument(tx, caller.actor, "comment", documentId);
    const mentions = await checkMentions(tx, document.project.id, input.mentions);
    const now = deps.now();
    const inserted = await repo.insertThread(tx, {
      id: input.id,
      document_id: documentId,
      quote: input.quote,
      created_by: caller.user.id,
      created_at: now,
    });
    if (!inserted) {
      throw new AppError("conflict", "There is already a comment thread with this id.");
    }
    await repo.insertComment(tx, {
      id: randomUUID(),
      thread_id: input.id,
      document_id: documentId,
      author_id: caller.user.id,
      body: input.body,
      mentions,
      created_at: now,
    });
    await publishChanged(tx, caller, document);
    return { document, mentions };
  });
  deps.events.notify();
  await mailMentions(deps, authorOf(caller), {
    documentId,
    threadId: input.id,
    body: input.body,
    people: mentions,
  });
  return presentOne(deps, caller, document, input.id);
}

/** Replies in a thread; a reply to a resolved thread opens it again (as in Google Docs). */
export async function addComment(
  deps: AppDeps,
  caller: Caller,
  documentId: string,
  threadId: string,
  input: CommentInput,
): Promise<CommentThread> {
  const { document, mentions } = await deps.db.transaction().execute(async (tx) => {
    const document = await authorizeDocument(tx, caller.actor, "comment", documentId);
    if (!(await repo.lockThread(tx, documentId, threadId))) {
      throw new AppError("not_found", "There is no such comment thread.");
    }
    const mentions = await checkMentions(tx, document.project.id, input.mentions);
    await repo.insertComment(tx, {
      id: randomUUID(),
      thread_id: threadId,
      document_id: documentId,
      author_id: caller.user.id,
      body: input.body,
      mentions,
      created_at: deps.now(),
    });
    await repo.setResolved(tx, threadId, null);
    await publishChanged(tx, caller, document);
    return { document, mentions };
  });
  deps.events.notify();
  await mailMentions(deps, authorOf(caller), { documentId, threadId, body: input.body, people: mentions });
  return presentOne(deps, caller, document, threadId);
}

/**
 * Changes the text (and mentions) of one's own comment and stamps it edited; nothing changes
 * when both stay the same. Without `mentions` the people mentioned stay. Only people mentioned
 * anew must be project members (someone mentioned before may stay even after leaving) and only
 * they get a mail: nobody hears twice about the same comment.
 */
export async function updateComment(
  deps: AppDeps,
  caller: Caller,
  ref: { documentId: string; threadId: string; commentId: string },
  input: CommentUpdate,
): Promise<CommentThread> {
  const { document, added, same } = await deps.db.transaction().execute(async (tx) => {
    const { document } = await authorizeComment(tx, caller.actor, "edit", ref);
    if (!(await repo.lockThread(tx, ref.documentId, ref.threadId))) {
      throw new AppError("not_found", "There is no such comment.");
    }
    const current = await repo.lockComment(tx, ref.threadId, ref.commentId);
    if (!current) {
      throw new AppError("not_found", "There is no such comment.");
    }
    const mentions = input.mentions ? [...new Set(input.mentions)] : current.mentions;
    const before = new Set(current.mentions);
    const added = await checkMentions(
      tx,
      document.project.id,
      mentions.filter((id) => !before.has(id)),
    );
    const same =
      input.body === current.body &&
      mentions.length === current.mentions.length &&
      mentions.every((id) => before.has(id));
    if (!same) {
      await repo.updateComment(tx, ref.commentId, { body: input.body, mentions, edited_at: deps.now() });
      await publishChanged(tx, caller, document);
    }
    return { document, added, same };
  });
  if (!same) {
    deps.events.notify();
  }
  await mailMentions(deps, authorOf(caller), {
    documentId: ref.documentId,
    threadId: ref.threadId,
    body: input.body,
    people: added,
  });
  return presentOne(deps, caller, document, ref.threadId);
}

/**
 * Deletes a comment: its author, or a project lead or admin of the owning organisation as
 * moderator. The first comment carries the thread (its question, its quote), so deleting it
 * deletes the whole thread and answers null; the comment mark left in the text then points
 * nowhere and the editor drops its highlight.
 */
export async function deleteComment(
  deps: AppDeps,
  caller: Caller,
  ref: { documentId: string; threadId: string; commentId: string },
): Promise<CommentThread | null> {
  const document = await deps.db.transaction().execute(async (tx) => {
    const { document } = await authorizeComment(tx, caller.actor, "delete", ref);
    if (!(await repo.lockThread(tx, ref.documentId, ref.threadId))) {
      throw new AppError("not_found", "There is no such comment.");
    }
    if (!(await repo.lockComment(tx, ref.threadId, ref.commentId))) {
      throw new AppError("not_found", "There is no such comment.");
    }
    if ((await repo.firstCommentId(tx, ref.threadId)) === ref.commentId) {
      await repo.deleteThread(tx, ref.threadId);
      await publishChanged(tx, caller, document);
      return null;
    }
    await repo.deleteComment(tx, ref.commentId);
    await publishChanged(tx, caller, document);
    return document;
  });
  deps.events.notify();
  return document ? presentOne(deps, caller, document, ref.threadId) : null;
}

/**
 * Resolves or reopens a thread (everyone who may comment, as in Google Docs). Resolving a
 * resolved thread keeps who resolved it first.
 */
export async function setResolved(
  deps: AppDeps,
  caller: Caller,
  documentId: string,
  threadId: string,
  resolved: boolean,
): Promise<CommentThread> {
  const { document, changed } = await deps.db.transaction().execute(async (tx) => {
    const document = await authorizeDocument(tx, caller.actor, "comment", documentId);
    if (!(await repo.lockThread(tx, documentId, threadId))) {
      throw new AppError("not_found", "There is no such comment thread.");
    }
    const current = await repo.findThread(tx, documentId, threadId);
    if (resolved === Boolean(current?.resolved_at)) {
      return { document, changed: false };
    }
    await repo.setResolved(tx, threadId, resolved ? { at: deps.now(), by: caller.user.id } : null);
    await publishChanged(tx, caller, document);
    return { document, changed: true };
  });
  if (changed) {
    deps.events.notify();
  }
  return presentOne(deps, caller, document, threadId);
}
