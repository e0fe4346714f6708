import type { DocumentSummary } from "@ensemble/contracts/documents";
import type { TFunction } from "i18next";
import { formatDateTime } from "../../lib/dates.ts";

/** "Zuletzt bearbeitet von Anna Amsel, 23.11.2025, 10:42". */
export function lastEdited(t: TFunction, document: DocumentSummary, language: string): string {
  const date = formatDateTime(document.updatedAt, language);
  // "von einem gelöschten Konto": the name of a deleted account does not fit into "von {{name}}"
  return document.updatedBy
    ? t("documents.list.lastEdited", { name: document.updatedBy.displayName, date })
    : t("documents.list.lastEditedByFormer", { date });
}

/** The address of a project's documents, optionally in a folder or the trash. */
export function documentsPath(
  projectId: string,
  options: { folderId?: string | null; trash?: boolean } = {},
) {
  const params = new URLSearchParams();
  if (options.trash) {
    params.set("view", "trash");
  } else if (options.folderId) {
    params.set("folder", options.folderId);
  }
  const search = params.toString();
  return `/projects/${projectId}/documents${search ? `?${search}` : ""}`;
}

/** The address of a document's editor page. */
export function documentPath(projectId: string, documentId: string): string {
  return `/projects/${projectId}/documents/${documentId}`;
}
