import {
  type Actor,
  abilities,
  type DocumentSubject,
  documentActions,
  type ProjectSubject,
} from "@ensemble/access/policy";
import type {
  Document,
  DocumentAbilities,
  DocumentFolder,
  DocumentSummary,
  PersonRef,
} from "@ensemble/contracts/documents";
import type { DocumentFolderRow } from "@ensemble/db/schema";
import type { DocumentListRow, DocumentPageRow } from "./documents.repo.ts";

const iso = (d: Date | string) => new Date(d).toISOString();

/** A person as shown beside a document, or null when the account is gone. */
export function personRef(id: string | null, displayName: string | null): PersonRef | null {
  return id && displayName !== null ? { id, displayName } : null;
}

/** The access subject of a listed document, from its row and the project's facts. */
export function documentSubjectOf(
  row: { id: string; deleted_at: Date | null; created_by: string | null },
  actor: Actor,
  project: ProjectSubject,
): DocumentSubject {
  return {
    kind: "document",
    id: row.id,
    trashed: row.deleted_at !== null,
    creator: row.created_by === actor.userId,
    project,
  };
}

/** What the caller may do with a document (the contract's subset of the policy's actions). */
export function documentAbilities(actor: Actor, subject: DocumentSubject): DocumentAbilities {
  const can = abilities(actor, subject, documentActions);
  return { edit: can.edit, comment: can.comment, trash: can.trash, restore: can.restore, delete: can.delete };
}

/** A document in a list, with what the caller may do with it. */
export function presentDocumentSummary(
  row: DocumentListRow,
  actor: Actor,
  project: ProjectSubject,
): DocumentSummary {
  return {
    id: row.id,
    projectId: row.project_id,
    folderId: row.folder_id,
    title: row.title,
    createdAt: iso(row.created_at),
    createdBy: personRef(row.created_by, row.created_by_name),
    updatedAt: iso(row.updated_at),
    updatedBy: personRef(row.updated_by, row.updated_by_name),
    deletedAt: row.deleted_at ? iso(row.deleted_at) : null,
    abilities: documentAbilities(actor, documentSubjectOf(row, actor, project)),
  };
}

/** One document for the editor page: the summary and its project. */
export function presentDocument(row: DocumentPageRow, actor: Actor, project: ProjectSubject): Document {
  return {
    ...presentDocumentSummary(row, actor, project),
    project: {
      id: row.project_id,
      name: row.project_name,
      state: row.project_deleted_at ? "trashed" : row.project_archived_at ? "archived" : "active",
    },
  };
}

/** A folder as the contract shows it. */
export function presentFolder(row: DocumentFolderRow): DocumentFolder {
  return {
    id: row.id,
    projectId: row.project_id,
    parentId: row.parent_id,
    name: row.name,
    createdAt: iso(row.created_at),
  };
}
