import type { AuditAction, AuditPage } from "@ensemble/contracts/audit";
import type { Db } from "@ensemble/db/db";
import type { Caller } from "../../lib/caller.ts";
import { presentAuditEvent } from "./audit.presenter.ts";
import type { AuditScope } from "./audit.repo.ts";
import * as repo from "./audit.repo.ts";

const PAGE = 50;
/** CSV exports are bounded; larger histories are exported page by page through the API. */
const CSV_MAX = 50_000;

/** Records who did what to which target, from where, at the service's clock. */
export function recordAudit(
  db: Db,
  caller: Caller,
  at: Date,
  scope: AuditScope,
  action: AuditAction,
  target: { kind: string; id: string | null; name: string },
  details: Record<string, string> = {},
): Promise<void> {
  return repo.insertAuditEvent(db, {
    scope,
    actorId: caller.user.id,
    actorName: caller.user.display_name,
    action,
    target,
    details,
    // An organisation's log is read by its own admins; a network's by the coordination, who
    // have no business with the addresses of other organisations' people (DSGVO: data economy).
    ip: "organisationId" in scope ? caller.meta.ip : null,
    userAgent: "organisationId" in scope ? caller.meta.userAgent : null,
    at,
  });
}

/** One page of a scope's events (authorisation is the caller's job). */
export async function auditPage(db: Db, scope: AuditScope, before: string | undefined): Promise<AuditPage> {
  const rows = await repo.listAuditEvents(db, scope, { before, limit: PAGE + 1 });
  const events = rows.slice(0, PAGE).map(presentAuditEvent);
  const last = events[events.length - 1];
  return { events, nextCursor: rows.length > PAGE && last ? last.id : null };
}

/** Quotes a CSV cell; cells that a spreadsheet would run as a formula are defused with a quote. */
function csvCell(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return `"${safe.replaceAll('"', '""')}"`;
}

/** The whole log of a scope as CSV (UTF-8 with BOM so spreadsheet programs read umlauts). */
export async function auditCsv(db: Db, scope: AuditScope): Promise<string> {
  const rows = await repo.listAuditEvents(db, scope, { limit: CSV_MAX });
  const header = [
    "time",
    "action",
    "actor",
    "actor_id",
    "target_kind",
    "target",
    "target_id",
    "details",
    "ip",
  ];
  const lines = [header.map(csvCell).join(",")];
  for (const row of rows) {
    const e = presentAuditEvent(row);
    const details = Object.entries(e.details)
      .map(([k, v]) => `${k}=${v}`)
      .join("; ");
    lines.push(
      [
        e.at,
        e.action,
        e.actor.name,
        e.actor.id ?? "",
        e.target.kind,
        e.target.name,
        e.target.id ?? "",
        details,
        e.ip ?? "",
      ]
        .map(csvCell)
        .join(","),
    );
  }
  return `\uFEFF${lines.join("\r\n")}\r\n`;
}
