/**
 * The wire facts shared by the collaboration server and the web client. The protocol is the
 * standard y-websocket one (y-protocols sync and awareness); Ensemble adds one message type and a
 * few close codes, which stock clients never see unless they ask (`?acks=1`).
 */

/** y-websocket message types. */
export const MESSAGE_SYNC = 0;
export const MESSAGE_AWARENESS = 1;
export const MESSAGE_AUTH = 2;
export const MESSAGE_QUERY_AWARENESS = 3;
/**
 * Ensemble's "saved" acknowledgement, sent only to connections opened with `?acks=1`: one varuint,
 * the number of update-bearing sync messages (sync step 2 or update) received on this connection
 * that are now durably stored. A client that counts what it sent knows exactly when its edits are
 * safe (Outline #3230: show "saved" only for what is stored).
 */
export const MESSAGE_SAVED = 100;

/** y-protocols sync sub-types. */
export const SYNC_STEP1 = 0;
export const SYNC_STEP2 = 1;
export const SYNC_UPDATE = 2;

/** Close codes (4000–4999 are the application's). */
export const CloseCode = {
  /** A frame that is not the y-websocket protocol, or an update Yjs cannot read. */
  malformed: 4400,
  /** Access was withdrawn while connected (removed from the project, document trashed). */
  revoked: 4403,
  /** The document would grow past the size limit. */
  documentTooLarge: 4413,
  /** The server is shutting down; reconnect (to another process). */
  goingAway: 1001,
  /** The client does not keep up with what it is sent (or floods us while loading); reconnect later. */
  tryAgainLater: 1013,
  /** A single message over the size limit (WebSocket standard). */
  messageTooBig: 1009,
} as const;

/** The path under which the collaboration server listens: `/collab/<documentId>`. */
export const COLLAB_PATH = "/collab";

/** True when a client-sent frame carries document content (sync step 2 or update). */
export function isUpdateBearing(frame: Uint8Array): boolean {
  return (
    frame.length > 1 && frame[0] === MESSAGE_SYNC && (frame[1] === SYNC_STEP2 || frame[1] === SYNC_UPDATE)
  );
}
