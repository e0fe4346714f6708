import { parentPort } from "node:worker_threads";
import * as Y from "yjs";
import { mergeIntoSnapshot } from "./merge.ts";
import { type ThreadReply, type ThreadRequest, unpack } from "./yjs-thread.wire.ts";

/**
 * The Yjs thread: the work whose cost grows with a document's size, done off the event loop that
 * serves every document. It gets bytes and returns bytes; the database and the room's state stay
 * with the main thread. See yjs-thread.ts.
 */

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
