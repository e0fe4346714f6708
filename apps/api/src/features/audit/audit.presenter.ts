import { AuditAction, type AuditEvent } from "@ensemble/contracts/audit";
import type { AuditEventRow } from "@ensemble/db/schema";

/** A stored event as the API shows it. */
export function presentAuditEvent(row: AuditEventRow): AuditEvent {
  return {
    id: String(row.id),
    at: new Date(row.created_at).toISOString(),
    action: AuditAction.parse(row.action),
    actor: { id: row.actor_id, name: row.actor_name },
    target: { kind: row.target_kind, id: row.target_id, name: row.target_name },
    details: row.details ?? {},
    ip: row.ip,
  };
}
