import { randomUUID } from "node:crypto";
import { appendEvent } from "@ensemble/events/log";
import { pruneEvents } from "@ensemble/events/retention";
import { sql } from "kysely";
import { beforeAll, describe, expect, it } from "vitest";
import {
  createDocument,
  documentsWorld,
  joinProject,
  openThread,
  recordRevocations,
} from "../../test/documents.ts";
import { useTestApp } from "../../test/harness.ts";
import { type SseClient, useStreams } from "../../test/sse.ts";
import { createOrganisation, type Person, person } from "../../test/tenancy.ts";

// Signals only (no periodic read within a test), so every delivery here proves the notifier path;
// a heartbeat every second so the position messages can be seen.
const t = useTestApp({
  eventHub: { pollMs: 60_000, heartbeatMs: 1_000, scopeRefreshMs: 60_000, maxPerUser: 4 },
});
const onPostgres = Boolean(process.env.TEST_DATABASE_URL);

const streams = useStreams(t);
let world: Awaited<ReturnType<typeof documentsWorld>>;
let otto: Person;
let ottoProject: string;

beforeAll(async () => {
  world = await documentsWorld(t);
  otto = await person(t, "Otto Outsider");
  const org = await createOrganisation(otto.client, { name: "Anderer Verein" });
  const created = await otto.client.post("/api/projects", { organisationId: org.id, name: "Eigenes" });
  expect(created.status, created.text).toBe(201);
  ottoProject = created.json.project.id;
});

/** Opens a stream for `who` and remembers it for closing. */
async function connect(
  who: { client: { cookie: string | undefined } } | undefined,
  options: { lastEventId?: string; query?: string } = {},
): Promise<SseClient> {
  return streams.open(who, options);
}

/** Appends a `document.comments.changed` event about `projectId` as a service would, and signals it. */
async function append(projectId: string, documentId: string = randomUUID()): Promise<string> {
  const id = await t.deps.db.transaction().execute((trx) =>
    appendEvent(trx, {
      type: "document.comments.changed",
      actorId: null,
      projectId,
      data: { projectId, documentId },
    }),
  );
  t.deps.events.notify();
  return id;
}

/** The stream has told its position (it is registered and replayed): events from now on are live. */
function ready(c: SseClient): Promise<void> {
  return c.until((x) => x.lastEventId !== undefined, 5_000, "the stream's first position");
}

