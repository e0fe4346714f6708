import type { DocumentFolder, DocumentSummary } from "@ensemble/contracts/documents";
import { describe, expect, it } from "vitest";
import { childFolders, documentsIn, folderChoices, folderPath } from "./documents.tree.ts";

function folder(id: string, name: string, parentId: string | null): DocumentFolder {
  return { id, name, parentId, projectId: "p", createdAt: "2026-12-01T10:00:00.000Z" };
}

function doc(id: string, title: string, folderId: string | null): DocumentSummary {
  return {
    id,
    title,
    folderId,
    projectId: "p",
    createdAt: "2026-12-01T10:00:00.000Z",
    createdBy: null,
    updatedAt: "2026-12-01T10:00:00.000Z",
    updatedBy: null,
    deletedAt: null,
    abilities: { edit: true, comment: true, trash: true, restore: false, delete: false },
  };
}

const folders = [
  folder("f", "Förderung", null),
  folder("f27", "2027", "f"),
  folder("f26", "2026", "f"),
  folder("f27a", "Anträge", "f27"),
  folder("a", "Ablauf", null),
  folder("lost", "Verwaist", "gone"),
];

describe("folder tree", () => {
  it("gives the path from the top down, and nothing for the top level or unknown folders", () => {
    expect(folderPath(folders, "f27a").map((f) => f.name)).toEqual(["Förderung", "2027", "Anträge"]);
    expect(folderPath(folders, null)).toEqual([]);
    expect(folderPath(folders, "nope")).toEqual([]);
  });

  it("ends a walk at a cycle instead of looping", () => {
    const cyclic = [folder("x", "X", "y"), folder("y", "Y", "x")];
    expect(folderPath(cyclic, "x").map((f) => f.name)).toEqual(["Y", "X"]);
  });

  it("lists child folders by name (numbers in order); a missing parent counts as the top", () => {
    expect(childFolders(folders, null, "de").map((f) => f.name)).toEqual(["Ablauf", "Förderung", "Verwaist"]);
    expect(childFolders(folders, "f", "de").map((f) => f.name)).toEqual(["2026", "2027"]);
  });

  it("shows documents of a missing folder at the top level", () => {
    const docs = [doc("1", "Zeitplan", null), doc("2", "Antrag", "f"), doc("3", "Budget", "deleted")];
    expect(documentsIn(docs, folders, null, "de").map((d) => d.title)).toEqual(["Budget", "Zeitplan"]);
    expect(documentsIn(docs, folders, "f", "de").map((d) => d.title)).toEqual(["Antrag"]);
  });

  it("offers every folder with its path, leaving out a folder being moved and its descendants", () => {
    expect(folderChoices(folders, "de").map((c) => c.label)).toEqual([
      "Ablauf",
      "Förderung",
      "Förderung / 2026",
      "Förderung / 2027",
      "Förderung / 2027 / Anträge",
      "Verwaist",
    ]);
    expect(folderChoices(folders, "de", "f27").map((c) => c.label)).toEqual([
      "Ablauf",
      "Förderung",
      "Förderung / 2026",
      "Verwaist",
    ]);
  });
});
