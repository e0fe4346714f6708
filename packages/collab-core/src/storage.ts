import type { Db } from "@ensemble/db/db";
import { sql } from "kysely";
import * as Y from "yjs";
import { EMPTY_STATE, mergeBounded, mergeIntoSnapshot } from "./merge.ts";
import { mergeThread, THREAD_MIN_BYTES, type YjsThread } from "./yjs-thread.ts";

export { EMPTY_STATE, mergeBounded };

/**
 * Where a document's Yjs state lives in PostgreSQL (or PGlite): one compacted snapshot plus an
 * append-only log of updates since. Used by the collaboration server (group commit, compaction)
 * and by the API (new documents, duplicates, exports, versions), so both read the same truth.
 */

/** How many logged updates one compaction folds in at most (a longer log takes several). */
const COMPACT_BATCH = 5000;

export interface StoredUpdate {
  seq: bigint;
  data: Uint8Array;
}

export interface StoredState {
  /** The compacted state, or null when the document has none yet. */
  snapshot: Uint8Array | null;
  /** The snapshot's state vector, when stored with it. */
  stateVector: Uint8Array | null;
  /** The highest sequence number folded into the snapshot (for information: see `compactDocument`). */
  snapshotSeq: bigint;
  /** The tail: the updates still in the log, in order. */
  updates: StoredUpdate[];
}

function bytes(value: Uint8Array): Uint8Array {
  // pg hands back Buffers; Yjs wants plain views (a Buffer is one, but keep copies cheap and exact)
  return value instanceof Uint8Array
    ? new Uint8Array(value.buffer, value.byteOffset, value.byteLength)
    : value;
}

/**
 * Reads snapshot and tail as of one moment: read apart, a compaction committing in between would
 * leave the old snapshot without the rows it folded in, or mix two snapshots' slices. On its own,
 * one repeatable-read transaction; inside a caller's transaction (kysely nests none, and it may
 * read committed), the snapshot row is share-locked first, so no compaction commits until the
 * caller's transaction ends.
 */
export async function loadStoredState(db: Db, documentId: string): Promise<StoredState> {
  if (db.isTransaction) {
    return readStoredState(db, documentId, true);
  }
  return db
    .transaction()
    .setIsolationLevel("repeatable read")
    .execute((trx) => readStoredState(trx, documentId, false));
}

/**
 * A snapshot is read in slices of this many bytes. `pg` receives a `bytea` as hex text and turns
 * it into bytes on the event loop: one 5.6 MB snapshot was an 11 MB string and 170–270 ms in
 * which every other document of the process stood still (a room loading, a compaction). Read in
 * slices, each stall is a few milliseconds and other work runs between them. The column is stored
 * uncompressed (migration 2026_12_02_0000), so a slice is read without decompressing from the start.
 */
export const SNAPSHOT_SLICE_BYTES = 128 * 1024;

/**
 * The snapshot's bytes, `size` long, read slice by slice (see `SNAPSHOT_SLICE_BYTES`). Call it
 * inside a transaction that holds the row still (repeatable read or a row lock), so all slices
 * come from the same version.
 */
async function readSnapshotBytes(db: Db, documentId: string, size: number): Promise<Uint8Array> {
  const out = new Uint8Array(size);
  for (let offset = 0; offset < size; offset += SNAPSHOT_SLICE_BYTES) {
    const row = await db
      .selectFrom("document_snapshots")
      .select(sql<Uint8Array>`substring(state from ${offset + 1} for ${SNAPSHOT_SLICE_BYTES})`.as("part"))
      .where("document_id", "=", documentId)
      .executeTakeFirstOrThrow();
    if (row.part.byteLength !== Math.min(SNAPSHOT_SLICE_BYTES, size - offset)) {
      throw new Error(`document ${documentId}: the snapshot changed while it was read`);
    }
    out.set(row.part, offset);
  }
  return out;
}

async function readStoredState(db: Db, documentId: string, lockRow: boolean): Promise<StoredState> {
  const query = db
    .selectFrom("document_snapshots")
    .select(["state_vector", "snapshot_seq", sql<number>`octet_length(state)`.as("size")])
    .where("document_id", "=", documentId);
  const head = await (lockRow ? query.forShare() : query).executeTakeFirst();
  const snap = head
    ? { ...head, state: await readSnapshotBytes(db, documentId, Number(head.size)) }
    : undefined;
  const snapshotSeq = BigInt(snap?.snapshot_seq ?? 0);
  // every row still in the log is unmerged: compaction deletes exactly the rows it folded in, so
  // a row that committed late with a lower sequence number is kept (never hidden by a watermark)
  const rows = await db
    .selectFrom("document_updates")
    .select(["seq", "data"])
    .where("document_id", "=", documentId)
    .orderBy("seq")
    .execute();
  return {
    snapshot: snap ? bytes(snap.state) : null,
    stateVector: snap?.state_vector ? bytes(snap.state_vector) : null,
    snapshotSeq,
    updates: rows.map((r) => ({ seq: BigInt(r.seq), data: bytes(r.data) })),
  };
}

/**
 * Where large merges run: small documents merge on the calling thread (a thread hop would cost
 * more), larger ones in a Yjs thread so the event loop keeps serving everyone else.
 */
export interface MergeOptions {
  /** The thread (default: the process's `mergeThread`). */
  thread?: YjsThread;
  /** From this many bytes of input on, merge in the thread (default `THREAD_MIN_BYTES`). */
  threadMinBytes?: number;
}

