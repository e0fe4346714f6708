import type { Db } from "@ensemble/db/db";
import type { AuditEventRow } from "@ensemble/db/schema";

/** Where an audit event belongs: one organisation or one network. */
export type AuditScope = { organisationId: string } | { networkId: string };

export interface NewAuditEvent {
  scope: AuditScope;
  actorId: string | null;
  actorName: string;
  action: string;
  target: { kind: string; id: string | null; name: string };
  details?: Record<string, string>;
  ip: string | null;
  userAgent: string | null;
  at: Date;
}

function scopeColumns(scope: AuditScope) {
  return "organisationId" in scope
    ? { organisation_id: scope.organisationId, network_id: null }
    : { organisation_id: null, network_id: scope.networkId };
}

/** Appends one event. */
export async function insertAuditEvent(db: Db, e: NewAuditEvent): Promise<void> {
  await db
    .insertInto("audit_events")
    .values({
      ...scopeColumns(e.scope),
      actor_id: e.actorId,
      actor_name: e.actorName,
      action: e.action,
      target_kind: e.target.kind,
      target_id: e.target.id,
      target_name: e.target.name,
      details: JSON.stringify(e.details ?? {}),
      ip: e.ip,
      user_agent: e.userAgent,
      created_at: e.at,
    })
    .execute();
}

/** Newest first, `limit` events older than the event `before` (served by the scope's index). */
export function listAuditEvents(
  db: Db,
  scope: AuditScope,
  options: { before?: string | undefined; limit: number },
): Promise<AuditEventRow[]> {
  let q = db.selectFrom("audit_events").selectAll();
  q =
    "organisationId" in scope
      ? q.where("organisation_id", "=", scope.organisationId)
      : q.where("network_id", "=", scope.networkId);
  if (options.before) {
    q = q.where("id", "<", options.before);
  }
  return q.orderBy("id", "desc").limit(options.limit).execute();
}
