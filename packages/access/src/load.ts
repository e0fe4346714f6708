import type { Db } from "@ensemble/db/db";
import type {
  Actor,
  BoardSubject,
  CommentSubject,
  DocumentSubject,
  NetworkSubject,
  OrganisationRole,
  OrganisationSubject,
  ProjectSubject,
  TaskCommentSubject,
  TaskSubject,
  TemplateSubject,
} from "./policy.ts";

/**
 * Loads the facts a policy needs about the actor and one resource, each in one indexed query.
 * Returns null when the resource does not exist (callers answer "not found", exactly as when
 * the actor may not see it).
 */
export async function loadOrganisationSubject(
  db: Db,
  actor: Actor,
  id: string,
): Promise<OrganisationSubject | null> {
  const row = await db
    .selectFrom("organisations as o")
    .leftJoin("organisation_members as m", (j) =>
      j.onRef("m.organisation_id", "=", "o.id").on("m.user_id", "=", actor.userId),
    )
    .select(["o.id", "m.role"])
    .where("o.id", "=", id)
    .executeTakeFirst();
  if (!row) {
    return null;
  }
  return { kind: "organisation", id: row.id, role: row.role ?? null };
}

/** The network, the actor's role in its coordinator and in every partner organisation. */
export async function loadNetworkSubject(db: Db, actor: Actor, id: string): Promise<NetworkSubject | null> {
  const network = await db
    .selectFrom("networks")
    .select(["id", "coordinator_id"])
    .where("id", "=", id)
    .executeTakeFirst();
  if (!network) {
    return null;
  }
  const roles = await db
    .selectFrom("network_partners as p")
    .innerJoin("organisation_members as m", (j) =>
      j.onRef("m.organisation_id", "=", "p.organisation_id").on("m.user_id", "=", actor.userId),
    )
    .select(["p.organisation_id", "m.role"])
    .where("p.network_id", "=", id)
    .execute();
  let coordinatorRole: OrganisationRole | null = null;
  for (const r of roles) {
    if (r.organisation_id === network.coordinator_id) {
      coordinatorRole = r.role;
    }
  }
  return {
    kind: "network",
    id: network.id,
    coordinatorId: network.coordinator_id,
    coordinatorRole,
    partnerRoles: roles.map((r) => r.role),
  };
}

function isAdmin(role: OrganisationRole | null): boolean {
  return role === "owner" || role === "admin";
}

/**
 * The project, its state, the actor's project role and whether they administer the owning
 * organisation (or, for a network project, the network's coordinating organisation).
 */
export async function loadProjectSubject(db: Db, actor: Actor, id: string): Promise<ProjectSubject | null> {
  const row = await db
    .selectFrom("projects as p")
    .leftJoin("project_members as pm", (j) =>
      j.onRef("pm.project_id", "=", "p.id").on("pm.user_id", "=", actor.userId),
    )
    .leftJoin("organisation_members as om", (j) =>
      j.onRef("om.organisation_id", "=", "p.organisation_id").on("om.user_id", "=", actor.userId),
    )
    .leftJoin("networks as n", "n.id", "p.network_id")
    .leftJoin("organisation_members as cm", (j) =>
      j.onRef("cm.organisation_id", "=", "n.coordinator_id").on("cm.user_id", "=", actor.userId),
    )
    .select([
      "p.id",
      "p.organisation_id",
      "p.network_id",
      "p.archived_at",
      "p.deleted_at",
      "pm.role as project_role",
      "om.role as organisation_role",
      "cm.role as coordinator_role",
    ])
    .where("p.id", "=", id)
    .executeTakeFirst();
  if (!row) {
    return null;
  }
  const owner = row.organisation_id
    ? { kind: "organisation" as const, id: row.organisation_id }
    : { kind: "network" as const, id: row.network_id ?? "" };
  return {
    kind: "project",
    id: row.id,
    owner,
    state: row.deleted_at ? "trashed" : row.archived_at ? "archived" : "active",
    role: row.project_role ?? null,
    ownerAdmin: isAdmin(row.organisation_role) || isAdmin(row.coordinator_role),
  };
}

/** The document with its trash state and the project's facts (null when there is no such document). */
export async function loadDocumentSubject(db: Db, actor: Actor, id: string): Promise<DocumentSubject | null> {
  const doc = await db
    .selectFrom("documents")
    .select(["id", "project_id", "deleted_at", "created_by"])
    .where("id", "=", id)
    .executeTakeFirst();
  if (!doc) {
    return null;
  }
  const project = await loadProjectSubject(db, actor, doc.project_id);
  if (!project) {
    return null;
  }
  return {
    kind: "document",
    id: doc.id,
    trashed: doc.deleted_at !== null,
    creator: doc.created_by === actor.userId,
    project,
  };
}

