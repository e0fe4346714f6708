import {
  MESSAGE_AWARENESS,
  MESSAGE_SAVED,
  MESSAGE_SYNC,
  SYNC_STEP1,
  SYNC_STEP2,
  SYNC_UPDATE,
} from "@ensemble/collab-core/protocol";
import * as encoding from "lib0/encoding";
import { describe, expect, it } from "vitest";
import {
  assignColors,
  awarenessUserIds,
  PERSON_COLORS,
  peopleFromAwareness,
  personColor,
  readSavedAck,
  SaveTracker,
} from "./documents.collab.ts";

const update = Uint8Array.of(MESSAGE_SYNC, SYNC_UPDATE, 1, 0);
const step2 = Uint8Array.of(MESSAGE_SYNC, SYNC_STEP2, 1, 0);
const step1 = Uint8Array.of(MESSAGE_SYNC, SYNC_STEP1, 1, 0);
const awareness = Uint8Array.of(MESSAGE_AWARENESS, 1, 0);

function connected(): { tracker: SaveTracker; id: number } {
  const tracker = new SaveTracker();
  const id = tracker.socketCreated();
  tracker.socketOpened(id);
  tracker.frameSent(id, step1);
  tracker.frameSent(id, step2);
  tracker.ackReceived(id, 1);
  return { tracker, id };
}

describe("SaveTracker", () => {
  it("is connecting before the first socket opens, then connected and saved", () => {
    const tracker = new SaveTracker();
    const id = tracker.socketCreated();
    expect(tracker.status()).toEqual({ connection: "connecting", save: "saved" });
    tracker.socketOpened(id);
    expect(tracker.status()).toEqual({ connection: "connected", save: "saved" });
  });

  it("is saving until every update-bearing message is acknowledged, and ignores the others", () => {
    const { tracker, id } = connected();
    tracker.localChange(true);
    tracker.frameSent(id, update);
    tracker.frameSent(id, awareness);
    tracker.frameSent(id, update);
    expect(tracker.status().save).toBe("saving");
    tracker.ackReceived(id, 2);
    expect(tracker.status().save).toBe("saving");
    tracker.ackReceived(id, 3);
    expect(tracker.status().save).toBe("saved");
  });

  it("never counts an acknowledgement for more than was sent", () => {
    const { tracker, id } = connected();
    tracker.ackReceived(id, 10);
    tracker.frameSent(id, update);
    expect(tracker.status().save).toBe("saving");
  });

  it("keeps changes made without a socket pending until a later socket's step 2 is acknowledged", () => {
    const { tracker, id } = connected();
    tracker.socketClosed(id);
    tracker.localChange(false);
    expect(tracker.status()).toEqual({ connection: "reconnecting", save: "pendingOffline" });
    const next = tracker.socketCreated();
    tracker.socketOpened(next);
    expect(tracker.status()).toEqual({ connection: "connected", save: "syncing" });
    tracker.frameSent(next, step1);
    tracker.frameSent(next, step2);
    tracker.frameSent(next, update);
    expect(tracker.status().save).toBe("syncing");
    tracker.ackReceived(next, 1);
    expect(tracker.status().save).toBe("syncing");
    tracker.ackReceived(next, 2);
    expect(tracker.status().save).toBe("saved");
    tracker.frameSent(next, update);
    expect(tracker.status().save).toBe("saving");
  });

  it("treats messages a closed socket never got acknowledged as pending", () => {
    const { tracker, id } = connected();
    tracker.frameSent(id, update);
    tracker.socketClosed(id);
    expect(tracker.status().save).toBe("pendingOffline");
    // an acknowledgement arriving late on the old socket changes nothing
    const next = tracker.socketCreated();
    tracker.ackReceived(id, 2);
    tracker.socketClosed(id);
    expect(tracker.status().save).toBe("pendingOffline");
    tracker.socketOpened(next);
    tracker.frameSent(next, step2);
    tracker.ackReceived(next, 1);
    expect(tracker.status().save).toBe("saved");
  });

  it("counts a socket replaced without a close report like a closed one", () => {
    const { tracker, id } = connected();
    tracker.frameSent(id, update);
    tracker.socketCreated();
    expect(tracker.status().save).toBe("pendingOffline");
  });

  it("reports offline whenever the browser says so, keeping what is pending", () => {
    const { tracker, id } = connected();
    tracker.setOnline(false);
    tracker.socketClosed(id);
    tracker.localChange(false);
    expect(tracker.status()).toEqual({ connection: "offline", save: "pendingOffline" });
    tracker.setOnline(true);
    expect(tracker.status().connection).toBe("reconnecting");
  });

  it("starts with what an earlier visit left unsaved, until the first sync step 2 is acknowledged", () => {
    const tracker = new SaveTracker(true);
    const id = tracker.socketCreated();
    expect(tracker.status()).toEqual({ connection: "connecting", save: "pendingOffline" });
    tracker.socketOpened(id);
    tracker.frameSent(id, step2);
    expect(tracker.status().save).toBe("syncing");
    tracker.ackReceived(id, 1);
    expect(tracker.status().save).toBe("saved");
  });

  it("does not count frames on a socket that is not open", () => {
    const tracker = new SaveTracker();
    const id = tracker.socketCreated();
    tracker.frameSent(id, update);
    tracker.socketOpened(id);
    expect(tracker.status().save).toBe("saved");
  });
});

