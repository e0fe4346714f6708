import { AppError } from "@ensemble/contracts/errors";
import type { Db } from "@ensemble/db/db";
import {
  type CommentRef,
  loadBoardSubject,
  loadChecklistItemTaskSubject,
  loadColumnBoardSubject,
  loadCommentSubject,
  loadDocumentSubject,
  loadLabelProjectSubject,
  loadNetworkSubject,
  loadOrganisationSubject,
  loadProjectSubject,
  loadTaskCommentSubject,
  loadTaskSubject,
  loadTemplateSubject,
} from "./load.ts";
import {
  type Actor,
  type BoardAction,
  type BoardSubject,
  type CommentAction,
  type CommentSubject,
  can,
  type DocumentAction,
  type DocumentSubject,
  type NetworkAction,
  type NetworkSubject,
  type OrganisationAction,
  type OrganisationSubject,
  type ProjectAction,
  type ProjectSubject,
  type Subject,
  type TaskAction,
  type TaskCommentAction,
  type TaskCommentSubject,
  type TaskSubject,
  type TemplateAction,
  type TemplateSubject,
} from "./policy.ts";

const NOT_FOUND: Record<Subject["kind"], string> = {
  organisation: "There is no such organisation.",
  network: "There is no such network.",
  project: "There is no such project.",
  document: "There is no such document.",
  comment: "There is no such comment.",
  template: "There is no such template.",
  board: "There is no such board.",
  task: "There is no such task.",
  task_comment: "There is no such comment.",
};

/** The same subject as if its project were active (null: the subject has no project). */
function asActive(subject: Subject): Subject | null {
  const active = (p: ProjectSubject): ProjectSubject => ({ ...p, state: "active" });
  switch (subject.kind) {
    case "project":
      return active(subject);
    case "document":
      return { ...subject, project: active(subject.project) };
    case "comment":
      return { ...subject, document: { ...subject.document, project: active(subject.document.project) } };
    case "board":
    case "task":
      return { ...subject, project: active(subject.project) };
    case "task_comment":
      return { ...subject, task: { ...subject.task, project: active(subject.task.project) } };
    default:
      return null;
  }
}

/** The state of the project a subject belongs to (null: it belongs to none). */
function projectStateOf(subject: Subject): ProjectSubject["state"] | null {
  switch (subject.kind) {
    case "project":
      return subject.state;
    case "document":
    case "board":
    case "task":
      return subject.project.state;
    case "comment":
      return subject.document.project.state;
    case "task_comment":
      return subject.task.project.state;
    default:
      return null;
  }
}

/**
 * Throws unless the actor may act. What the actor may not even read is reported as not found,
 * so nobody learns that another tenant's resource exists; what they may read but not change is
 * forbidden, or `project_archived` when only the archive stands in the way.
 */
export function assertCan<S extends Subject>(
  actor: Actor,
  action: Parameters<typeof can<S>>[1],
  subject: S | null,
  notFound?: string,
): asserts subject is S {
  if (!subject || !can<S>(actor, "read" as Parameters<typeof can<S>>[1], subject)) {
    throw new AppError("not_found", notFound ?? NOT_FOUND[subject?.kind ?? "project"]);
  }
  if (can<S>(actor, action, subject)) {
    return;
  }
  if (projectStateOf(subject) === "archived") {
    const active = asActive(subject);
    if (active && can(actor, action as never, active)) {
      throw new AppError("project_archived", "The project is archived and can only be read.");
    }
  }
  throw new AppError("forbidden", "You may not do this.");
}

/** Loads an organisation and checks the action; returns the subject for further rules. */
export async function authorizeOrganisation(
  db: Db,
  actor: Actor,
  action: OrganisationAction,
  id: string,
): Promise<OrganisationSubject> {
  const subject = await loadOrganisationSubject(db, actor, id);
  if (!subject) {
    throw new AppError("not_found", NOT_FOUND.organisation);
  }
  assertCan(actor, action, subject);
  return subject;
}

