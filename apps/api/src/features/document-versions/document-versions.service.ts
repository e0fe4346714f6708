import { randomUUID } from "node:crypto";
import { authorizeDocument } from "@ensemble/access/authorize";
import { readDocumentState } from "@ensemble/collab-core/storage";
import type { DocumentVersion, VersionContent } from "@ensemble/contracts/documents";
import { AppError } from "@ensemble/contracts/errors";
import { stateToJson } from "@ensemble/editor/convert";
import type { AppDeps } from "../../deps.ts";
import type { Caller } from "../../lib/caller.ts";
import { presentVersion } from "./document-versions.presenter.ts";
import * as repo from "./document-versions.repo.ts";

/** A document's versions, automatic and named, newest first (everyone who reads it). */
export async function listVersions(
  deps: AppDeps,
  caller: Caller,
  documentId: string,
): Promise<DocumentVersion[]> {
  await authorizeDocument(deps.db, caller.actor, "read", documentId);
  return (await repo.listVersions(deps.db, documentId)).map(presentVersion);
}

/** Keeps the document's durable state as a named version (editors and leads). */
export async function createVersion(
  deps: AppDeps,
  caller: Caller,
  documentId: string,
  name: string,
): Promise<DocumentVersion> {
  const id = randomUUID();
  await deps.db.transaction().execute(async (tx) => {
    await authorizeDocument(tx, caller.actor, "edit", documentId);
    await repo.insertVersion(tx, {
      id,
      document_id: documentId,
      name,
      state: await readDocumentState(tx, documentId),
      created_by: caller.user.id,
      created_at: deps.now(),
    });
  });
  const row = await repo.findVersion(deps.db, documentId, id);
  if (!row) {
    throw new AppError("not_found", "There is no such version.");
  }
  return presentVersion(row);
}

/**
 * One version's content as Tiptap JSON, for a read-only view; restoring is the editor setting
 * this content as a new change, so the history stays.
 */
export async function getVersion(
  deps: AppDeps,
  caller: Caller,
  documentId: string,
  versionId: string,
): Promise<VersionContent> {
  await authorizeDocument(deps.db, caller.actor, "read", documentId);
  const row = await repo.findVersion(deps.db, documentId, versionId);
  const state = row ? await repo.versionState(deps.db, versionId) : undefined;
  if (!row || !state) {
    throw new AppError("not_found", "There is no such version.");
  }
  return { version: presentVersion(row), content: stateToJson(state) as Record<string, unknown> };
}