describe("GET /api/events", () => {
  it("answers 401 without a session, as JSON, and holds nothing open", async () => {
    const c = await connect(undefined);
    expect(c.status).toBe(401);
    expect(c.json().error.code).toBe("unauthenticated");
    expect(t.deps.eventHub.size).toBe(0);
  });

  it("answers 422 for an `after` that is not an event id", async () => {
    const c = await connect(world.editor, { query: "after=abc" });
    expect(c.status).toBe(422);
    expect((await connect(world.editor, { query: "after=1&x=2" })).status).toBe(422);
  });

  it("streams unbuffered text/event-stream with a reconnection hint and the position to resume from", async () => {
    const c = await connect(world.editor);
    expect(c.status).toBe(200);
    expect(c.headers?.get("content-type")).toMatch(/^text\/event-stream/);
    expect(c.headers?.get("cache-control")).toBe("no-cache, no-transform");
    expect(c.headers?.get("x-accel-buffering")).toBe("no");
    expect(c.headers?.get("content-encoding")).toBeNull();
    await ready(c);
    const retry = c.messages.find((m) => m.retry !== undefined)?.retry ?? 0;
    expect(retry).toBeGreaterThanOrEqual(1_000);
    expect(retry).toBeLessThanOrEqual(10_000);
    // nothing was dispatched: the position messages carry no data
    expect(c.events).toEqual([]);
  });

  it("delivers an event about a project to its members within a second, and nothing of it to another organisation's member", async () => {
    const [editor, viewer, outsider] = await Promise.all([
      connect(world.editor),
      connect(world.viewer),
      connect(otto),
    ]);
    await Promise.all([ready(editor), ready(viewer), ready(outsider)]);
    const started = Date.now();
    const id = await append(world.project.id, "doc-1");
    await editor.untilEvents(1, 1_000);
    await viewer.untilEvents(1, 1_000);
    expect(Date.now() - started).toBeLessThan(1_000);
    const [event] = editor.events;
    expect(event).toMatchObject({
      sseId: id,
      type: "document.comments.changed",
      envelope: { id, actorId: null, data: { projectId: world.project.id, documentId: "doc-1" } },
    });
    expect(Number.isNaN(Date.parse(event?.envelope.at ?? ""))).toBe(false);
    // Otto gets his own project's event, which comes after: so the other one was never sent to him
    const own = await append(ottoProject);
    await outsider.untilEvents(1);
    expect(outsider.events.map((e) => e.sseId)).toEqual([own]);
    expect(editor.events.map((e) => e.sseId)).toEqual([id]);
    // and the project itself is not found for him
    expect((await otto.client.get(`/api/projects/${world.project.id}`)).status).toBe(404);
  });

  it("moves a client's position past events it may not read (heartbeat with an id)", async () => {
    const outsider = await connect(otto);
    await ready(outsider);
    const hidden = await append(world.project.id);
    await outsider.until(
      (c) => BigInt(c.lastEventId ?? "0") >= BigInt(hidden),
      5_000,
      "a heartbeat carrying the position",
    );
    const beat = outsider.messages.find((m) => m.comments.includes("heartbeat") && m.id === hidden);
    expect(beat?.data).toBeUndefined();
    expect(outsider.events).toEqual([]);
  });

  it("resumes after a disconnect with exactly the missed events, in order, then goes on live without duplicates", async () => {
    const first = await connect(world.editor);
    await ready(first);
    const seen = await append(world.project.id);
    await first.untilEvents(1);
    first.close();
    await expect.poll(() => t.deps.eventHub.size).toBe(0);

    const missed = [await append(world.project.id), await append(world.project.id)];
    await append(ottoProject); // not his
    missed.push(await append(world.project.id));

    const again = await connect(world.editor, { lastEventId: first.lastEventId ?? seen });
    await again.untilEvents(3);
    expect(again.events.map((e) => e.sseId)).toEqual(missed);
    const live = await append(world.project.id);
    await again.untilEvents(4);
    expect(again.events.map((e) => e.sseId)).toEqual([...missed, live]);
    expect(again.events.some((e) => e.type === "stream.reset")).toBe(false);
  });

  it("resumes from ?after= for clients that cannot send the header; the header wins when both are sent", async () => {
    const before = await append(world.project.id);
    const next = await append(world.project.id);
    const byQuery = await connect(world.editor, { query: `after=${before}` });
    await byQuery.untilEvents(1);
    expect(byQuery.events.map((e) => e.sseId)).toEqual([next]);
    byQuery.close();
    const both = await connect(world.editor, { query: "after=0", lastEventId: next });
    await ready(both);
    const after = await append(world.project.id);
    await both.untilEvents(1);
    expect(both.events.map((e) => e.sseId)).toEqual([after]);
  });

  it("sends one stream.reset first when the events since the client's id were pruned, then goes on", async () => {
    const old = await append(world.project.id);
    await append(world.project.id);
    const newest = await append(world.project.id);
    // the retention window passed for everything so far
    await pruneEvents(t.deps.db, new Date(Date.now() + 60_000));
    const c = await connect(world.editor, { lastEventId: old });
    await c.untilEvents(1);
    const [reset] = c.events;
    expect(reset?.type).toBe("stream.reset");
    expect(BigInt(reset?.sseId ?? "0")).toBeGreaterThanOrEqual(BigInt(newest));
    const live = await append(world.project.id);
    await c.untilEvents(2);
    expect(c.events.map((e) => e.type)).toEqual(["stream.reset", "document.comments.changed"]);
    expect(c.events[1]?.sseId).toBe(live);

    // a client that had seen everything up to the cut missed nothing
    const upToDate = await connect(world.viewer, { lastEventId: newest });
    const after = await append(world.project.id);
    await upToDate.untilEvents(2);
    expect(upToDate.events.map((e) => e.sseId)).toEqual([live, after]);
  });

  it("resets a client whose id is not one of this log's (garbage, or ahead of it)", async () => {
    const garbage = await connect(world.editor, { lastEventId: "not-an-id" });
    await garbage.untilEvents(1);
    expect(garbage.events[0]?.type).toBe("stream.reset");
    const ahead = await connect(world.editor, { lastEventId: "999999999999" });
    await ahead.untilEvents(1);
    expect(ahead.events[0]?.type).toBe("stream.reset");
  });

  it("stops delivering a project's events to someone removed from it, at once", async () => {
    const member = await joinProject(t, world.lead.client, world.project.id, "editor", "Rita Removed");
    const c = await connect(member);
    await ready(c);
    const before = await append(world.project.id);
    await c.untilEvents(1);
    const revocations = recordRevocations(t);
    try {
      const removed = await world.lead.client.delete(
        `/api/projects/${world.project.id}/members/${member.user.id}`,
      );
      expect(removed.status, removed.text).toBe(200);
      await expect.poll(() => revocations.seen.some((r) => r.userId === member.user.id)).toBe(true);
    } finally {
      revocations.stop();
    }
    await append(world.project.id);
    // the lead's own stream shows the event was handed out; Rita's shows nothing after `before`
    const lead = await connect(world.lead);
    await ready(lead);
    const later = await append(world.project.id);
    await lead.untilEvents(1);
    expect(lead.events.map((e) => e.sseId)).toEqual([later]);
    await c.until(
      (x) => BigInt(x.lastEventId ?? "0") >= BigInt(later),
      5_000,
      "the position past the hidden events",
    );
    expect(c.events.map((e) => e.sseId)).toEqual([before]);
    expect((await member.client.get(`/api/projects/${world.project.id}`)).status).toBe(404);
  });

  it("refuses more than the per-person number of streams with 429 and Retry-After", async () => {
    const streams = await Promise.all([1, 2, 3, 4].map(() => connect(world.viewer)));
    expect(streams.map((s) => s.status)).toEqual([200, 200, 200, 200]);
    const extra = await connect(world.viewer);
    expect(extra.status).toBe(429);
    expect(extra.json().error.code).toBe("rate_limited");
    expect(Number(extra.headers?.get("retry-after"))).toBeGreaterThan(0);
    // someone else is not affected
    expect((await connect(world.editor)).status).toBe(200);
    streams[0]?.close();
    await expect.poll(() => t.deps.eventHub.size).toBe(4);
    expect((await connect(world.viewer)).status).toBe(200);
  });

  it("ends the stream when its session ends (signed out elsewhere)", async () => {
    const someone = await person(t, "Sina Signout");
    const c = await connect(someone);
    await ready(c);
    await t.deps.db.deleteFrom("sessions").where("user_id", "=", someone.user.id).execute();
    // the session is checked every scopeRefreshMs (here 60 s): ask the hub to check now
    t.deps.eventHub.checkAccessNow();
    await c.untilClosed();
  });

  it("publishes document.comments.changed for thread changes to the document's readers", async () => {
    const doc = await createDocument(world.lead.client, world.project.id);
    const viewer = await connect(world.viewer);
    const outsider = await connect(otto);
    await Promise.all([ready(viewer), ready(outsider)]);
    const thread = await openThread(world.editor.client, doc.id);
    await viewer.untilEvents(1, 1_000);
    expect(viewer.events[0]?.envelope).toMatchObject({
      type: "document.comments.changed",
      actorId: world.editor.user.id,
      data: { projectId: world.project.id, documentId: doc.id },
    });
    const own = await append(ottoProject);
    await outsider.untilEvents(1);
    expect(outsider.events.map((e) => e.sseId)).toEqual([own]);
    expect(thread.id).toBeTruthy();
  });
});

