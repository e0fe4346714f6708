import { CloseCode, COLLAB_PATH, MESSAGE_AUTH, MESSAGE_SAVED } from "@ensemble/collab-core/protocol";
import { useCallback, useEffect, useState, useSyncExternalStore } from "react";
import { IndexeddbPersistence } from "y-indexeddb";
import * as authProtocol from "y-protocols/auth";
import { WebsocketProvider } from "y-websocket";
import * as Y from "yjs";
import {
  assignColors,
  awarenessUserIds,
  type ConnectionState,
  type Person,
  peopleFromAwareness,
  readSavedAck,
  type SaveState,
  SaveTracker,
} from "./documents.collab.ts";

/** Why the connection ended for good (the server said reconnecting cannot help). */
export type CollabEnd = "revoked" | "tooLarge" | "messageTooBig" | "failed";

/** What the editor page shows about the live connection. */
export interface CollabState {
  connection: ConnectionState;
  save: SaveState;
  ended: CollabEnd | null;
  /** The server refused my changes (it answered "read-only"): e.g. my role changed meanwhile. */
  writesRefused: boolean;
  /** Connection attempts in a row that never opened (a refused upgrade looks like this). */
  failedAttempts: number;
  people: Person[];
}

/** The signed-in person as the others see them (awareness `user`, shown by the caret). */
export interface CollabUser {
  id: string;
  name: string;
  color: string;
}

const INITIAL: CollabState = {
  connection: "connecting",
  save: "saved",
  ended: null,
  writesRefused: false,
  failedAttempts: 0,
  people: [],
};

function endFor(code: number): CollabEnd {
  switch (code) {
    case CloseCode.revoked:
      return "revoked";
    case CloseCode.documentTooLarge:
      return "tooLarge";
    case CloseCode.messageTooBig:
      return "messageTooBig";
    default:
      return "failed";
  }
}

/** The 4400–4499 codes are the server's final word; a single oversized message would only repeat. */
function shouldReconnect(event: CloseEvent): boolean {
  return !(event.code >= 4400 && event.code < 4500) && event.code !== CloseCode.messageTooBig;
}

/**
 * A WebSocket class for y-websocket (its `WebSocketPolyfill` option) that reports to the tracker
 * what each socket sends and which of it the server acknowledged as stored.
 */
function countingWebSocket(tracker: SaveTracker, changed: () => void): typeof WebSocket {
  return class CountingWebSocket extends WebSocket {
    private readonly trackerId: number;

    constructor(url: string | URL, protocols?: string | string[]) {
      super(url, protocols);
      const id = tracker.socketCreated();
      this.trackerId = id;
      // Listeners added here run before y-websocket's `onopen`/`onmessage`, which it sets later.
      this.addEventListener("open", () => {
        tracker.socketOpened(id);
        changed();
      });
      this.addEventListener("close", () => {
        tracker.socketClosed(id);
        changed();
      });
      this.addEventListener("message", (event: MessageEvent) => {
        const count = readSavedAck(event.data);
        if (count !== null) {
          tracker.ackReceived(id, count);
          changed();
        }
      });
    }

    override send(data: Parameters<WebSocket["send"]>[0]): void {
      if (data instanceof Uint8Array) {
        tracker.frameSent(this.trackerId, data);
      }
      super.send(data);
      changed();
    }

    override close(code?: number, reason?: string): void {
      // y-websocket closes sockets itself (disconnect, silent server): from now on nothing is sent.
      tracker.socketClosed(this.trackerId);
      super.close(code, reason);
      changed();
    }
  };
}

/**
 * One open document: the Y.Doc, its IndexedDB copy (`ensemble-doc-<userId>-<id>`, so offline edits survive
 * a reload) and the y-websocket provider to `/collab/<id>` with saved acknowledgements. Plain
 * TypeScript with a subscribe/getSnapshot pair, so React reads it through useSyncExternalStore.
 */
export class CollabSession {
  readonly ydoc = new Y.Doc();
  readonly provider: WebsocketProvider;
  private readonly persistence: IndexeddbPersistence | null;
  private readonly tracker: SaveTracker;
  /** Whether this device's copy holds changes not known to be stored (kept across visits). */
  private readonly unsavedMark: UnsavedMark;
  private readonly listeners = new Set<() => void>();
  private state: CollabState = INITIAL;
  private ended: CollabEnd | null = null;
  private writesRefused = false;
  private failedAttempts = 0;
  private openedSinceFailure = false;
  private people: Person[] = [];
  private destroyed = false;

