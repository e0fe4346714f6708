import type { Db } from "@ensemble/db/db";

/** A version without its content, with its author's name. */
export interface VersionRow {
  id: string;
  document_id: string;
  name: string | null;
  created_by: string | null;
  created_by_name: string | null;
  created_at: Date;
}

/** How many versions a list shows at most (hourly automatic versions add up over a year). */
export const VERSION_LIST_LIMIT = 1000;

function versions(db: Db) {
  return db
    .selectFrom("document_versions as v")
    .leftJoin("users as u", "u.id", "v.created_by")
    .select([
      "v.id",
      "v.document_id",
      "v.name",
      "v.created_by",
      "u.display_name as created_by_name",
      "v.created_at",
    ]);
}

/** A document's versions, newest first (served by the index on document_id, created_at). */
export function listVersions(db: Db, documentId: string): Promise<VersionRow[]> {
  return versions(db)
    .where("v.document_id", "=", documentId)
    .orderBy("v.created_at", "desc")
    .orderBy("v.id", "desc")
    .limit(VERSION_LIST_LIMIT)
    .execute();
}

/** One version of a document (undefined: none, or of another document). */
export function findVersion(db: Db, documentId: string, id: string): Promise<VersionRow | undefined> {
  return versions(db).where("v.document_id", "=", documentId).where("v.id", "=", id).executeTakeFirst();
}

/** The stored content of a version. */
export async function versionState(db: Db, id: string): Promise<Uint8Array | undefined> {
  const row = await db
    .selectFrom("document_versions")
    .select("state")
    .where("id", "=", id)
    .executeTakeFirst();
  return row?.state;
}

export async function insertVersion(
  db: Db,
  values: {
    id: string;
    document_id: string;
    name: string;
    state: Uint8Array;
    created_by: string;
    created_at: Date;
  },
): Promise<void> {
  await db.insertInto("document_versions").values(values).execute();
}
