import type { LiveEventData, LiveEventType } from "@ensemble/contracts/events";
import type { Db } from "@ensemble/db/db";
import { sql } from "kysely";

/**
 * The event log: every change others should see live is appended in the transaction that makes
 * it (so an event exists exactly when its change does), and read back by id by the live stream.
 */

/** An event to append; its scope decides who may receive it (see the stream's filter). */
export type NewEvent = {
  [T in Exclude<LiveEventType, "stream.reset">]: {
    type: T;
    data: LiveEventData<T>;
    /** Who caused it (null: the system). */
    actorId: string | null;
    /** Scope: exactly one of these is set. */
    projectId?: string;
    organisationId?: string;
    networkId?: string;
    /** Addressed to one person only. */
    userId?: string;
  };
}[Exclude<LiveEventType, "stream.reset">];

/** Any number: the lock that puts event ids in commit order (see appendEvent). */
const EVENT_ORDER_LOCK = 7_231_004;

/**
 * Appends events inside the caller's transaction; call it last in the transaction. It takes a
 * transaction-level advisory lock before taking ids, so event-writing transactions commit one
 * after the other and ids become visible in increasing order: a reader that saw id N never
 * later finds a smaller id appear. (A plain sequence hands out ids at insert time; a transaction
 * that took id 10 and commits after the one that took 11 would be skipped by "after 11".)
 * The lock is held only from here to the commit.
 */
export async function appendEvents(trx: Db, events: readonly NewEvent[]): Promise<string[]> {
  if (events.length === 0) {
    return [];
  }
  if (!trx.isTransaction) {
    throw new Error("appendEvents must run inside the transaction that makes the change");
  }
  await sql`select pg_advisory_xact_lock(${EVENT_ORDER_LOCK})`.execute(trx);
  const rows = await trx
    .insertInto("events")
    .values(
      events.map((e) => ({
        type: e.type,
        project_id: e.projectId ?? null,
        organisation_id: e.organisationId ?? null,
        network_id: e.networkId ?? null,
        user_id: e.userId ?? null,
        actor_id: e.actorId,
        data: JSON.stringify(e.data),
      })),
    )
    .returning("id")
    .execute();
  return rows.map((r) => String(r.id));
}

/** One event; see appendEvents. */
export async function appendEvent(trx: Db, event: NewEvent): Promise<string> {
  const [id] = await appendEvents(trx, [event]);
  return id as string;
}