  constructor(
    readonly documentId: string,
    private user: CollabUser,
    private readonly language: string,
  ) {
    // per person and document: on a shared browser, one person's copy never becomes another's edits
    const copyName = `${user.id}-${documentId}`;
    this.unsavedMark = unsavedMark(copyName);
    this.tracker = new SaveTracker(this.unsavedMark.wasSet);
    this.persistence = openLocalCopy(copyName, this.ydoc);
    const online = navigator.onLine;
    this.tracker.setOnline(online);
    const origin = window.location.origin.replace(/^http/, "ws");
    this.provider = new WebsocketProvider(`${origin}${COLLAB_PATH}`, documentId, this.ydoc, {
      connect: online,
      params: { acks: "1" },
      WebSocketPolyfill: countingWebSocket(this.tracker, this.refresh),
      shouldReconnect,
    });
    const provider = this.provider;
    // The acknowledgements are read by the counting socket; y-websocket only needs to accept them.
    provider.messageHandlers[MESSAGE_SAVED] = () => {};
    provider.messageHandlers[MESSAGE_AUTH] = (_encoder, decoder) => {
      authProtocol.readAuthMessage(decoder, this.ydoc, () => {
        this.writesRefused = true;
        this.refresh();
      });
    };
    provider.on("status", ({ status }) => {
      if (status === "connected") {
        this.openedSinceFailure = true;
        this.failedAttempts = 0;
      }
      this.refresh();
    });
    provider.on("connection-close", () => {
      if (!this.openedSinceFailure && navigator.onLine) {
        this.failedAttempts += 1;
      }
      this.openedSinceFailure = false;
      this.refresh();
    });
    provider.on("closed", ({ code }) => {
      this.end(endFor(code));
    });
    provider.awareness.setLocalStateField("user", { ...user });
    provider.awareness.on("change", this.refreshPeople);
    this.ydoc.on("update", this.onUpdate);
    window.addEventListener("online", this.onOnline);
    window.addEventListener("offline", this.onOffline);
    this.refreshPeople();
  }

  /** My changes (and those loaded from the local copy): sent now, or waiting for a connection. */
  private readonly onUpdate = (_update: Uint8Array, origin: unknown) => {
    if (origin === this.provider) {
      return;
    }
    // The device's copy loading: what of it is unsaved, the mark from the last visit says (a copy
    // that was all stored must not read "offline changes" on every visit). Without the mark
    // (no localStorage) every copy counts as possibly unsaved.
    if (origin === this.persistence && this.unsavedMark.available) {
      return;
    }
    const ws = this.provider.ws;
    this.tracker.localChange(this.provider.wsconnected && ws !== null && ws.readyState === WebSocket.OPEN);
    this.refresh();
  };

  /**
   * The browser lost the network: close the socket at once rather than wait for it to time out,
   * so the page says "offline" and edits are known to be waiting.
   */
  private readonly onOffline = () => {
    this.tracker.setOnline(false);
    this.provider.disconnect();
    this.refresh();
  };

  private readonly onOnline = () => {
    this.tracker.setOnline(true);
    if (!this.ended) {
      this.provider.connect();
    }
    this.refresh();
  };

  private readonly refreshPeople = () => {
    const states = this.provider.awareness.getStates();
    // Someone else may have my colour: take the one every client agrees I should have.
    const color = assignColors([this.user.id, ...awarenessUserIds(states)]).get(this.user.id);
    if (color !== undefined && color !== this.user.color) {
      this.user = { ...this.user, color };
      // announces the change, which brings us back here with nothing left to change
      this.provider.awareness.setLocalStateField("user", { ...this.user });
      return;
    }
    this.people = peopleFromAwareness(states, this.ydoc.clientID, this.user.id, this.language);
    this.refresh();
  };

  private end(reason: CollabEnd): void {
    if (this.ended) {
      return;
    }
    this.ended = reason;
    this.provider.disconnect();
    // Access ended, or the server refused what this copy holds: keep no copy that would be sent again.
    void this.persistence?.clearData().catch(() => {});
    this.unsavedMark.set(false);
    this.refresh();
  }

  /** The API says the document is gone for me: stop trying, and keep no copy (as on close 4403). */
  endAccess(): void {
    this.end("revoked");
  }

  /**
   * Drops the copy on this device (IndexedDB): after the server refused my changes (my role
   * changed), a copy holding them would show, and send again, what the others never see.
   */
  discardLocalCopy(): void {
    void this.persistence?.clearData().catch(() => {});
    this.unsavedMark.set(false);
  }

