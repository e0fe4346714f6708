import type { DocumentFolder, DocumentSummary } from "@ensemble/contracts/documents";

/*
 * The API hands out a project's folders as a flat list; these helpers make the tree the pages
 * show. They never trust the list to be a tree: a parent that is missing counts as the root, and a
 * cycle (which the API should never allow) ends a walk instead of looping.
 */

function byName(language: string) {
  const collator = new Intl.Collator(language, { sensitivity: "base", numeric: true });
  return (a: string, b: string) => collator.compare(a, b);
}

/** The folders from the top down to `folderId` (empty for the top level or an unknown folder). */
export function folderPath(folders: readonly DocumentFolder[], folderId: string | null): DocumentFolder[] {
  const byId = new Map(folders.map((f) => [f.id, f]));
  const path: DocumentFolder[] = [];
  const seen = new Set<string>();
  let current = folderId === null ? undefined : byId.get(folderId);
  while (current && !seen.has(current.id)) {
    seen.add(current.id);
    path.unshift(current);
    current = current.parentId === null ? undefined : byId.get(current.parentId);
  }
  return path;
}

/** The parent a folder is shown under: null for the top level and for a parent that is not there. */
function shownParent(folder: DocumentFolder, ids: ReadonlySet<string>): string | null {
  return folder.parentId !== null && ids.has(folder.parentId) ? folder.parentId : null;
}

/** The folders directly inside `parentId` (null: the top level), by name. */
export function childFolders(
  folders: readonly DocumentFolder[],
  parentId: string | null,
  language: string,
): DocumentFolder[] {
  const ids = new Set(folders.map((f) => f.id));
  const compare = byName(language);
  return folders.filter((f) => shownParent(f, ids) === parentId).sort((a, b) => compare(a.name, b.name));
}

/**
 * The documents directly inside `folderId` (null: the top level), by title. A document whose
 * folder is not in the list (deleted meanwhile) shows at the top level rather than nowhere.
 */
export function documentsIn(
  documents: readonly DocumentSummary[],
  folders: readonly DocumentFolder[],
  folderId: string | null,
  language: string,
): DocumentSummary[] {
  const ids = new Set(folders.map((f) => f.id));
  const compare = byName(language);
  return documents
    .filter((d) => (d.folderId !== null && ids.has(d.folderId) ? d.folderId : null) === folderId)
    .sort((a, b) => compare(a.title, b.title));
}

/** A folder and everything below it (a folder cannot be moved into any of these). */
export function folderAndDescendants(folders: readonly DocumentFolder[], folderId: string): Set<string> {
  const out = new Set<string>([folderId]);
  let grew = true;
  while (grew) {
    grew = false;
    for (const f of folders) {
      if (f.parentId !== null && out.has(f.parentId) && !out.has(f.id)) {
        out.add(f.id);
        grew = true;
      }
    }
  }
  return out;
}

/** One choice of a "move to" list: a folder with its whole path as the label. */
export interface FolderChoice {
  id: string;
  /** "Förderung / 2027": the path says where the folder is without relying on indentation. */
  label: string;
  depth: number;
}

/**
 * Every folder in tree order (depth first, by name), for a "move to" select; `exclude` leaves out
 * a folder and its descendants (moving a folder into itself is impossible).
 */
export function folderChoices(
  folders: readonly DocumentFolder[],
  language: string,
  exclude: string | null = null,
): FolderChoice[] {
  const skip = exclude === null ? new Set<string>() : folderAndDescendants(folders, exclude);
  const out: FolderChoice[] = [];
  const seen = new Set<string>();
  const walk = (parentId: string | null, prefix: string, depth: number) => {
    for (const folder of childFolders(folders, parentId, language)) {
      if (skip.has(folder.id) || seen.has(folder.id)) {
        continue;
      }
      seen.add(folder.id);
      const label = prefix === "" ? folder.name : `${prefix} / ${folder.name}`;
      out.push({ id: folder.id, label, depth });
      walk(folder.id, label, depth + 1);
    }
  };
  walk(null, "", 0);
  return out;
}

/** Documents and folders directly inside a folder, counted (for "3 Ordner, 5 Dokumente"). */
export function folderCounts(
  documents: readonly DocumentSummary[],
  folders: readonly DocumentFolder[],
  folderId: string | null,
  language: string,
): { folders: number; documents: number } {
  return {
    folders: childFolders(folders, folderId, language).length,
    documents: documentsIn(documents, folders, folderId, language).length,
  };
}