describe.skipIf(!onPostgres)("event ids in commit order (PostgreSQL)", () => {
  it("never lets a reader see a later id before an earlier one commits", async () => {
    const c = await connect(world.editor);
    await ready(c);
    let release!: () => void;
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    let firstId = "";
    // T1 appends (taking the order lock and its id) and stays open
    const first = t.deps.db.transaction().execute(async (trx) => {
      firstId = await appendEvent(trx, {
        type: "document.comments.changed",
        actorId: null,
        projectId: world.project.id,
        data: { projectId: world.project.id, documentId: "first" },
      });
      await held;
    });
    await expect.poll(() => firstId).not.toBe("");
    // T2 appends meanwhile: it must wait for T1 instead of taking an id and committing first
    const second = t.deps.db.transaction().execute((trx) =>
      appendEvent(trx, {
        type: "document.comments.changed",
        actorId: null,
        projectId: world.project.id,
        data: { projectId: world.project.id, documentId: "second" },
      }),
    );
    await expect
      .poll(async () => {
        const r = await sql<{ n: string }>`
          select count(*) as n from pg_locks where locktype = 'advisory' and not granted`.execute(t.deps.db);
        return Number(r.rows[0]?.n);
      })
      .toBe(1);
    // a reader now finds neither event (T2 has no id yet, T1 is not committed)
    t.deps.events.notify();
    const visible = await t.deps.db.selectFrom("events").select("id").where("id", ">=", firstId).execute();
    expect(visible).toEqual([]);
    release();
    await first;
    const secondId = await second;
    t.deps.events.notify();
    expect(BigInt(secondId)).toBeGreaterThan(BigInt(firstId));
    await c.untilEvents(2);
    expect(c.events.map((e) => e.envelope.data)).toEqual([
      { projectId: world.project.id, documentId: "first" },
      { projectId: world.project.id, documentId: "second" },
    ]);
  });
});