  /** Another name for me (e.g. the display name was changed meanwhile); the colour stays the session's. */
  setUser(user: CollabUser): void {
    if (user.name === this.user.name) {
      return;
    }
    this.user = { ...this.user, name: user.name };
    this.provider.awareness.setLocalStateField("user", { ...this.user });
  }

  /** Me as the others see me now (the colour may differ from my own; see assignColors). */
  currentUser(): CollabUser {
    return this.user;
  }

  readonly subscribe = (listener: () => void) => {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  };

  readonly getSnapshot = (): CollabState => this.state;

  /** Recomputes the snapshot; listeners hear only of real changes (sends happen per keystroke). */
  private readonly refresh = () => {
    if (this.destroyed) {
      return;
    }
    const { connection, save } = this.tracker.status();
    if (this.ended === null) {
      this.unsavedMark.set(save !== "saved");
    }
    const prev = this.state;
    if (
      prev.connection === connection &&
      prev.save === save &&
      prev.ended === this.ended &&
      prev.writesRefused === this.writesRefused &&
      prev.failedAttempts === this.failedAttempts &&
      prev.people === this.people
    ) {
      return;
    }
    this.state = {
      connection,
      save,
      ended: this.ended,
      writesRefused: this.writesRefused,
      failedAttempts: this.failedAttempts,
      people: this.people,
    };
    for (const listener of this.listeners) {
      listener();
    }
  };

  destroy(): void {
    this.destroyed = true;
    window.removeEventListener("online", this.onOnline);
    window.removeEventListener("offline", this.onOffline);
    this.provider.awareness.off("change", this.refreshPeople);
    this.ydoc.off("update", this.onUpdate);
    this.provider.destroy();
    void this.persistence?.destroy();
    this.ydoc.destroy();
    this.listeners.clear();
  }
}

interface UnsavedMark {
  /** localStorage works here. */
  readonly available: boolean;
  /** The last visit left changes not known to be stored. */
  readonly wasSet: boolean;
  set(unsaved: boolean): void;
}

/**
 * A mark in localStorage (`ensemble-doc-unsaved-<userId>-<id>`, no content) that this device's copy
 * holds changes the server has not acknowledged; written only when that changes.
 */
function unsavedMark(copyName: string): UnsavedMark {
  const key = `ensemble-doc-unsaved-${copyName}`;
  let current: boolean;
  try {
    current = localStorage.getItem(key) === "1";
  } catch {
    return { available: false, wasSet: false, set: () => {} };
  }
  return {
    available: true,
    wasSet: current,
    set(unsaved) {
      if (unsaved === current) {
        return;
      }
      current = unsaved;
      try {
        if (unsaved) {
          localStorage.setItem(key, "1");
        } else {
          localStorage.removeItem(key);
        }
      } catch {
        // storage full or switched off: the mark is a help, not a guarantee
      }
    },
  };
}

/** The local copy in IndexedDB; without IndexedDB (some private modes) the editor works online only. */
function openLocalCopy(copyName: string, ydoc: Y.Doc): IndexeddbPersistence | null {
  if (typeof indexedDB === "undefined") {
    return null;
  }
  try {
    return new IndexeddbPersistence(`ensemble-doc-${copyName}`, ydoc);
  } catch {
    return null;
  }
}

const noSubscribe = () => () => {};
const initialSnapshot = () => INITIAL;

/**
 * The live collaboration of one document for the signed-in person: a CollabSession opened for
 * as long as the page shows the document, and its state (connection, save state, people, end).
 */
export function useCollaboration(
  documentId: string,
  user: CollabUser,
  language: string,
): { session: CollabSession | null; state: CollabState; restart(): void } {
  const [session, setSession] = useState<CollabSession | null>(null);
  // A new generation opens a new session (after a session ended, e.g. the document came back from the trash).
  const [generation, setGeneration] = useState(0);
  const userId = user.id;
  // biome-ignore lint/correctness/useExhaustiveDependencies: a new name updates the session (below), it does not reopen it; a new generation does
  useEffect(() => {
    const opened = new CollabSession(documentId, user, language);
    setSession(opened);
    return () => {
      opened.destroy();
      setSession(null);
    };
  }, [documentId, userId, generation]);
  useEffect(() => {
    session?.setUser(user);
  }, [session, user]);
  const state = useSyncExternalStore(
    session ? session.subscribe : noSubscribe,
    session ? session.getSnapshot : initialSnapshot,
  );
  const restart = useCallback(() => setGeneration((n) => n + 1), []);
  return { session, state, restart };
}
