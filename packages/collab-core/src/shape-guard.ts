import { ShadowDocument } from "./shape-check.ts";
import type { YjsThread } from "./yjs-thread.ts";

export { DOCUMENT_FRAGMENT } from "./shape-check.ts";

/*
 * Design. Incoming edits are judged against the document's structure before they are stored or
 * passed on (shape-check.ts says what fits). That needs a Y.Doc of the document, a "shadow",
 * built from the room's bytes when the first edit arrives: ~200 ms per MB, 0.6–1.2 s for a 5.6 MB
 * document, during which the event loop (every other document of the process) used to stand still,
 * and the shadow was dropped whenever edits paused, so a large document paid again and again.
 *
 * - Small documents (under `threadMinBytes`, 256 KB: a build of at most a few tens of ms) keep the
 *   synchronous path: the shadow lives here, each update is judged as it arrives, no thread hop,
 *   so light-load latency does not grow. The shadow is dropped when edits stop (`rest`) — an idle
 *   room costs only its bytes — and rebuilt cheaply when they start again.
 * - Larger documents keep their shadow in the guard thread (yjs-thread.ts). Updates are judged
 *   there asynchronously but strictly in order: the room queues what arrives (see room.ts) and
 *   stores, broadcasts and acknowledges an update only after its verdict, in arrival order. The
 *   shadow is built off the event loop and kept until the room unloads, so it is built at most
 *   once per load; the thread bounds what all shadows together hold (least recently used dropped,
 *   rebuilt on demand), and its memory is freed when rooms unload and the thread ends.
 * - Stream to the thread: one request in flight per guard, carrying every update queued since
 *   (to judge, or to follow when accepted by another process). The thread answers a verdict per
 *   update handled; after a refusal (or with no shadow: first use, evicted, thread restarted) it
 *   stops, and the rest goes again with the room's current bytes — by then holding exactly the
 *   updates accepted so far, since verdicts are acted on synchronously before the next request.
 * - A thread that dies fails the updates it was judging ("failed"): the room closes those
 *   connections with "try again later" and stores nothing of them; the clients send them again
 *   when they reconnect (sync step 2), so nothing is lost and nothing unchecked is kept.
 * A document that grows past the threshold while its shadow is here keeps it here until edits
 * stop; the next build then goes to the thread. A mode never changes while updates are queued.
 */

/** A thread-judged update's outcome: fits, does not fit, or could not be judged (thread died). */
export type Verdict = "ok" | "refused" | "failed";

interface Op {
  update: Uint8Array;
  /** Set for updates to judge; followed updates (accepted elsewhere) have none. */
  verdict: ((verdict: Verdict) => void) | null;
}

export interface ShapeGuardOptions {
  /** The room's bytes now (base, middle, tail): what a shadow is built from. */
  currentState: () => readonly Uint8Array[];
  /** The room's size in bytes now. */
  size: () => number;
  /** The thread large documents are judged in (none: always judged here). */
  thread?: YjsThread | undefined;
  /** From this size on, a new shadow is built in the thread. */
  threadMinBytes?: number;
}

let nextGuardId = 0;

/**
 * Checks incoming updates against the shape of a Tiptap document before they are stored or
 * passed on: `Y.decodeUpdate` only proves the bytes parse, while a well-formed update of the wrong
 * shape would break the document for everyone, for good. See the design note above.
 */
export class ShapeGuard {
  private readonly options: ShapeGuardOptions;
  private local: ShadowDocument | null = null;
  /** In the thread: set once the room's checks went there (for the rest of the room's life). */
  private threaded = false;
  private readonly id = ++nextGuardId;
  private queue: Op[] = [];
  private inFlight = false;
  private dropping = false;
  /** The thread must get the room's bytes with the next request (it has no sound shadow). */
  private sendState = true;
  /** Shadows built, here and in the thread (tests and stats). */
  builds = 0;

  constructor(options: ShapeGuardOptions) {
    this.options = options;
  }

  /** Is a shadow document held on this thread (memory in use)? */
  get active(): boolean {
    return this.local !== null;
  }

  /** Are updates judged in the thread (asynchronously, with `check`)? Otherwise with `accept`. */
  get usesThread(): boolean {
    if (this.threaded) {
      return true;
    }
    const { thread, threadMinBytes } = this.options;
    return this.local === null && thread !== undefined && this.options.size() >= (threadMinBytes ?? Infinity);
  }

  /** Judges an update here and now; false (and nothing kept) when it does not fit. */
  accept(update: Uint8Array): boolean {
    if (!this.local) {
      this.local = new ShadowDocument(this.options.currentState());
      this.builds++;
    }
    const ok = this.local.accept(update);
    if (this.local.spoiled) {
      // the shadow now holds what was refused: rebuild it from the room's bytes next time
      this.dropLocal();
    }
    return ok;
  }

  /** Judges an update in the thread; `verdict` is called later, in the order of the calls. */
  check(update: Uint8Array, verdict: (verdict: Verdict) => void): void {
    const thread = this.options.thread;
    if (!thread) {
      verdict(this.accept(update) ? "ok" : "refused");
      return;
    }
    if (!this.threaded) {
      this.threaded = true;
      this.dropping = false;
      thread.hold();
    }
    this.queue.push({ update, verdict });
    this.pump();
  }

  /** An update accepted elsewhere (another process): keeps the shadow in step. */
  follow(update: Uint8Array): void {
    if (this.threaded) {
      this.queue.push({ update, verdict: null });
      this.pump();
      return;
    }
    if (this.local && !this.local.follow(update)) {
      this.dropLocal();
    }
  }

  /** Edits stopped: frees a shadow held on this thread (a thread's stays until `drop`). */
  rest(): void {
    this.dropLocal();
  }

  /**
   * Frees every shadow: the room unloads (it has nothing waiting for a verdict then). A request
   * still in flight finishes first; its shadow is dropped after it.
   */
  drop(): void {
    this.dropLocal();
    this.dropping = true;
    const queued = this.queue;
    this.queue = [];
    for (const op of queued) {
      op.verdict?.("failed");
    }
    if (!this.inFlight) {
      this.release();
    }
  }

  private release(): void {
    this.queue = [];
    if (!this.threaded) {
      return;
    }
    this.threaded = false;
    this.sendState = true;
    this.options.thread?.dropGuard(this.id);
    this.options.thread?.release();
  }

  private dropLocal(): void {
    this.local?.destroy();
    this.local = null;
  }

  private pump(): void {
    const thread = this.options.thread;
    if (this.dropping && !this.inFlight) {
      this.release();
      return;
    }
    if (this.inFlight || this.queue.length === 0 || !thread) {
      return;
    }
    const batch = this.queue;
    this.queue = [];
    this.inFlight = true;
    const state = this.sendState ? this.options.currentState() : null;
    if (state) {
      this.builds++;
    }
    const updates = batch.map((op) => op.update);
    thread
      .guard(
        this.id,
        state,
        batch.map((op) => op.verdict !== null),
        updates,
      )
      .then(
        (verdicts) => {
          this.inFlight = false;
          this.sendState = verdicts.length < batch.length;
          for (const [i, ok] of verdicts.entries()) {
            batch[i]?.verdict?.(ok ? "ok" : "refused");
          }
          // not judged (refused before them, or no shadow there): again, with the room's bytes
          this.queue = [...batch.slice(verdicts.length), ...this.queue];
          this.pump();
        },
        () => {
          this.inFlight = false;
          this.sendState = true;
          for (const op of batch) {
            op.verdict?.("failed");
          }
          this.pump();
        },
      );
  }
}