/** Loads a network and checks the action. */
export async function authorizeNetwork(
  db: Db,
  actor: Actor,
  action: NetworkAction,
  id: string,
): Promise<NetworkSubject> {
  const subject = await loadNetworkSubject(db, actor, id);
  if (!subject) {
    throw new AppError("not_found", NOT_FOUND.network);
  }
  assertCan(actor, action, subject);
  return subject;
}

/** Loads a project and checks the action. */
export async function authorizeProject(
  db: Db,
  actor: Actor,
  action: ProjectAction,
  id: string,
): Promise<ProjectSubject> {
  const subject = await loadProjectSubject(db, actor, id);
  if (!subject) {
    throw new AppError("not_found", NOT_FOUND.project);
  }
  assertCan(actor, action, subject);
  return subject;
}

/** Loads a document (with its project) and checks the action. */
export async function authorizeDocument(
  db: Db,
  actor: Actor,
  action: DocumentAction,
  id: string,
): Promise<DocumentSubject> {
  const subject = await loadDocumentSubject(db, actor, id);
  if (!subject) {
    throw new AppError("not_found", NOT_FOUND.document);
  }
  assertCan(actor, action, subject);
  return subject;
}

/**
 * Loads a comment (of that thread of that document, with the document's facts) and checks the
 * action; a comment named under another document or thread is not found.
 */
export async function authorizeComment(
  db: Db,
  actor: Actor,
  action: CommentAction,
  ref: CommentRef,
): Promise<CommentSubject> {
  const subject = await loadCommentSubject(db, actor, ref);
  if (!subject) {
    throw new AppError("not_found", NOT_FOUND.comment);
  }
  assertCan(actor, action, subject);
  return subject;
}

/** Loads a saved template (with its owner) and checks the action. */
export async function authorizeTemplate(
  db: Db,
  actor: Actor,
  action: TemplateAction,
  id: string,
): Promise<TemplateSubject> {
  const subject = await loadTemplateSubject(db, actor, id);
  if (!subject) {
    throw new AppError("not_found", NOT_FOUND.template);
  }
  assertCan(actor, action, subject);
  return subject;
}

/** Loads a board (with its project) and checks the action. */
export async function authorizeBoard(
  db: Db,
  actor: Actor,
  action: BoardAction,
  id: string,
): Promise<BoardSubject> {
  const subject = await loadBoardSubject(db, actor, id);
  assertCan(actor, action, subject);
  return subject;
}

/** Loads the board of a column and checks the action on the board (a column is part of it). */
export async function authorizeColumn(
  db: Db,
  actor: Actor,
  action: BoardAction,
  columnId: string,
): Promise<BoardSubject> {
  const subject = await loadColumnBoardSubject(db, actor, columnId);
  assertCan(actor, action, subject, "There is no such column.");
  return subject;
}

/** Loads a task (with its project) and checks the action. */
export async function authorizeTask(
  db: Db,
  actor: Actor,
  action: TaskAction,
  id: string,
): Promise<TaskSubject> {
  const subject = await loadTaskSubject(db, actor, id);
  assertCan(actor, action, subject);
  return subject;
}

/** Loads the task of a checklist item and checks the action on the task. */
export async function authorizeChecklistItem(
  db: Db,
  actor: Actor,
  action: TaskAction,
  itemId: string,
): Promise<TaskSubject> {
  const subject = await loadChecklistItemTaskSubject(db, actor, itemId);
  assertCan(actor, action, subject, "There is no such checklist item.");
  return subject;
}

/** Loads the project of a task label and checks the action on the project (labels: edit_content). */
export async function authorizeLabel(
  db: Db,
  actor: Actor,
  action: ProjectAction,
  labelId: string,
): Promise<ProjectSubject> {
  const subject = await loadLabelProjectSubject(db, actor, labelId);
  assertCan(actor, action, subject, "There is no such label.");
  return subject;
}

/** Loads a task comment (with its task) and checks the action. */
export async function authorizeTaskComment(
  db: Db,
  actor: Actor,
  action: TaskCommentAction,
  id: string,
): Promise<TaskCommentSubject> {
  const subject = await loadTaskCommentSubject(db, actor, id);
  assertCan(actor, action, subject);
  return subject;
}
