import type { DocumentSummary, PersonRef } from "@ensemble/contracts/documents";
import type { TFunction } from "i18next";
import { formatDateTime } from "../../lib/dates.ts";

/** A person's name, or "a deleted account" when the account is gone. */
export function personName(t: TFunction, person: PersonRef | null): string {
  return person ? person.displayName : t("documents.formerAccount");
}

/** "Zuletzt bearbeitet von Anna Amsel, 23.11.2025, 10:42". */
export function lastEdited(t: TFunction, document: DocumentSummary, language: string): string {
  return t("documents.list.lastEdited", {
    name: personName(t, document.updatedBy),
    date: formatDateTime(document.updatedAt, language),
  });
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
