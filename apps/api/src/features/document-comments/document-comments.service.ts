import { randomUUID } from "node:crypto";
import { authorizeDocument } from "@ensemble/access/authorize";
import type { CommentThread, CreateCommentInput, CreateThreadInput } from "@ensemble/contracts/documents";
import { AppError } from "@ensemble/contracts/errors";
import type { Db } from "@ensemble/db/db";
import type { z } from "zod";
import type { AppDeps } from "../../deps.ts";
import type { Caller } from "../../lib/caller.ts";
import { presentThread } from "./document-comments.presenter.ts";
import * as repo from "./document-comments.repo.ts";

type ThreadInput = z.output<typeof CreateThreadInput>;
type CommentInput = z.output<typeof CreateCommentInput>;

/** Present threads with their comments and the names of the people mentioned. */
async function present(
  db: Db,
  caller: Caller,
  documentId: string,
  threads: readonly repo.ThreadRow[],
  threadId?: string,
): Promise<CommentThread[]> {
  const comments = await repo.listComments(db, documentId, threadId);
  const names = await repo.namesOf(db, [...new Set(comments.flatMap((c) => c.mentions))]);
  return threads.map((t) => presentThread(t, comments, names, caller.user.id));
}

async function presentOne(
  deps: AppDeps,
  caller: Caller,
  documentId: string,
  id: string,
): Promise<CommentThread> {
  const row = await repo.findThread(deps.db, documentId, id);
  if (!row) {
    throw new AppError("not_found", "There is no such comment thread.");
  }
  const [thread] = await present(deps.db, caller, documentId, [row], id);
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

/** A document's comment threads, oldest first, each with its comments (everyone who reads it). */
export async function listThreads(
  deps: AppDeps,
  caller: Caller,
  documentId: string,
): Promise<CommentThread[]> {
  await authorizeDocument(deps.db, caller.actor, "read", documentId);
  return present(deps.db, caller, documentId, await repo.listThreads(deps.db, documentId));
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
  await deps.db.transaction().execute(async (tx) => {
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
  });
  return presentOne(deps, caller, documentId, input.id);
}

/** Replies in a thread; a reply to a resolved thread opens it again (as in Google Docs). */
export async function addComment(
  deps: AppDeps,
  caller: Caller,
  documentId: string,
  threadId: string,
  input: CommentInput,
): Promise<CommentThread> {
  await deps.db.transaction().execute(async (tx) => {
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
  });
  return presentOne(deps, caller, documentId, threadId);
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
  await deps.db.transaction().execute(async (tx) => {
    await authorizeDocument(tx, caller.actor, "comment", documentId);
    if (!(await repo.lockThread(tx, documentId, threadId))) {
      throw new AppError("not_found", "There is no such comment thread.");
    }
    const current = await repo.findThread(tx, documentId, threadId);
    if (resolved && current?.resolved_at) {
      return;
    }
    await repo.setResolved(tx, threadId, resolved ? { at: deps.now(), by: caller.user.id } : null);
  });
  return presentOne(deps, caller, documentId, threadId);
}
