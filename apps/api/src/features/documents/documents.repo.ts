import type { Db } from "@ensemble/db/db";
import type {
  DocumentFolderRow,
  DocumentFoldersTable,
  DocumentRow,
  DocumentsTable,
} from "@ensemble/db/schema";
import { type Insertable, sql, type Updateable } from "kysely";

/** A document row with the names of the people who created and last changed it. */
export interface DocumentListRow extends DocumentRow {
  created_by_name: string | null;
  updated_by_name: string | null;
}

/** A document row with its project, for the editor page. */
export interface DocumentPageRow extends DocumentListRow {
  project_name: string;
  project_archived_at: Date | null;
  project_deleted_at: Date | null;
}

function withPeople(db: Db) {
  return db
    .selectFrom("documents as d")
    .leftJoin("users as cu", "cu.id", "d.created_by")
    .leftJoin("users as uu", "uu.id", "d.updated_by")
    .selectAll("d")
    .select(["cu.display_name as created_by_name", "uu.display_name as updated_by_name"]);
}

/**
 * A project's documents, active or in the trash: the recently changed first (the trash: the
 * recently trashed first), as the index (project_id, deleted_at, updated_at) serves them.
 */
export function listDocuments(
  db: Db,
  projectId: string,
  view: "active" | "trash",
): Promise<DocumentListRow[]> {
  const q = withPeople(db).where("d.project_id", "=", projectId);
  if (view === "trash") {
    return q
      .where("d.deleted_at", "is not", null)
      .orderBy("d.deleted_at", "desc")
      .orderBy("d.id")
      .execute() as Promise<DocumentListRow[]>;
  }
  return q
    .where("d.deleted_at", "is", null)
    .orderBy("d.updated_at", "desc")
    .orderBy("d.id")
    .execute() as Promise<DocumentListRow[]>;
}

/** One document with its people and project (no access check: the service has made it). */
export function findDocumentPage(db: Db, id: string): Promise<DocumentPageRow | undefined> {
  return withPeople(db)
    .innerJoin("projects as p", "p.id", "d.project_id")
    .select([
      "p.name as project_name",
      "p.archived_at as project_archived_at",
      "p.deleted_at as project_deleted_at",
    ])
    .where("d.id", "=", id)
    .executeTakeFirst() as Promise<DocumentPageRow | undefined>;
}

/** Locks a document row until the transaction ends and answers its project (undefined: no such document). */
export async function lockDocument(db: Db, id: string): Promise<{ project_id: string } | undefined> {
  return db
    .selectFrom("documents")
    .select("project_id")
    .where("id", "=", id)
    .forNoKeyUpdate()
    .executeTakeFirst();
}

/**
 * Share-locks the project row: an archive or trash of the project (which takes the row for
 * update) waits until this transaction's document change is done, and the other way round.
 */
export async function shareLockProject(db: Db, projectId: string): Promise<void> {
  await db.selectFrom("projects").select("id").where("id", "=", projectId).forShare().execute();
}

export function insertDocument(db: Db, values: Insertable<DocumentsTable>): Promise<DocumentRow> {
  return db.insertInto("documents").values(values).returningAll().executeTakeFirstOrThrow();
}

export async function updateDocument(db: Db, id: string, patch: Updateable<DocumentsTable>): Promise<void> {
  await db.updateTable("documents").set(patch).where("id", "=", id).execute();
}

export async function deleteDocument(db: Db, id: string): Promise<void> {
  await db.deleteFrom("documents").where("id", "=", id).execute();
}

/** A project's folders, by name (the UI builds the tree from parent ids). */
export function listFolders(db: Db, projectId: string): Promise<DocumentFolderRow[]> {
  return db
    .selectFrom("document_folders")
    .selectAll()
    .where("project_id", "=", projectId)
    .orderBy(sql`lower(name)`)
    .orderBy("id")
    .execute();
}

export function findFolder(db: Db, id: string): Promise<DocumentFolderRow | undefined> {
  return db.selectFrom("document_folders").selectAll().where("id", "=", id).executeTakeFirst();
}

/**
 * A folder of this project, share-locked until the transaction ends, so it cannot be moved
 * or deleted (which lock the project's folders for update) while something is put into it.
 */
export function shareLockFolder(db: Db, projectId: string, id: string): Promise<{ id: string } | undefined> {
  return db
    .selectFrom("document_folders")
    .select("id")
    .where("id", "=", id)
    .where("project_id", "=", projectId)
    .forShare()
    .executeTakeFirst();
}

/**
 * Locks every folder of a project for update and answers the tree's edges: changes of the tree's
 * shape (moves, deletes) run one after another per project, so two moves at once never make a
 * cycle and nothing lands in a folder that is being deleted.
 */
export function lockFolderTree(
  db: Db,
  projectId: string,
): Promise<{ id: string; parent_id: string | null }[]> {
  return db
    .selectFrom("document_folders")
    .select(["id", "parent_id"])
    .where("project_id", "=", projectId)
    .orderBy("id")
    .forUpdate()
    .execute();
}

export function insertFolder(db: Db, values: Insertable<DocumentFoldersTable>): Promise<DocumentFolderRow> {
  return db.insertInto("document_folders").values(values).returningAll().executeTakeFirstOrThrow();
}

export function updateFolder(
  db: Db,
  id: string,
  patch: Updateable<DocumentFoldersTable>,
): Promise<DocumentFolderRow | undefined> {
  return db.updateTable("document_folders").set(patch).where("id", "=", id).returningAll().executeTakeFirst();
}

/**
 * Deletes a folder after moving its documents (active and trashed) and subfolders up to its
 * parent, so nothing goes with it.
 */
export async function deleteFolderKeepingContents(
  db: Db,
  folder: { id: string; parent_id: string | null },
): Promise<void> {
  await db
    .updateTable("documents")
    .set({ folder_id: folder.parent_id })
    .where("folder_id", "=", folder.id)
    .execute();
  await db
    .updateTable("document_folders")
    .set({ parent_id: folder.parent_id })
    .where("parent_id", "=", folder.id)
    .execute();
  await db.deleteFrom("document_folders").where("id", "=", folder.id).execute();
}
