import type { DocumentTemplate } from "@ensemble/contracts/documents";
import type { TemplateListRow } from "./document-templates.repo.ts";

/** A saved template as the contract shows it (built-ins are made in document-templates.builtin.ts). */
export function presentTemplate(row: TemplateListRow, canDelete: boolean): DocumentTemplate {
  return {
    id: row.id,
    name: row.name,
    description: row.description,
    source: row.organisation_id ? "organisation" : "network",
    owner: row.organisation_id
      ? { kind: "organisation", id: row.organisation_id, name: row.owner_name }
      : { kind: "network", id: row.network_id ?? "", name: row.owner_name },
    canDelete,
  };
}
