import { parentPort, workerData } from "node:worker_threads";
import * as Y from "yjs";
import { mergeIntoSnapshot } from "./merge.ts";
import { ShadowDocument } from "./shape-check.ts";
import { type ThreadData, type ThreadReply, type ThreadRequest, unpack } from "./yjs-thread.wire.ts";

/**
 * The Yjs thread: the work whose cost grows with a document's size, done off the event loop that
 * serves every document. It gets bytes and returns bytes; the database and the room's state stay
 * with the main thread. See yjs-thread.ts.
 */

interface Held {
  shadow: ShadowDocument;
  bytes: number;
}

const shadows = new Map<number, Held>();
const budget = (workerData as ThreadData | undefined)?.shadowBudgetBytes ?? Number.POSITIVE_INFINITY;

function dropShadow(guard: number): void {
  shadows.get(guard)?.shadow.destroy();
  shadows.delete(guard);
}

/** Makes room for `bytes` more by dropping the least recently used shadows (rebuilt when asked again). */
function makeRoom(bytes: number): void {
  let held = 0;
  for (const h of shadows.values()) {
    held += h.bytes;
  }
  for (const [guard, h] of shadows) {
    if (held + bytes <= budget) {
      return;
    }
    held -= h.bytes;
    dropShadow(guard);
  }
}

function guard(request: Extract<ThreadRequest, { type: "guard" }>): boolean[] {
  let held = shadows.get(request.guard);
  if (request.state) {
    dropShadow(request.guard);
    const parts = unpack(request.state);
    const bytes = request.state.buffer.byteLength;
    makeRoom(bytes);
    held = { shadow: new ShadowDocument(parts), bytes };
  }
  if (!held) {
    return [];
  }
  // most recently used last
  shadows.delete(request.guard);
  shadows.set(request.guard, held);
  const updates = unpack(request.updates);
  const verdicts: boolean[] = [];
  for (const [i, check] of request.checks.entries()) {
    const update = updates[i] as Uint8Array;
    if (check) {
      verdicts.push(held.shadow.accept(update));
    } else {
      held.shadow.follow(update);
      verdicts.push(true);
    }
    held.bytes += update.byteLength;
    if (held.shadow.spoiled) {
      dropShadow(request.guard);
      break;
    }
  }
  return verdicts;
}

function handle(port: NonNullable<typeof parentPort>, request: ThreadRequest): void {
  switch (request.type) {
    case "merge": {
      const parts = unpack(request.parts);
      const snapshot = request.hasSnapshot ? (parts.shift() as Uint8Array) : null;
      // copies, so the reply owns its buffers and can hand them over (the input's holds more)
      const state = mergeIntoSnapshot(snapshot, parts).slice();
      const stateVector = Y.encodeStateVectorFromUpdate(state).slice();
      port.postMessage({ type: "merged", id: request.id, state, stateVector } satisfies ThreadReply, [
        state.buffer,
        stateVector.buffer,
      ]);
      return;
    }
    case "stateVector": {
      const [state] = unpack(request.state);
      const stateVector = Y.encodeStateVectorFromUpdate(state as Uint8Array).slice();
      port.postMessage({ type: "stateVector", id: request.id, stateVector } satisfies ThreadReply, [
        stateVector.buffer,
      ]);
      return;
    }
    case "diff": {
      const [state] = unpack(request.state);
      const update = Y.diffUpdate(state as Uint8Array, request.stateVector).slice();
      port.postMessage({ type: "diffed", id: request.id, update } satisfies ThreadReply, [update.buffer]);
      return;
    }
    case "guard":
      port.postMessage({ type: "guarded", id: request.id, verdicts: guard(request) } satisfies ThreadReply);
      return;
    case "drop":
      dropShadow(request.guard);
      return;
  }
}

const port = parentPort;
if (!port) {
  throw new Error("yjs-thread.worker.ts runs only as a worker thread (see yjs-thread.ts).");
}
port.on("message", (request: ThreadRequest) => {
  try {
    handle(port, request);
  } catch (err) {
    if ("id" in request) {
      port.postMessage({
        type: "failed",
        id: request.id,
        message: err instanceof Error ? err.message : String(err),
      } satisfies ThreadReply);
    }
  }
});
port.postMessage({ type: "ready" } satisfies ThreadReply);
