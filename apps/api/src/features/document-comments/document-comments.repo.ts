import type { Db } from "@ensemble/db/db";

/** A thread with the names of who opened and resolved it. */
export interface ThreadRow {
  id: string;
  document_id: string;
  quote: string;
  created_by: string | null;
  created_by_name: string | null;
  created_at: Date;
  resolved_at: Date | null;
  resolved_by: string | null;
  resolved_by_name: string | null;
}

/** A comment with its author's name. */
export interface CommentRow {
  id: string;
  thread_id: string;
  author_id: string | null;
  author_name: string | null;
  body: string;
  mentions: string[];
  created_at: Date;
  edited_at: Date | null;
}

function threads(db: Db) {
  return db
    .selectFrom("document_threads as t")
    .leftJoin("users as c", "c.id", "t.created_by")
    .leftJoin("users as r", "r.id", "t.resolved_by")
    .select([
      "t.id",
      "t.document_id",
      "t.quote",
      "t.created_by",
      "c.display_name as created_by_name",
      "t.created_at",
      "t.resolved_at",
      "t.resolved_by",
      "r.display_name as resolved_by_name",
    ]);
}

/** A document's threads, oldest first. */
export function listThreads(db: Db, documentId: string): Promise<ThreadRow[]> {
  return threads(db)
    .where("t.document_id", "=", documentId)
    .orderBy("t.created_at")
    .orderBy("t.id")
    .execute();
}

/** One thread of a document (undefined: none, or of another document). */
export function findThread(db: Db, documentId: string, id: string): Promise<ThreadRow | undefined> {
  return threads(db).where("t.document_id", "=", documentId).where("t.id", "=", id).executeTakeFirst();
}

/** Locks a thread of a document for a change (undefined: none). */
export function lockThread(db: Db, documentId: string, id: string): Promise<{ id: string } | undefined> {
  return db
    .selectFrom("document_threads")
    .select("id")
    .where("document_id", "=", documentId)
    .where("id", "=", id)
    .forNoKeyUpdate()
    .executeTakeFirst();
}

/** The comments of a document's threads (all, or of one thread), oldest first. */
export function listComments(db: Db, documentId: string, threadId?: string): Promise<CommentRow[]> {
  let q = db
    .selectFrom("document_comments as c")
    .leftJoin("users as u", "u.id", "c.author_id")
    .select([
      "c.id",
      "c.thread_id",
      "c.author_id",
      "u.display_name as author_name",
      "c.body",
      "c.mentions",
      "c.created_at",
      "c.edited_at",
    ])
    .where("c.document_id", "=", documentId);
  if (threadId) {
    q = q.where("c.thread_id", "=", threadId);
  }
  return q.orderBy("c.created_at").orderBy("c.id").execute();
}

/** Display names of people (those whose account is gone are left out). */
export async function namesOf(db: Db, ids: readonly string[]): Promise<Map<string, string>> {
  if (ids.length === 0) {
    return new Map();
  }
  const rows = await db
    .selectFrom("users")
    .select(["id", "display_name"])
    .where("id", "in", [...ids])
    .execute();
  return new Map(rows.map((r) => [r.id, r.display_name]));
}

/** Which of these people are members of the project. */
export async function projectMembersAmong(
  db: Db,
  projectId: string,
  ids: readonly string[],
): Promise<Set<string>> {
  if (ids.length === 0) {
    return new Set();
  }
  const rows = await db
    .selectFrom("project_members")
    .select("user_id")
    .where("project_id", "=", projectId)
    .where("user_id", "in", [...ids])
    .execute();
  return new Set(rows.map((r) => r.user_id));
}

/** Inserts a thread unless its id is taken; answers whether it was inserted. */
export async function insertThread(
  db: Db,
  values: { id: string; document_id: string; quote: string; created_by: string; created_at: Date },
): Promise<boolean> {
  const row = await db
    .insertInto("document_threads")
    .values(values)
    .onConflict((oc) => oc.column("id").doNothing())
    .returning("id")
    .executeTakeFirst();
  return row !== undefined;
}

/** Inserts a comment. */
export async function insertComment(
  db: Db,
  values: {
    id: string;
    thread_id: string;
    document_id: string;
    author_id: string;
    body: string;
    mentions: string[];
    created_at: Date;
  },
): Promise<void> {
  await db.insertInto("document_comments").values(values).execute();
}

/** Marks a thread resolved (by whom, when) or open again (both null). */
export async function setResolved(
  db: Db,
  id: string,
  resolved: { at: Date; by: string } | null,
): Promise<void> {
  await db
    .updateTable("document_threads")
    .set({ resolved_at: resolved?.at ?? null, resolved_by: resolved?.by ?? null })
    .where("id", "=", id)
    .execute();
}

/** Locks a comment of a thread for a change (undefined: none there). */
export function lockComment(
  db: Db,
  threadId: string,
  id: string,
): Promise<{ id: string; body: string; mentions: string[] } | undefined> {
  return db
    .selectFrom("document_comments")
    .select(["id", "body", "mentions"])
    .where("thread_id", "=", threadId)
    .where("id", "=", id)
    .forUpdate()
    .executeTakeFirst();
}

/** The id of a thread's first comment, in the order the thread shows them. */
export async function firstCommentId(db: Db, threadId: string): Promise<string | undefined> {
  const row = await db
    .selectFrom("document_comments")
    .select("id")
    .where("thread_id", "=", threadId)
    .orderBy("created_at")
    .orderBy("id")
    .limit(1)
    .executeTakeFirst();
  return row?.id;
}

/** Changes a comment's text and mentions, stamping when. */
export async function updateComment(
  db: Db,
  id: string,
  values: { body: string; mentions: string[]; edited_at: Date },
): Promise<void> {
  await db.updateTable("document_comments").set(values).where("id", "=", id).execute();
}

/** Deletes one comment. */
export async function deleteComment(db: Db, id: string): Promise<void> {
  await db.deleteFrom("document_comments").where("id", "=", id).execute();
}

/** Deletes a thread with its comments (they cascade). */
export async function deleteThread(db: Db, id: string): Promise<void> {
  await db.deleteFrom("document_threads").where("id", "=", id).execute();
}

/** A document's title and project, for a mention mail (undefined: gone meanwhile). */
export function documentHeading(
  db: Db,
  id: string,
): Promise<{ title: string; project_id: string } | undefined> {
  return db.selectFrom("documents").select(["title", "project_id"]).where("id", "=", id).executeTakeFirst();
}

/** Where and how to mail these people (those whose account is gone are left out). */
export function mailRecipients(
  db: Db,
  ids: readonly string[],
): Promise<{ id: string; email: string; display_name: string; locale: string | null }[]> {
  if (ids.length === 0) {
    return Promise.resolve([]);
  }
  return db
    .selectFrom("users")
    .select(["id", "email", "display_name", "locale"])
    .where("id", "in", [...ids])
    .orderBy("id")
    .execute();
}
