import { randomUUID } from "node:crypto";
import { authorizeDocument, authorizeProject } from "@ensemble/access/authorize";
import { type Actor, can, type DocumentSubject, type ProjectSubject } from "@ensemble/access/policy";
import { EMPTY_STATE, initDocumentState, readDocumentState } from "@ensemble/collab-core/storage";
import type {
  CreateDocumentInput,
  CreateFolderInput,
  Document,
  DocumentFolder,
  DocumentList,
  UpdateDocumentInput,
  UpdateFolderInput,
} from "@ensemble/contracts/documents";
import { AppError } from "@ensemble/contracts/errors";
import { codePoints } from "@ensemble/contracts/text";
import type { Db } from "@ensemble/db/db";
import type { z } from "zod";
import type { AppDeps } from "../../deps.ts";
import type { Caller } from "../../lib/caller.ts";
import * as templates from "../document-templates/document-templates.service.ts";
import { withoutComments } from "./documents.content.ts";
import { presentDocument, presentDocumentSummary, presentFolder } from "./documents.presenter.ts";
import * as repo from "./documents.repo.ts";

type CreateInput = z.output<typeof CreateDocumentInput>;
type UpdateInput = z.output<typeof UpdateDocumentInput>;
type CreateFolder = z.output<typeof CreateFolderInput>;
type UpdateFolder = z.output<typeof UpdateFolderInput>;

const TITLE_MAX = 200;

/** May the actor see a project's trash? (Whoever may read its trashed documents: its editors.) */
function seesTrash(actor: Actor, project: ProjectSubject): boolean {
  return can(actor, "read", { kind: "document", id: "", trashed: true, creator: false, project });
}

/** A project's documents (active, or the trash for those who may restore) and all its folders. */
export async function listDocuments(
  deps: AppDeps,
  caller: Caller,
  projectId: string,
  view: "active" | "trash",
): Promise<DocumentList> {
  const project = await authorizeProject(deps.db, caller.actor, "read", projectId);
  const rows =
    view === "trash" && !seesTrash(caller.actor, project)
      ? []
      : await repo.listDocuments(deps.db, projectId, view);
  const folders = await repo.listFolders(deps.db, projectId);
  return {
    documents: rows.map((r) => presentDocumentSummary(r, caller.actor, project)),
    folders: folders.map(presentFolder),
    canCreate: can(caller.actor, "edit_content", project),
  };
}

/** One document as the caller sees it, after the access check. */
export async function getDocument(deps: AppDeps, caller: Caller, id: string): Promise<Document> {
  const subject = await authorizeDocument(deps.db, caller.actor, "read", id);
  return presentVisible(deps, caller, id, subject.project);
}

async function presentVisible(
  deps: AppDeps,
  caller: Caller,
  id: string,
  project: ProjectSubject,
): Promise<Document> {
  const row = await repo.findDocumentPage(deps.db, id);
  if (!row) {
    throw new AppError("not_found", "There is no such document.");
  }
  return presentDocument(row, caller.actor, project);
}

/** Checks, under a share lock, that a folder belongs to the project (404 otherwise). */
async function requireFolder(tx: Db, projectId: string, folderId: string): Promise<void> {
  if (!(await repo.shareLockFolder(tx, projectId, folderId))) {
    throw new AppError("not_found", "There is no such folder.");
  }
}

/**
 * Creates a document from its first Yjs state, in the caller's transaction: the project is
 * share-locked (an archive waits), the caller must be able to edit its content, and the folder
 * must be one of its own. For the features that make documents (import, duplicate, templates).
 */
export async function insertDocumentWithState(
  deps: AppDeps,
  tx: Db,
  caller: Caller,
  projectId: string,
  input: {
    title: string;
    folderId: string | null;
    state: Uint8Array | ((project: ProjectSubject) => Promise<Uint8Array>);
  },
): Promise<{ id: string; project: ProjectSubject }> {
  await repo.shareLockProject(tx, projectId);
  const project = await authorizeProject(tx, caller.actor, "edit_content", projectId);
  if (input.folderId) {
    await requireFolder(tx, projectId, input.folderId);
  }
  const state = typeof input.state === "function" ? await input.state(project) : input.state;
  const id = randomUUID();
  const now = deps.now();
  await repo.insertDocument(tx, {
    id,
    project_id: projectId,
    folder_id: input.folderId,
    title: input.title,
    created_by: caller.user.id,
    updated_by: caller.user.id,
    created_at: now,
    updated_at: now,
    deleted_at: null,
    deleted_by: null,
  });
  await initDocumentState(tx, id, state);
  return { id, project };
}

