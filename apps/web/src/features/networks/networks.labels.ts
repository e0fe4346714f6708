import type { AuditAction } from "@ensemble/contracts/audit";
import type { AuditActionKey } from "./networks.i18n.ts";

/** The i18n key of an audit action ("partner.joined" → "partner_joined"). */
export function auditActionKey(action: AuditAction): AuditActionKey {
  return action.replace(".", "_") as AuditActionKey;
}

/** A date without time in the reader's language, e.g. "23.11.2025". */
export function formatDate(iso: string, language: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) {
    return iso;
  }
  return new Intl.DateTimeFormat(language, { dateStyle: "medium" }).format(date);
}
