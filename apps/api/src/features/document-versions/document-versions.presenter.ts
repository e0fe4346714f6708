import type { DocumentVersion } from "@ensemble/contracts/documents";
import { personRef } from "../documents/documents.presenter.ts";
import type { VersionRow } from "./document-versions.repo.ts";

/** A version as the contract shows it (automatic ones have no name). */
export function presentVersion(row: VersionRow): DocumentVersion {
  return {
    id: row.id,
    name: row.name,
    createdAt: new Date(row.created_at).toISOString(),
    createdBy: personRef(row.created_by, row.created_by_name),
  };
}
