import { isUpdateBearing, MESSAGE_SAVED, SYNC_STEP2 } from "@ensemble/collab-core/protocol";
import * as decoding from "lib0/decoding";

/*
 * The pure part of the collaboration wiring: when are my edits durably stored? The server
 * acknowledges, per connection, how many update-bearing messages it has stored (message 100 with
 * `?acks=1`). The client counts what it sends on each socket; its edits are saved when every one
 * of them is acknowledged and nothing is waiting that was made while no socket was open. Kept free
 * of React, y-websocket and the DOM so that it can be tested on its own (documents.collab.test.ts).
 */

/** How the document is connected: first attempt, live, trying again, or no network at all. */
export type ConnectionState = "connecting" | "connected" | "reconnecting" | "offline";

/**
 * Whether my edits are stored on the server ("saved"), on their way ("saving"), made without a
 * connection and now being synchronised ("syncing"), or waiting for a connection ("pendingOffline").
 */
export type SaveState = "saved" | "saving" | "syncing" | "pendingOffline";

export interface SyncStatus {
  connection: ConnectionState;
  save: SaveState;
}

/**
 * Counts what one client sends and what the server acknowledges, socket by socket. Every socket
 * gets an id from `socketCreated`; reports about a socket that is no longer the current one are
 * ignored (a late "close" of an old socket must not reset the new one's counters).
 */
export class SaveTracker {
  private socket = 0;
  private open = false;
  private sent = 0;
  private acked = 0;
  /** Changes the server may lack that were made while they could not be sent. */
  private pending: boolean;
  /** The changes that were pending are in flight on this socket (until all is acknowledged). */
  private flushing = false;
  private everOpened = false;
  private online = true;

  /**
   * `unsavedBefore`: an earlier visit on this device left changes that were never acknowledged
   * (they are in the device's copy and go out with the first sync step 2).
   */
  constructor(unsavedBefore = false) {
    this.pending = unsavedBefore;
  }

  /** A new socket replaces the current one; what the old one had not got acknowledged is pending. */
  socketCreated(): number {
    this.settleCurrent();
    this.socket += 1;
    return this.socket;
  }

  socketOpened(id: number): void {
    if (id !== this.socket) {
      return;
    }
    this.open = true;
    this.everOpened = true;
  }

  /** The socket closed (or is being closed): its unacknowledged messages may be lost. */
  socketClosed(id: number): void {
    if (id !== this.socket) {
      return;
    }
    this.settleCurrent();
  }

  private settleCurrent(): void {
    if (this.acked < this.sent) {
      // Not known to be stored: the next connection's sync step 2 sends whatever the server lacks.
      this.pending = true;
    }
    this.open = false;
    this.flushing = false;
    this.sent = 0;
    this.acked = 0;
  }

  /**
   * A frame went out on socket `id`. Sync step 2 is the client's answer to the server's state
   * vector: it carries everything the server lacks, so whatever was waiting is now in flight.
   */
  frameSent(id: number, frame: Uint8Array): void {
    if (id !== this.socket || !this.open || !isUpdateBearing(frame)) {
      return;
    }
    this.sent += 1;
    if (frame[1] === SYNC_STEP2 && this.pending) {
      this.pending = false;
      this.flushing = true;
    }
  }

  /** The server has stored the first `count` update-bearing messages of socket `id`. */
  ackReceived(id: number, count: number): void {
    if (id !== this.socket) {
      return;
    }
    this.acked = Math.max(this.acked, Math.min(count, this.sent));
    if (this.acked === this.sent) {
      this.flushing = false;
    }
  }

  /**
   * A change of mine happened in the document. `sentNow`: the provider sent it right away (its
   * socket is open); otherwise it waits for the next connection.
   */
  localChange(sentNow: boolean): void {
    if (!sentNow) {
      this.pending = true;
    }
  }

  /** The browser's idea of the network (the `online`/`offline` events). */
  setOnline(online: boolean): void {
    this.online = online;
  }

  status(): SyncStatus {
    const connection: ConnectionState = !this.online
      ? "offline"
      : this.open
        ? "connected"
        : this.everOpened
          ? "reconnecting"
          : "connecting";
    const save: SaveState = this.pending
      ? this.open
        ? "syncing"
        : "pendingOffline"
      : this.acked < this.sent
        ? this.flushing
          ? "syncing"
          : "saving"
        : "saved";
    return { connection, save };
  }
}