describe("readSavedAck", () => {
  it("reads the count of a saved acknowledgement", () => {
    const e = encoding.createEncoder();
    encoding.writeVarUint(e, MESSAGE_SAVED);
    encoding.writeVarUint(e, 300);
    const bytes = encoding.toUint8Array(e);
    expect(readSavedAck(bytes)).toBe(300);
    expect(readSavedAck(bytes.slice().buffer)).toBe(300);
  });

  it("returns null for other messages and for garbage", () => {
    expect(readSavedAck(update)).toBeNull();
    expect(readSavedAck(Uint8Array.of(MESSAGE_SAVED))).toBeNull();
    expect(readSavedAck(Uint8Array.of(MESSAGE_SAVED, 0xff))).toBeNull();
    expect(readSavedAck("text")).toBeNull();
  });
});

function luminance(hex: string): number {
  const channel = (i: number) => {
    const c = Number.parseInt(hex.slice(1 + 2 * i, 3 + 2 * i), 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * channel(0) + 0.7152 * channel(1) + 0.0722 * channel(2);
}

describe("personColor", () => {
  it("is stable per id and takes white text at 4.5:1 or more", () => {
    const id = "0b7c4f0e-5f5e-4d1a-9f3e-2d8e1c3b4a5f";
    expect(personColor(id)).toBe(personColor(id));
    for (const color of PERSON_COLORS) {
      expect((1.05 / (luminance(color) + 0.05)).toFixed(2), color).toSatisfy((r: string) => Number(r) >= 4.5);
    }
  });

  it("spreads ids over the palette", () => {
    const used = new Set(Array.from({ length: 200 }, (_, i) => personColor(`user-${i}-${i * 7919}`)));
    expect(used.size).toBe(PERSON_COLORS.length);
  });
});

describe("assignColors", () => {
  // ids whose own colours are the same, found by search so the test does not depend on the hash
  const ids = Array.from({ length: 400 }, (_, i) => `user-${i}`);
  const first = ids[0] ?? "";
  const twin = ids.find((id) => id !== first && personColor(id) === personColor(first)) ?? "";

  it("gives a lone person their own colour", () => {
    expect(assignColors([first]).get(first)).toBe(personColor(first));
  });

  it("gives two people of the same own colour different colours, whatever the order", () => {
    expect(twin).not.toBe("");
    const one = assignColors([first, twin]);
    const other = assignColors([twin, first, twin]);
    expect(one.get(first)).not.toBe(one.get(twin));
    expect(other).toEqual(one);
  });

  it("runs out of colours gracefully: with more people than colours, everyone still has one", () => {
    const many = assignColors(ids.slice(0, PERSON_COLORS.length + 3));
    expect(new Set(many.values()).size).toBe(PERSON_COLORS.length);
    expect(many.size).toBe(PERSON_COLORS.length + 3);
  });

  it("reads the ids of the clients that said who they are", () => {
    const states = new Map<number, unknown>([
      [1, { user: { id: "a", name: "A" } }],
      [2, { user: { name: "No id" } }],
      [3, {}],
    ]);
    expect(awarenessUserIds(states)).toEqual(["a"]);
  });
});

describe("peopleFromAwareness", () => {
  it("lists each person once, me first, then by name; skips states without a name", () => {
    const states = new Map<number, unknown>([
      [1, { user: { id: "u-zoe", name: "Zoë Ziegler", color: "#1f4fbf" } }],
      [2, { user: { id: "u-me", name: "Anna Amsel", color: "#b42318" } }],
      [3, { user: { id: "u-zoe", name: "Zoë Ziegler", color: "#1f4fbf" } }],
      [4, { user: { id: "u-ben", name: "Ben Bauer", color: "#146c43" } }],
      [5, { cursor: null }],
      [6, { user: { name: "  " } }],
      [7, null],
    ]);
    const people = peopleFromAwareness(states, 2, "u-me", "de");
    expect(people.map((p) => [p.name, p.isMe])).toEqual([
      ["Anna Amsel", true],
      ["Ben Bauer", false],
      ["Zoë Ziegler", false],
    ]);
  });
});