/** Creates a blank document, or one from a built-in or saved template (editors and leads). */
export async function createDocument(
  deps: AppDeps,
  caller: Caller,
  projectId: string,
  input: CreateInput,
): Promise<Document> {
  const made = await deps.db.transaction().execute((tx) =>
    insertDocumentWithState(deps, tx, caller, projectId, {
      title: input.title,
      folderId: input.folderId ?? null,
      state: input.templateId
        ? (project) =>
            templates.templateState(tx, caller, project, input.templateId ?? "", input.language ?? "de")
        : EMPTY_STATE,
    }),
  );
  return presentVisible(deps, caller, made.id, made.project);
}

/**
 * Locks a document and its project (share) for a change, then checks the action: the row lock
 * orders trash, restore, delete and renames of one document; the project lock makes an archive
 * wait.
 */
async function lockAndAuthorize(
  tx: Db,
  actor: Actor,
  action: "edit" | "trash" | "restore" | "delete",
  id: string,
): Promise<DocumentSubject> {
  const locked = await repo.lockDocument(tx, id);
  if (!locked) {
    throw new AppError("not_found", "There is no such document.");
  }
  await repo.shareLockProject(tx, locked.project_id);
  return authorizeDocument(tx, actor, action, id);
}

/** Renames a document or moves it to another folder of its project (null: the top level). */
export async function updateDocument(
  deps: AppDeps,
  caller: Caller,
  id: string,
  patch: UpdateInput,
): Promise<Document> {
  const subject = await deps.db.transaction().execute(async (tx) => {
    const s = await lockAndAuthorize(tx, caller.actor, "edit", id);
    if (patch.folderId) {
      await requireFolder(tx, s.project.id, patch.folderId);
    }
    await repo.updateDocument(tx, id, {
      ...(patch.folderId !== undefined ? { folder_id: patch.folderId } : {}),
      // a new title is a change of the document; a move is not
      ...(patch.title !== undefined
        ? { title: patch.title, updated_at: deps.now(), updated_by: caller.user.id }
        : {}),
    });
    return s;
  });
  return presentVisible(deps, caller, id, subject.project);
}

/** "Kopie von …" / "Copy of …" in the caller's language, within the title's length. */
export function copyTitle(title: string, locale: string | null): string {
  const prefix = locale?.startsWith("en") ? "Copy of " : "Kopie von ";
  const full = `${prefix}${title}`;
  return codePoints(full) <= TITLE_MAX ? full : [...full].slice(0, TITLE_MAX).join("").trimEnd();
}

/** Copies a document (its current durable content, not its comments or versions) beside it. */
export async function duplicateDocument(deps: AppDeps, caller: Caller, id: string): Promise<Document> {
  const made = await deps.db.transaction().execute(async (tx) => {
    const source = await authorizeDocument(tx, caller.actor, "edit", id);
    const row = await repo.findDocumentPage(tx, id);
    if (!row) {
      throw new AppError("not_found", "There is no such document.");
    }
    const state = withoutComments(await readDocumentState(tx, id));
    return insertDocumentWithState(deps, tx, caller, source.project.id, {
      title: copyTitle(row.title, caller.user.locale),
      folderId: row.folder_id,
      state,
    });
  });
  return presentVisible(deps, caller, made.id, made.project);
}

/** Tells live editor connections of a document to close or re-check (it went to the trash or away). */
async function revokeDocument(deps: AppDeps, id: string): Promise<void> {
  await deps.revocations
    .publish({ userId: "*", scope: { kind: "document", id } })
    .catch((err: unknown) => deps.logger.error({ err }, "document revocation could not be published"));
}

/** Moves a document to the trash (editors and leads); it can be restored from there. */
export async function trashDocument(deps: AppDeps, caller: Caller, id: string): Promise<Document> {
  const subject = await deps.db.transaction().execute(async (tx) => {
    const s = await lockAndAuthorize(tx, caller.actor, "trash", id);
    await repo.updateDocument(tx, id, { deleted_at: deps.now(), deleted_by: caller.user.id });
    return s;
  });
  await revokeDocument(deps, id);
  return presentVisible(deps, caller, id, subject.project);
}

/** Brings a document back from the trash (editors and leads). */
export async function restoreDocument(deps: AppDeps, caller: Caller, id: string): Promise<Document> {
  const subject = await deps.db.transaction().execute(async (tx) => {
    const s = await lockAndAuthorize(tx, caller.actor, "restore", id);
    await repo.updateDocument(tx, id, { deleted_at: null, deleted_by: null });
    return s;
  });
  return presentVisible(deps, caller, id, subject.project);
}

