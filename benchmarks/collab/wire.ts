import * as encoding from "lib0/encoding";

/**
 * The two dialects the simulated clients speak. Both carry y-protocols sync and awareness
 * messages; Hocuspocus (v2+) prefixes every frame with the document name and waits for an auth
 * message before it handles anything else.
 */
export type Dialect = "y-websocket" | "hocuspocus";

/** The Yjs fragment Tiptap's Collaboration extension edits (paragraph elements holding texts). */
export const DOCUMENT_FRAGMENT = "default";

export const MSG_SYNC = 0;
export const MSG_AWARENESS = 1;
export const MSG_AUTH = 2;
/** Hocuspocus: a sync message that must not be answered with another step 1. */
export const MSG_HP_SYNC_REPLY = 4;
/** Hocuspocus: "your update was applied" (one boolean). */
export const MSG_HP_SYNC_STATUS = 8;
/** Ensemble: "this many of your update-bearing messages are stored" (one varuint; `?acks=1`). */
export const MSG_SAVED = 100;

export const SYNC_STEP1 = 0;
export const SYNC_STEP2 = 1;
export const SYNC_UPDATE = 2;

/** Hocuspocus auth sub-types (server → client). */
export const HP_AUTH_PERMISSION_DENIED = 1;
export const HP_AUTH_AUTHENTICATED = 2;

/** Builds the frames one client sends, in its server's dialect. */
export class Framer {
  constructor(
    readonly dialect: Dialect,
    readonly documentName: string,
  ) {}

  private begin(type: number): encoding.Encoder {
    const e = encoding.createEncoder();
    if (this.dialect === "hocuspocus") {
      encoding.writeVarString(e, this.documentName);
    }
    encoding.writeVarUint(e, type);
    return e;
  }

  /** A sync message (step 1 carries a state vector, step 2 and update carry an update). */
  sync(sub: number, payload: Uint8Array): Uint8Array {
    const e = this.begin(MSG_SYNC);
    encoding.writeVarUint(e, sub);
    encoding.writeVarUint8Array(e, payload);
    return encoding.toUint8Array(e);
  }

  /** One client's awareness state (y-protocols encoding: count, then id, clock, JSON). */
  awareness(clientId: number, clock: number, state: string): Uint8Array {
    const inner = encoding.createEncoder();
    encoding.writeVarUint(inner, 1);
    encoding.writeVarUint(inner, clientId);
    encoding.writeVarUint(inner, clock);
    encoding.writeVarString(inner, state);
    const e = this.begin(MSG_AWARENESS);
    encoding.writeVarUint8Array(e, encoding.toUint8Array(inner));
    return encoding.toUint8Array(e);
  }

  /** Hocuspocus's first frame: auth, token sub-type, an empty token. */
  auth(): Uint8Array {
    const e = this.begin(MSG_AUTH);
    encoding.writeVarUint(e, 0);
    encoding.writeVarString(e, "");
    return encoding.toUint8Array(e);
  }
}