/** Where a comment is: its document and thread (a comment is only found under its own). */
export interface CommentRef {
  documentId: string;
  threadId: string;
  commentId: string;
}

/** A comment with whether the actor wrote it and its document's facts (null: no such comment there). */
export async function loadCommentSubject(
  db: Db,
  actor: Actor,
  ref: CommentRef,
): Promise<CommentSubject | null> {
  const row = await db
    .selectFrom("document_comments")
    .select(["id", "author_id"])
    .where("id", "=", ref.commentId)
    .where("thread_id", "=", ref.threadId)
    .where("document_id", "=", ref.documentId)
    .executeTakeFirst();
  if (!row) {
    return null;
  }
  const document = await loadDocumentSubject(db, actor, ref.documentId);
  if (!document) {
    return null;
  }
  return { kind: "comment", id: row.id, author: row.author_id === actor.userId, document };
}

/** A saved template with the actor's relation to the organisation or network that owns it. */
export async function loadTemplateSubject(db: Db, actor: Actor, id: string): Promise<TemplateSubject | null> {
  const row = await db
    .selectFrom("document_templates")
    .select(["id", "organisation_id", "network_id", "created_by"])
    .where("id", "=", id)
    .executeTakeFirst();
  if (!row) {
    return null;
  }
  const owner = row.organisation_id
    ? await loadOrganisationSubject(db, actor, row.organisation_id)
    : await loadNetworkSubject(db, actor, row.network_id ?? "");
  if (!owner) {
    return null;
  }
  return { kind: "template", id: row.id, owner, creator: row.created_by === actor.userId };
}

/** A board with its project's facts (null: no such board). */
export async function loadBoardSubject(db: Db, actor: Actor, id: string): Promise<BoardSubject | null> {
  const board = await db
    .selectFrom("boards")
    .select(["id", "project_id"])
    .where("id", "=", id)
    .executeTakeFirst();
  if (!board) {
    return null;
  }
  const project = await loadProjectSubject(db, actor, board.project_id);
  return project ? { kind: "board", id: board.id, project } : null;
}

/** The board a column belongs to, with its project's facts (null: no such column). */
export async function loadColumnBoardSubject(
  db: Db,
  actor: Actor,
  columnId: string,
): Promise<BoardSubject | null> {
  const column = await db
    .selectFrom("board_columns")
    .select("board_id")
    .where("id", "=", columnId)
    .executeTakeFirst();
  return column ? loadBoardSubject(db, actor, column.board_id) : null;
}

/** A task with its project's facts (null: no such task). */
export async function loadTaskSubject(db: Db, actor: Actor, id: string): Promise<TaskSubject | null> {
  const task = await db
    .selectFrom("tasks")
    .select(["id", "board_id", "project_id"])
    .where("id", "=", id)
    .executeTakeFirst();
  if (!task) {
    return null;
  }
  const project = await loadProjectSubject(db, actor, task.project_id);
  return project ? { kind: "task", id: task.id, boardId: task.board_id, project } : null;
}

/** The task a checklist item belongs to (null: no such item). */
export async function loadChecklistItemTaskSubject(
  db: Db,
  actor: Actor,
  itemId: string,
): Promise<TaskSubject | null> {
  const item = await db
    .selectFrom("task_checklist_items")
    .select("task_id")
    .where("id", "=", itemId)
    .executeTakeFirst();
  return item ? loadTaskSubject(db, actor, item.task_id) : null;
}

/** The project a task label belongs to (null: no such label). */
export async function loadLabelProjectSubject(
  db: Db,
  actor: Actor,
  labelId: string,
): Promise<ProjectSubject | null> {
  const label = await db
    .selectFrom("task_labels")
    .select("project_id")
    .where("id", "=", labelId)
    .executeTakeFirst();
  return label ? loadProjectSubject(db, actor, label.project_id) : null;
}

/** A task comment with whether the actor wrote it and its task's facts (null: no such comment). */
export async function loadTaskCommentSubject(
  db: Db,
  actor: Actor,
  id: string,
): Promise<TaskCommentSubject | null> {
  const row = await db
    .selectFrom("task_comments")
    .select(["id", "task_id", "author_id"])
    .where("id", "=", id)
    .executeTakeFirst();
  if (!row) {
    return null;
  }
  const task = await loadTaskSubject(db, actor, row.task_id);
  return task ? { kind: "task_comment", id: row.id, author: row.author_id === actor.userId, task } : null;
}