/**
 * Deletes a trashed document for good, with its content, versions and comments (leads, and the
 * editor who created it).
 */
export async function deleteDocument(deps: AppDeps, caller: Caller, id: string): Promise<void> {
  await deps.db.transaction().execute(async (tx) => {
    await lockAndAuthorize(tx, caller.actor, "delete", id);
    await repo.deleteDocument(tx, id);
  });
  await revokeDocument(deps, id);
}

/** Creates a folder in a project, at the top or inside another of its folders. */
export async function createFolder(
  deps: AppDeps,
  caller: Caller,
  projectId: string,
  input: CreateFolder,
): Promise<DocumentFolder> {
  const row = await deps.db.transaction().execute(async (tx) => {
    await repo.shareLockProject(tx, projectId);
    await authorizeProject(tx, caller.actor, "edit_content", projectId);
    if (input.parentId) {
      await requireFolder(tx, projectId, input.parentId);
    }
    const now = deps.now();
    return repo.insertFolder(tx, {
      id: randomUUID(),
      project_id: projectId,
      parent_id: input.parentId ?? null,
      name: input.name,
      created_by: caller.user.id,
      created_at: now,
      updated_at: now,
    });
  });
  return presentFolder(row);
}

/**
 * Loads a folder and checks that the caller may change its project's documents. A folder of a
 * project the caller cannot see is not found, like the project.
 */
async function authorizeFolder(tx: Db, actor: Actor, id: string) {
  const folder = await repo.findFolder(tx, id);
  if (!folder) {
    throw new AppError("not_found", "There is no such folder.");
  }
  await repo.shareLockProject(tx, folder.project_id);
  try {
    await authorizeProject(tx, actor, "edit_content", folder.project_id);
  } catch (err) {
    if (err instanceof AppError && err.code === "not_found") {
      throw new AppError("not_found", "There is no such folder.");
    }
    throw err;
  }
  return folder;
}

/** True when `candidate` is `id` or lies inside it in the tree given by `edges`. */
export function isInside(
  edges: readonly { id: string; parent_id: string | null }[],
  candidate: string,
  id: string,
): boolean {
  const parentOf = new Map(edges.map((e) => [e.id, e.parent_id]));
  const seen = new Set<string>();
  for (let at: string | null | undefined = candidate; at; at = parentOf.get(at)) {
    if (at === id) {
      return true;
    }
    if (seen.has(at)) {
      // a cycle already stored would loop forever; none can be, but never hang on one
      return true;
    }
    seen.add(at);
  }
  return false;
}

/** Renames a folder or moves it under another folder of the project (never into itself). */
export async function updateFolder(
  deps: AppDeps,
  caller: Caller,
  id: string,
  patch: UpdateFolder,
): Promise<DocumentFolder> {
  const row = await deps.db.transaction().execute(async (tx) => {
    const folder = await authorizeFolder(tx, caller.actor, id);
    if (patch.parentId !== undefined) {
      const tree = await repo.lockFolderTree(tx, folder.project_id);
      if (patch.parentId !== null) {
        if (!tree.some((f) => f.id === patch.parentId)) {
          throw new AppError("not_found", "There is no such folder.");
        }
        if (isInside(tree, patch.parentId, id)) {
          throw new AppError(
            "validation_failed",
            "A folder cannot move into itself or one of its subfolders.",
            {
              fields: { parentId: "folder_cycle" },
            },
          );
        }
      }
    }
    return repo.updateFolder(tx, id, {
      ...(patch.name !== undefined ? { name: patch.name } : {}),
      ...(patch.parentId !== undefined ? { parent_id: patch.parentId } : {}),
      updated_at: deps.now(),
    });
  });
  if (!row) {
    throw new AppError("not_found", "There is no such folder.");
  }
  return presentFolder(row);
}

/** Deletes a folder; its documents and subfolders move up to its parent. */
export async function deleteFolder(deps: AppDeps, caller: Caller, id: string): Promise<void> {
  await deps.db.transaction().execute(async (tx) => {
    const folder = await authorizeFolder(tx, caller.actor, id);
    const tree = await repo.lockFolderTree(tx, folder.project_id);
    const current = tree.find((f) => f.id === id);
    if (!current) {
      throw new AppError("not_found", "There is no such folder.");
    }
    await repo.deleteFolderKeepingContents(tx, current);
  });
}
