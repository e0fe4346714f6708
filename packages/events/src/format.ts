import type { LiveEvent } from "@ensemble/contracts/events";

/**
 * The wire format of the live stream (text/event-stream, WHATWG HTML "Server-sent events"): each
 * message is `id:` (the event's id), `event:` (its type) and one `data:` line (the contract's
 * envelope as JSON; JSON.stringify never writes a raw line break, so one line always suffices).
 */

/** One stored event as the stream reads it. */
export interface EventRow {
  id: string;
  type: string;
  project_id: string | null;
  organisation_id: string | null;
  network_id: string | null;
  user_id: string | null;
  actor_id: string | null;
  data: unknown;
  created_at: Date | string;
}

/** The type of the marker row that retention leaves where it cut the log (see retention.ts). */
export const PRUNED_MARKER = "events.pruned";

const SAFE_FIELD = /^[\w.-]+$/;

/** The contract envelope of a stored event. */
export function envelopeOf(row: EventRow): LiveEvent {
  const at = row.created_at instanceof Date ? row.created_at.toISOString() : String(row.created_at);
  return {
    id: String(row.id),
    at,
    actorId: row.actor_id,
    type: row.type,
    data: row.data,
  } as LiveEvent;
}

/** The SSE message for an event (undefined for a type that could break the framing). */
export function eventMessage(envelope: LiveEvent): string | undefined {
  if (!SAFE_FIELD.test(envelope.type) || !/^\d+$/.test(envelope.id)) {
    return undefined;
  }
  return `id: ${envelope.id}\nevent: ${envelope.type}\ndata: ${JSON.stringify(envelope)}\n\n`;
}

/**
 * A message that dispatches nothing but sets the client's last event id (and, when given, its
 * reconnection delay): EventSource records `id:` even when a message has no data, so a client
 * that saw no event it may read still resumes from here, not from where it connected.
 */
export function positionMessage(id: bigint | undefined, retryMs?: number, comment?: string): string {
  const lines: string[] = [];
  if (comment !== undefined) {
    lines.push(`: ${comment.replace(/[\r\n]/g, " ")}`);
  }
  if (retryMs !== undefined) {
    lines.push(`retry: ${Math.max(0, Math.round(retryMs))}`);
  }
  if (id !== undefined) {
    lines.push(`id: ${id}`);
  }
  return `${lines.join("\n")}\n\n`;
}

/** A heartbeat: a comment line (ignored by clients), which keeps proxies and dead-peer checks honest. */
export function heartbeatMessage(id?: bigint): string {
  return positionMessage(id, undefined, "heartbeat");
}

/** Parses a Last-Event-ID / `after` value; undefined when it is not one of our ids. */
export function parseEventId(value: string | null | undefined): bigint | undefined {
  if (value === null || value === undefined) {
    return undefined;
  }
  const trimmed = value.trim();
  if (!/^\d{1,19}$/.test(trimmed)) {
    return undefined;
  }
  const id = BigInt(trimmed);
  return id <= 9_223_372_036_854_775_807n ? id : undefined;
}
