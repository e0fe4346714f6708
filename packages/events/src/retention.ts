import type { Db } from "@ensemble/db/db";
import { PRUNED_MARKER } from "./format.ts";

/**
 * Retention of the event log. Events older than the window are deleted, except that the newest
 * of them stays as a marker row with its content erased (type `events.pruned`, no scope, empty
 * data): the marker says "everything up to here was cut". A client resuming from an id below it
 * missed events for good and gets `stream.reset`; one resuming from it or later missed nothing.
 * Comparing with the oldest id alone would not do: ids of transactions that rolled back are
 * never used, so a gap between ids proves nothing.
 */

/** Deletes events created before `cutoff`; answers how many events were removed. */
export async function pruneEvents(db: Db, cutoff: Date): Promise<number> {
  return db.transaction().execute(async (trx) => {
    const edge = await trx
      .selectFrom("events")
      .select(["id", "type"])
      .where("created_at", "<", cutoff)
      .orderBy("id", "desc")
      .limit(1)
      .executeTakeFirst();
    if (!edge) {
      return 0;
    }
    const deleted = await trx.deleteFrom("events").where("id", "<", edge.id).executeTakeFirst();
    if (edge.type === PRUNED_MARKER) {
      return Number(deleted.numDeletedRows);
    }
    await trx
      .updateTable("events")
      .set({
        type: PRUNED_MARKER,
        project_id: null,
        organisation_id: null,
        network_id: null,
        user_id: null,
        actor_id: null,
        data: "{}",
      })
      .where("id", "=", edge.id)
      .execute();
    return Number(deleted.numDeletedRows) + 1;
  });
}

/** Where the log stands: the newest id (0 when empty) and the retention marker's id, if any. */
export interface LogPosition {
  newest: bigint;
  prunedUpTo: bigint | undefined;
}

/** Reads the log's position (two index lookups). */
export async function logPosition(db: Db): Promise<LogPosition> {
  const [oldest, newest] = await Promise.all([
    db.selectFrom("events").select(["id", "type"]).orderBy("id", "asc").limit(1).executeTakeFirst(),
    db.selectFrom("events").select("id").orderBy("id", "desc").limit(1).executeTakeFirst(),
  ]);
  return {
    newest: newest ? BigInt(newest.id) : 0n,
    prunedUpTo: oldest && oldest.type === PRUNED_MARKER ? BigInt(oldest.id) : undefined,
  };
}

/**
 * Did a client that saw everything up to `after` miss events it can no longer get? Yes when
 * retention cut past it, and when its id is ahead of the log (the database was replaced or
 * restored from a backup: what it holds may not exist here).
 */
export function mustReset(after: bigint, position: LogPosition): boolean {
  if (after > position.newest) {
    return true;
  }
  return position.prunedUpTo !== undefined && after < position.prunedUpTo;
}
