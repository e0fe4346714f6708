import { memoryRevocationBus, type RevocationBus, redisRevocationBus } from "@ensemble/access/revocations";
import { createEventHub } from "@ensemble/events/hub";
import { type EventNotifier, memoryEventNotifier, redisEventNotifier } from "@ensemble/events/notifier";
import { Redis } from "ioredis";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { createApp } from "../../app.ts";
import type { AppDeps } from "../../deps.ts";
import { boardsWorld, createTask, eventsSince, lastEventId } from "../../test/boards.ts";
import { ORIGIN, useTestApp } from "../../test/harness.ts";
import { listen, SseClient } from "../../test/sse.ts";

/*
 * Several API processes on one database: a change made through one reaches the live streams held
 * by another. Each "process" here is its own app with its own hub, notifier and revocation bus on
 * its own HTTP server at 127.0.0.1; with TEST_REDIS_URL they share nothing but the database and
 * Redis (as separate processes would), without it they share the in-process notifier (one process,
 * several hubs). The hubs read the log only when signalled (their periodic read is a minute away),
 * so a delivery within a second proves the signal travelled.
 */

const t = useTestApp();
const redisUrl = process.env.TEST_REDIS_URL;
const channelPrefix = `ensemble-test-fanout-${process.pid}-${Math.random().toString(36).slice(2)}`;

interface Instance {
  port: number;
  deps: AppDeps;
  close(): Promise<void>;
}

interface Wiring {
  notifier(): EventNotifier;
  revocations(): RevocationBus;
  /** Resolves once `n` processes listen for signals (a Redis subscription is set up asynchronously). */
  listening(n: number): Promise<void>;
  close(): Promise<void>;
}

/** Every process its own notifier and bus over Redis, on one channel each. */
function redisWiring(url: string): Wiring {
  const connections: Redis[] = [];
  const connect = () => {
    const r = new Redis(url, { maxRetriesPerRequest: 2 });
    r.on("error", () => undefined);
    connections.push(r);
    return r;
  };
  const admin = connect();
  const channel = `${channelPrefix}:events`;
  return {
    notifier: () => redisEventNotifier(connect(), channel),
    revocations: () => redisRevocationBus(connect(), `${channelPrefix}:revoked`),
    async listening(n) {
      await expect
        .poll(async () => {
          const reply = (await admin.pubsub("NUMSUB", channel)) as [string, number];
          return Number(reply[1]);
        })
        .toBeGreaterThanOrEqual(n);
    },
    async close() {
      for (const c of connections) {
        c.disconnect();
      }
    },
  };
}

/** One process: every hub hears the same in-memory notifier. */
function memoryWiring(): Wiring {
  const notifier = memoryEventNotifier();
  const revocations = memoryRevocationBus();
  return {
    notifier: () => notifier,
    revocations: () => revocations,
    async listening() {},
    async close() {
      await notifier.close();
      await revocations.close();
    },
  };
}

/** An API instance on the test database with its own hub, over real HTTP. */
async function instance(wiring: Wiring): Promise<Instance> {
  const events = wiring.notifier();
  const revocations = wiring.revocations();
  const eventHub = createEventHub({
    db: t.deps.db,
    notifier: events,
    revocations,
    pollMs: 60_000,
    scopeRefreshMs: 60_000,
  });
  const deps: AppDeps = { ...t.deps, events, revocations, eventHub };
  const server = await listen(createApp(deps));
  return {
    port: server.port,
    deps,
    async close() {
      await eventHub.close();
      await server.close();
    },
  };
}

