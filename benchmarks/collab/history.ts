import { mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import * as Y from "yjs";
import { ROOT } from "./servers.ts";
import { nowMs } from "./stats.ts";
import { DOCUMENT_FRAGMENT } from "./wire.ts";

/**
 * A document with a long history: 10^6 edits (characters typed and deleted in short runs at
 * scattered places, now and then a new paragraph; a dozen authors), shaped like a Tiptap document,
 * ≈ 5 MB of Yjs state. Built once and kept in
 * node_modules/.cache/ensemble-bench (rebuilt when missing).
 */
export interface History {
  edits: number;
  /** State after all but the last `tail.length` edits (what a snapshot row holds). */
  snapshot: Uint8Array;
  /** The last edits, one update each (what the update log holds after the snapshot). */
  tail: Uint8Array[];
  /** Everything, as one update. */
  full: Uint8Array;
  /** State vector of `snapshot`: a client that was away while the tail was written. */
  snapshotVector: Uint8Array;
  textLength: number;
}

const VERSION = 2;

function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function build(edits: number, tailCount: number): History {
  const next = random(20261201);
  const doc = new Y.Doc();
  const fragment = doc.getXmlFragment(DOCUMENT_FRAGMENT);
  const lines: Y.XmlText[] = [];
  const newParagraph = (): void => {
    const text = new Y.XmlText();
    const paragraph = new Y.XmlElement("paragraph");
    paragraph.insert(0, [text]);
    fragment.insert(Math.floor(next() * (lines.length + 1)), [paragraph]);
    lines.push(text);
  };
  let line: Y.XmlText | null = null;
  let cursor = 0;
  let runLeft = 0;
  let deleting = false;
  let snapshot: Uint8Array | null = null;
  let snapshotVector: Uint8Array | null = null;
  const tail: Uint8Array[] = [];
  for (let e = 0; e < edits; e++) {
    if (e === edits - tailCount) {
      snapshot = Y.encodeStateAsUpdate(doc);
      snapshotVector = Y.encodeStateVector(doc);
      doc.on("update", (u: Uint8Array) => tail.push(u));
    }
    if (e % 5000 === 0) {
      doc.clientID = 7_000_000 + Math.floor(next() * 12);
    }
    // Enter: a new paragraph now and then (one edit)
    if (lines.length === 0 || next() < 0.002) {
      newParagraph();
      runLeft = 0;
      continue;
    }
    if (runLeft === 0 || !line) {
      line = lines[Math.floor(next() * lines.length)] ?? null;
      cursor = Math.floor(next() * ((line?.length ?? 0) + 1));
      runLeft = 1 + Math.floor(next() * 9);
      deleting = next() < 0.15;
    }
    if (!line) {
      continue;
    }
    if (deleting && cursor > 0) {
      line.delete(cursor - 1, 1);
      cursor--;
    } else {
      line.insert(cursor, String.fromCharCode(97 + (e % 26)));
      cursor++;
    }
    runLeft--;
  }
  const full = Y.encodeStateAsUpdate(doc);
  return {
    edits,
    snapshot: snapshot ?? full,
    tail,
    full,
    snapshotVector: snapshotVector ?? Y.encodeStateVector(doc),
    textLength: lines.reduce((n, l) => n + l.length, 0),
  };
}

function pack(h: History): Buffer {
  const parts: Uint8Array[] = [h.snapshot, h.full, h.snapshotVector, ...h.tail];
  const header = Buffer.alloc(4 * (5 + parts.length));
  header.writeUInt32LE(VERSION, 0);
  header.writeUInt32LE(h.edits, 4);
  header.writeUInt32LE(h.textLength, 8);
  header.writeUInt32LE(h.tail.length, 12);
  header.writeUInt32LE(parts.length, 16);
  for (const [i, p] of parts.entries()) {
    header.writeUInt32LE(p.byteLength, 20 + 4 * i);
  }
  return Buffer.concat([header, ...parts]);
}

function unpack(buf: Buffer): History | null {
  if (buf.byteLength < 20 || buf.readUInt32LE(0) !== VERSION) {
    return null;
  }
  const count = buf.readUInt32LE(16);
  let offset = 20 + 4 * count;
  const parts: Uint8Array[] = [];
  for (let i = 0; i < count; i++) {
    const len = buf.readUInt32LE(20 + 4 * i);
    parts.push(new Uint8Array(buf.subarray(offset, offset + len)));
    offset += len;
  }
  const [snapshot, full, snapshotVector, ...tail] = parts;
  if (!snapshot || !full || !snapshotVector) {
    return null;
  }
  return {
    edits: buf.readUInt32LE(4),
    textLength: buf.readUInt32LE(8),
    snapshot,
    full,
    snapshotVector,
    tail,
  };
}

/** Loads the cached history or builds it (≈ 20 s for 10^6 edits). */
export function loadHistory(edits: number, tailCount: number, log: (line: string) => void): History {
  const dir = join(ROOT, "node_modules", ".cache", "ensemble-bench");
  const file = join(dir, `history-${edits}-${tailCount}-v${VERSION}.bin`);
  try {
    const cached = unpack(readFileSync(file));
    if (cached && cached.edits === edits && cached.tail.length === tailCount) {
      return cached;
    }
  } catch {
    // not built yet
  }
  log(`building a ${edits.toLocaleString("en")}-edit document history (once; cached in ${file}) …`);
  const started = nowMs();
  const history = build(edits, tailCount);
  mkdirSync(dir, { recursive: true });
  writeFileSync(`${file}.tmp`, pack(history));
  renameSync(`${file}.tmp`, file);
  log(
    `  built in ${((nowMs() - started) / 1000).toFixed(1)} s: ${(history.full.byteLength / 1e6).toFixed(2)} MB`,
  );
  return history;
}
