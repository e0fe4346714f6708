/** The messages between the main thread and the Yjs thread (yjs-thread.ts, yjs-thread.worker.ts). */

/** Several byte strings in one buffer (one copy, transferred rather than cloned). */
export interface Packed {
  buffer: ArrayBuffer;
  lengths: number[];
}

/** Copies parts into one exactly sized buffer (pg hands out views into shared pools: never clone those). */
export function pack(parts: readonly Uint8Array[]): Packed {
  let total = 0;
  for (const p of parts) {
    total += p.byteLength;
  }
  const out = new Uint8Array(total);
  let offset = 0;
  for (const p of parts) {
    out.set(p, offset);
    offset += p.byteLength;
  }
  return { buffer: out.buffer, lengths: parts.map((p) => p.byteLength) };
}

/** The parts of a packed buffer (views, no copy). */
export function unpack(packed: Packed): Uint8Array[] {
  const parts: Uint8Array[] = [];
  let offset = 0;
  for (const length of packed.lengths) {
    parts.push(new Uint8Array(packed.buffer, offset, length));
    offset += length;
  }
  return parts;
}

/** What the main thread asks. */
export type ThreadRequest =
  | { type: "merge"; id: number; hasSnapshot: boolean; parts: Packed }
  | { type: "stateVector"; id: number; state: Packed }
  /** What of `state` a client with `stateVector` lacks (`Y.diffUpdate`). */
  | { type: "diff"; id: number; state: Packed; stateVector: Uint8Array }
  | {
      type: "guard";
      id: number;
      guard: number;
      /** The document's bytes, to build the shadow from (replacing any held). */
      state: Packed | null;
      /** Per update: judge it (true), or follow it (accepted elsewhere). */
      checks: boolean[];
      updates: Packed;
    }
  | { type: "drop"; guard: number };

/** What the thread answers: ready once loaded, then one reply per request with an id. */
export type ThreadReply =
  | { type: "ready" }
  | { type: "merged"; id: number; state: Uint8Array; stateVector: Uint8Array }
  | { type: "stateVector"; id: number; stateVector: Uint8Array }
  | { type: "diffed"; id: number; update: Uint8Array }
  /**
   * Verdicts for the updates handled, in order (`true` for followed ones). Fewer than sent when
   * the shadow was missing (none at all), refused one (it is the last) or could not follow one:
   * the rest must come again with the document's bytes.
   */
  | { type: "guarded"; id: number; verdicts: boolean[] }
  | { type: "failed"; id: number; message: string };

export interface ThreadData {
  /** Shadows kept at most, in bytes of the state they were built from (least recently used go first). */
  shadowBudgetBytes: number;
}