/** A request over HTTP to an instance, as a signed-in browser sends it. */
async function send(port: number, cookie: string | undefined, method: string, path: string, body?: unknown) {
  const res = await fetch(`http://127.0.0.1:${port}${path}`, {
    method,
    headers: { origin: ORIGIN, "content-type": "application/json", ...(cookie ? { cookie } : {}) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: res.status, json: (await res.json()) as Record<string, any> };
}

const modes: [string, () => Wiring][] = [["one process (in-memory notifier)", memoryWiring]];
if (redisUrl) {
  modes.push(["processes joined by Redis", () => redisWiring(redisUrl)]);
}

describe.each(modes)("live events across API instances: %s", (_mode, wire) => {
  let wiring: Wiring;
  let a: Instance;
  let b: Instance;
  const open: SseClient[] = [];

  beforeAll(async () => {
    wiring = wire();
    a = await instance(wiring);
    b = await instance(wiring);
  });

  afterEach(async () => {
    for (const c of open.splice(0)) {
      c.close();
    }
    await expect.poll(() => a.deps.eventHub.size + b.deps.eventHub.size, { timeout: 5_000 }).toBe(0);
  });

  afterAll(async () => {
    await a?.close();
    await b?.close();
    await wiring?.close();
  });

  async function connect(port: number, cookie: string | undefined): Promise<SseClient> {
    const c = await SseClient.open(port, cookie);
    open.push(c);
    expect(c.status).toBe(200);
    await c.until((x) => x.lastEventId !== undefined, 5_000, "the stream's first position");
    return c;
  }

  it("delivers a task moved through instance A to a stream on instance B within a second", async () => {
    const { lead, viewer, board, todo, doing } = await boardsWorld(t);
    const task = await createTask(lead.client, board.id, todo.id, { title: "Bühne aufbauen" });
    const onB = await connect(b.port, viewer.client.cookie);
    const onA = await connect(a.port, viewer.client.cookie);
    await wiring.listening(2);
    const before = await lastEventId(t);

    const moved = await send(a.port, lead.client.cookie, "POST", `/api/tasks/${task.id}/move`, {
      columnId: doing.id,
    });
    expect(moved.status).toBe(200);
    // the hubs' own periodic read is a minute away: only the signal can bring it this soon
    await onB.untilEvents(1, 1_000);

    const logged = await eventsSince(t, before);
    expect(logged.map((e) => e.type)).toEqual(["task.changed"]);
    const [event] = onB.events;
    expect(event).toMatchObject({
      sseId: logged[0]?.id,
      type: "task.changed",
      envelope: {
        actorId: lead.user.id,
        data: { boardId: board.id, task: { id: task.id, columnId: doing.id, title: "Bühne aufbauen" } },
      },
    });
    // the instance that made the change tells its own streams the same
    await onA.untilEvents(1, 1_000);
    expect(onA.events.map((e) => e.sseId)).toEqual([logged[0]?.id]);
  });

  it("delivers every change in order to streams on both instances, whichever instance made it", async () => {
    const { lead, editor, viewer, board, todo, doing } = await boardsWorld(t);
    const task = await createTask(lead.client, board.id, todo.id, { title: "Plakate" });
    const onA = await connect(a.port, viewer.client.cookie);
    const onB = await connect(b.port, viewer.client.cookie);
    await wiring.listening(2);
    const before = await lastEventId(t);

    expect(
      (await send(a.port, lead.client.cookie, "PATCH", `/api/tasks/${task.id}`, { title: "Plakate A3" }))
        .status,
    ).toBe(200);
    expect(
      (await send(b.port, editor.client.cookie, "POST", `/api/tasks/${task.id}/move`, { columnId: doing.id }))
        .status,
    ).toBe(200);
    expect(
      (await send(a.port, lead.client.cookie, "PATCH", `/api/boards/${board.id}`, { name: "Planung 2027" }))
        .status,
    ).toBe(200);

    const logged = (await eventsSince(t, before)).map((e) => e.id);
    expect(logged).toHaveLength(3);
    for (const stream of [onA, onB]) {
      await stream.untilEvents(3, 1_000);
      expect(stream.events.map((e) => e.sseId)).toEqual(logged);
      expect(stream.events.map((e) => e.type)).toEqual(["task.changed", "task.changed", "board.changed"]);
    }
  });
});