function inputBytes(snapshot: Uint8Array | null, updates: readonly Uint8Array[]): number {
  let total = snapshot?.byteLength ?? 0;
  for (const u of updates) {
    total += u.byteLength;
  }
  return total;
}

/** A snapshot with updates folded in, and its state vector: on this thread when small, else in the thread. */
export async function mergeState(
  snapshot: Uint8Array | null,
  updates: readonly Uint8Array[],
  options: MergeOptions = {},
): Promise<{ state: Uint8Array; stateVector: Uint8Array }> {
  if (inputBytes(snapshot, updates) < (options.threadMinBytes ?? THREAD_MIN_BYTES)) {
    const state = mergeIntoSnapshot(snapshot, updates);
    return { state, stateVector: Y.encodeStateVectorFromUpdate(state) };
  }
  return (options.thread ?? mergeThread).merge(snapshot, updates);
}

/** The document's whole durable state as one update (snapshot and tail merged). */
export async function readDocumentState(
  db: Db,
  documentId: string,
  options: MergeOptions = {},
): Promise<Uint8Array> {
  const stored = await loadStoredState(db, documentId);
  const updates = stored.updates.map((u) => u.data);
  if (updates.length === 0) {
    return stored.snapshot ?? EMPTY_STATE;
  }
  return (await mergeState(stored.snapshot, updates, options)).state;
}

/** Sets the first state of a new document (from a template, an import or a duplicate). */
export async function initDocumentState(
  db: Db,
  documentId: string,
  state: Uint8Array,
  options: MergeOptions = {},
): Promise<void> {
  const state_vector =
    state.byteLength < (options.threadMinBytes ?? THREAD_MIN_BYTES)
      ? Y.encodeStateVectorFromUpdate(state)
      : await (options.thread ?? mergeThread).stateVector(state);
  await db
    .insertInto("document_snapshots")
    .values({ document_id: documentId, state, state_vector, snapshot_seq: 0 })
    .onConflict((oc) => oc.column("document_id").doUpdateSet({ state, state_vector, updated_at: new Date() }))
    .execute();
}

export interface PendingUpdate {
  documentId: string;
  data: Uint8Array;
  userId: string | null;
}

/** Appends updates in one statement (the group commit's write). */
export async function appendUpdates(db: Db, updates: readonly PendingUpdate[]): Promise<void> {
  if (updates.length === 0) {
    return;
  }
  await db
    .insertInto("document_updates")
    .values(updates.map((u) => ({ document_id: u.documentId, data: u.data, user_id: u.userId })))
    .execute();
}

/** Marks who changed the documents last and when (one statement per document and commit). */
export async function touchDocuments(
  db: Db,
  touched: ReadonlyMap<string, string | null>,
  at: Date,
): Promise<void> {
  for (const [documentId, userId] of touched) {
    await db
      .updateTable("documents")
      .set({ updated_at: at, ...(userId ? { updated_by: userId } : {}) })
      .where("id", "=", documentId)
      .execute();
  }
}

/**
 * Folds the logged tail into the snapshot, under a row lock so two processes never compact the
 * same document at once. Reads from the database, not from a process's memory: with several
 * collaboration processes, the log holds updates this process may not have seen yet. Deletes
 * exactly the rows it read (never "everything up to the highest number seen": an insert from
 * another process may commit later with a lower number). Returns how many updates were folded in.
 * A large document is merged in the Yjs thread, the lock held meanwhile; if the merge fails, so
 * does the compaction, and nothing changes.
 */
export async function compactDocument(
  db: Db,
  documentId: string,
  options: MergeOptions = {},
): Promise<number> {
  return db.transaction().execute(async (trx) => {
    // lock (or create) the snapshot row first: compactions of one document queue up here
    await trx
      .insertInto("document_snapshots")
      .values({ document_id: documentId, state: EMPTY_STATE, state_vector: null, snapshot_seq: 0 })
      .onConflict((oc) => oc.column("document_id").doNothing())
      .execute();
    const head = await trx
      .selectFrom("document_snapshots")
      .select(["snapshot_seq", sql<number>`octet_length(state)`.as("size")])
      .where("document_id", "=", documentId)
      .forUpdate()
      .executeTakeFirstOrThrow();
    const rows = await trx
      .selectFrom("document_updates")
      .select(["seq", "data"])
      .where("document_id", "=", documentId)
      .orderBy("seq")
      .limit(COMPACT_BATCH)
      .execute();
    if (rows.length === 0) {
      return 0;
    }
    // read only once there is something to fold in, slice by slice under the row lock
    const snap = { ...head, state: await readSnapshotBytes(trx, documentId, Number(head.size)) };
    const seqs = rows.map((r) => r.seq);
    const last = rows.reduce((max, r) => (BigInt(r.seq) > BigInt(max) ? r.seq : max), snap.snapshot_seq);
    // the merge (0.3–0.5 s for a 5 MB document) runs in the Yjs thread when large; if that thread
    // dies, this throws, the transaction rolls back and the log stays for the next attempt
    const { state, stateVector } = await mergeState(
      bytes(snap.state),
      rows.map((r) => bytes(r.data)),
      options,
    );
    await trx
      .updateTable("document_snapshots")
      .set({
        state,
        state_vector: stateVector,
        snapshot_seq: last as never,
        updated_at: sql`now()` as never,
      })
      .where("document_id", "=", documentId)
      .execute();
    // exactly the rows folded in: another process's insert that took a lower number but commits
    // after this read stays in the log and is folded in next time
    await trx
      .deleteFrom("document_updates")
      .where("document_id", "=", documentId)
      .where("seq", "in", seqs as never[])
      .execute();
    return rows.length;
  });
}
