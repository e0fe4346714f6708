import { AppError } from "@ensemble/contracts/errors";
import type { Db } from "@ensemble/db/db";
import {
  type CommentRef,
  loadCommentSubject,
  loadDocumentSubject,
  loadNetworkSubject,
  loadOrganisationSubject,
  loadProjectSubject,
  loadTemplateSubject,
} from "./load.ts";
import {
  type Actor,
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
};

/**
 * Throws unless the actor may act. What the actor may not even read is reported as not found,
 * so nobody learns that another tenant's resource exists; what they may read but not change is
 * forbidden, or `project_archived` when only the archive stands in the way.
 */
export function assertCan<S extends Subject>(
  actor: Actor,
  action: Parameters<typeof can<S>>[1],
  subject: S | null,
): asserts subject is S {
  if (!subject || !can<S>(actor, "read" as Parameters<typeof can<S>>[1], subject)) {
    throw new AppError("not_found", NOT_FOUND[subject?.kind ?? "project"]);
  }
  if (can<S>(actor, action, subject)) {
    return;
  }
  if (subject.kind === "project" && subject.state === "archived") {
    const asActive: ProjectSubject = { ...subject, state: "active" };
    if (can(actor, action as ProjectAction, asActive)) {
      throw new AppError("project_archived", "The project is archived and can only be read.");
    }
  }
  if (subject.kind === "document" && subject.project.state === "archived") {
    const asActive: DocumentSubject = { ...subject, project: { ...subject.project, state: "active" } };
    if (can(actor, action as DocumentAction, asActive)) {
      throw new AppError("project_archived", "The project is archived and can only be read.");
    }
  }
  if (subject.kind === "comment" && subject.document.project.state === "archived") {
    const document = subject.document;
    const asActive: CommentSubject = {
      ...subject,
      document: { ...document, project: { ...document.project, state: "active" } },
    };
    if (can(actor, action as CommentAction, asActive)) {
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