/** The count of a "saved" acknowledgement, or null for any other message. */
export function readSavedAck(data: unknown): number | null {
  const bytes =
    data instanceof ArrayBuffer ? new Uint8Array(data) : data instanceof Uint8Array ? data : undefined;
  if (!bytes || bytes.length < 2) {
    return null;
  }
  try {
    const decoder = decoding.createDecoder(bytes);
    if (decoding.readVarUint(decoder) !== MESSAGE_SAVED) {
      return null;
    }
    return decoding.readVarUint(decoder);
  } catch {
    return null;
  }
}

/**
 * Caret colours: each takes white label text at ≥ 4.5:1 (the caret label is white on the colour),
 * and they are far enough apart to tell people apart.
 */
export const PERSON_COLORS = [
  "#1f4fbf",
  "#b42318",
  "#146c43",
  "#7a2e9e",
  "#9a3c00",
  "#0b6574",
  "#9d174d",
  "#5c4d00",
] as const;

function colorIndex(id: string): number {
  // FNV-1a: cheap, and spreads similar ids (UUIDs) evenly over the palette.
  let hash = 0x811c9dc5;
  for (let i = 0; i < id.length; i++) {
    hash ^= id.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return (hash >>> 0) % PERSON_COLORS.length;
}

/** A person's own colour, the same on every device and every visit (derived from their id). */
export function personColor(id: string): string {
  return PERSON_COLORS[colorIndex(id)] ?? PERSON_COLORS[0];
}

/**
 * The colours of the people in a document: everyone their own colour where possible. Two people
 * whose ids give the same colour would look alike, so in a fixed order (by id) each takes the
 * first colour from their own onwards that nobody before them took. Every client computes the
 * same answer from the same people, so nobody needs to coordinate; with more people than
 * colours, the later ones keep their own.
 */
export function assignColors(ids: Iterable<string>): Map<string, string> {
  const sorted = [...new Set(ids)].sort();
  const taken = new Set<number>();
  const out = new Map<string, string>();
  for (const id of sorted) {
    const own = colorIndex(id);
    let chosen = own;
    for (let step = 0; step < PERSON_COLORS.length; step++) {
      const candidate = (own + step) % PERSON_COLORS.length;
      if (!taken.has(candidate)) {
        chosen = candidate;
        break;
      }
    }
    taken.add(chosen);
    out.set(id, PERSON_COLORS[chosen] ?? PERSON_COLORS[0]);
  }
  return out;
}

/** The account ids in awareness states (clients that said who they are). */
export function awarenessUserIds(states: ReadonlyMap<number, unknown>): string[] {
  const ids: string[] = [];
  for (const state of states.values()) {
    const id = awarenessUser(state)?.id;
    if (id !== undefined) {
      ids.push(id);
    }
  }
  return ids;
}

/** Someone in the document, from their awareness state. */
export interface Person {
  /** The account id when the client said it; otherwise the awareness client id. */
  key: string;
  name: string;
  color: string;
  isMe: boolean;
}

function awarenessUser(state: unknown): { id?: string; name: string; color: string } | null {
  if (typeof state !== "object" || state === null || !("user" in state)) {
    return null;
  }
  const user: unknown = state.user;
  if (typeof user !== "object" || user === null) {
    return null;
  }
  const name = "name" in user && typeof user.name === "string" ? user.name.trim() : "";
  const color = "color" in user && typeof user.color === "string" ? user.color : "";
  if (name === "") {
    return null;
  }
  const id = "id" in user && typeof user.id === "string" ? user.id : undefined;
  return id === undefined ? { name, color } : { id, name, color };
}

/**
 * The people in the document from the awareness states: each person once (two tabs of one person
 * are one entry), me first, then by name. States without a name (other tools) are left out.
 */
export function peopleFromAwareness(
  states: ReadonlyMap<number, unknown>,
  myClientId: number,
  myUserId: string,
  language: string,
): Person[] {
  const people = new Map<string, Person>();
  for (const [clientId, state] of states) {
    const user = awarenessUser(state);
    if (!user) {
      continue;
    }
    const isMe = clientId === myClientId || user.id === myUserId;
    const key = isMe ? myUserId : (user.id ?? `client:${clientId}`);
    if (!people.has(key)) {
      people.set(key, { key, name: user.name, color: user.color, isMe });
    }
  }
  const collator = new Intl.Collator(language, { sensitivity: "base" });
  return [...people.values()].sort((a, b) =>
    a.isMe !== b.isMe ? (a.isMe ? -1 : 1) : collator.compare(a.name, b.name),
  );
}
