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
  | { type: "stateVector"; id: number; state: Packed };

/** What the thread answers: ready once loaded, then one reply per request with an id. */
export type ThreadReply =
  | { type: "ready" }
  | { type: "merged"; id: number; state: Uint8Array; stateVector: Uint8Array }
  | { type: "stateVector"; id: number; stateVector: Uint8Array }
  | { type: "failed"; id: number; message: string };
