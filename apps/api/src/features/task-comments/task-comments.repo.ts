import type { Db } from "@ensemble/db/db";

/** A comment with its author's name. */
export interface TaskCommentRow {
  id: string;
  task_id: string;
  author_id: string | null;
  author_name: string | null;
  body: string;
  mentions: string[];
  created_at: Date;
  edited_at: Date | null;
}

function comments(db: Db) {
  return db
    .selectFrom("task_comments as c")
    .leftJoin("users as u", "u.id", "c.author_id")
    .select([
      "c.id",
      "c.task_id",
      "c.author_id",
      "u.display_name as author_name",
      "c.body",
      "c.mentions",
      "c.created_at",
      "c.edited_at",
    ]);
}

/** A task's comments, oldest first. */
export function listComments(db: Db, taskId: string): Promise<TaskCommentRow[]> {
  return comments(db).where("c.task_id", "=", taskId).orderBy("c.created_at").orderBy("c.id").execute();
}

/** One comment (undefined: none). */
export function findComment(db: Db, id: string): Promise<TaskCommentRow | undefined> {
  return comments(db).where("c.id", "=", id).executeTakeFirst();
}

/** Locks a comment for a change (undefined: gone). */
export function lockComment(
  db: Db,
  id: string,
): Promise<{ id: string; task_id: string; body: string; mentions: string[] } | undefined> {
  return db
    .selectFrom("task_comments")
    .select(["id", "task_id", "body", "mentions"])
    .where("id", "=", id)
    .forUpdate()
    .executeTakeFirst();
}

export async function insertComment(
  db: Db,
  values: {
    id: string;
    task_id: string;
    author_id: string;
    body: string;
    mentions: string[];
    created_at: Date;
  },
): Promise<void> {
  await db.insertInto("task_comments").values(values).execute();
}

export async function updateComment(
  db: Db,
  id: string,
  values: { body: string; mentions: string[]; edited_at: Date },
): Promise<void> {
  await db.updateTable("task_comments").set(values).where("id", "=", id).execute();
}

export async function deleteComment(db: Db, id: string): Promise<void> {
  await db.deleteFrom("task_comments").where("id", "=", id).execute();
}

/** The task a comment is on, with its project (undefined: no such comment). */
export function commentHead(
  db: Db,
  id: string,
): Promise<{ task_id: string; project_id: string } | undefined> {
  return db
    .selectFrom("task_comments as c")
    .innerJoin("tasks as t", "t.id", "c.task_id")
    .select(["c.task_id", "t.project_id"])
    .where("c.id", "=", id)
    .executeTakeFirst();
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

/** A task's title, board and project, for a mention mail (undefined: gone meanwhile). */
export function taskHeading(
  db: Db,
  id: string,
): Promise<{ title: string; board_id: string; project_id: string } | undefined> {
  return db
    .selectFrom("tasks")
    .select(["title", "board_id", "project_id"])
    .where("id", "=", id)
    .executeTakeFirst();
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

/** Takes a project's row in share mode: an archive or trash of the project waits for this change. */
export async function shareLockProject(db: Db, projectId: string): Promise<void> {
  await db.selectFrom("projects").select("id").where("id", "=", projectId).forShare().execute();
}
