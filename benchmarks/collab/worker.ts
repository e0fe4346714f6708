import { parentPort, workerData } from "node:worker_threads";
import { type Meter, SimClient } from "./client.ts";
import type { FromWorker, StartCommand, ToWorker, WorkerPlan } from "./generator.ts";
import { Histogram, nowMs, SharedTables } from "./stats.ts";

/**
 * One generator thread: its share of the simulated clients, driven by commands from the main
 * thread (connect, write, start, report, close). Every wait here is bounded.
 */
const plan = workerData as WorkerPlan;
const port = parentPort;
if (!port) {
  throw new Error("worker.ts runs only as a worker thread");
}

const meter: Meter = {
  tables: plan.tables ? new SharedTables(plan.tables) : null,
  clientIdBase: plan.clientIdBase,
  edits: new Histogram(),
  awareness: new Histogram(),
  durable: new Histogram(),
  frames: 0,
};
const clients = plan.clients.map((spec) => new SimClient(spec, plan.target, meter, plan.clientCount));

function reply(message: FromWorker): void {
  port?.postMessage(message);
}

/** Runs `job` for every client, at most `limit` at a time; counts failures. */
async function eachClient(
  limit: number,
  job: (c: SimClient) => Promise<void>,
): Promise<{ ok: number; failed: number; firstError: string | null }> {
  let next = 0;
  let ok = 0;
  let failed = 0;
  let firstError: string | null = null;
  const lane = async (): Promise<void> => {
    while (next < clients.length) {
      const c = clients[next++];
      if (!c) {
        continue;
      }
      try {
        await job(c);
        ok++;
      } catch (err) {
        failed++;
        firstError ??= err instanceof Error ? err.message : String(err);
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, limit) }, lane));
  return { ok, failed, firstError };
}

/** Sends at fixed times: client i at t0 + (i + shift)/N · period + k · period, until the end. */
class Schedule {
  private k = 0;
  private p = 0;
  fired = 0;
  private readonly order: Array<{ client: SimClient; offset: number }>;

  constructor(
    private readonly t0: number,
    private readonly period: number,
    private readonly end: number,
    shift: number,
    private readonly fire: (c: SimClient) => void,
  ) {
    this.order = clients
      .map((client) => ({ client, offset: ((client.spec.index + shift) / plan.clientCount) * period }))
      .sort((a, b) => a.offset - b.offset);
  }

  get nextDue(): number {
    const entry = this.order[this.p];
    if (!entry || !Number.isFinite(this.period)) {
      return Number.POSITIVE_INFINITY;
    }
    const due = this.t0 + this.k * this.period + entry.offset;
    return due < this.end ? due : Number.POSITIVE_INFINITY;
  }

  /** Fires everything due by `now`; returns how late the latest firing was (ms). */
  runUntil(now: number): number {
    let late = 0;
    for (let due = this.nextDue; due <= now; due = this.nextDue) {
      late = Math.max(late, now - due);
      const entry = this.order[this.p];
      if (entry?.client.open) {
        this.fire(entry.client);
        this.fired++;
      }
      this.p++;
      if (this.p >= this.order.length) {
        this.p = 0;
        this.k++;
      }
    }
    return late;
  }
}

function run(command: StartCommand): Promise<void> {
  const end = command.t0 + command.durationMs;
  const edits = new Schedule(command.t0, 1000 / command.editRate, end, 0, (c) => c.type());
  const presence = new Schedule(command.t0, 1000 / command.awarenessRate, end, 0.5, (c) => c.sendAwareness());
  let lateMs = 0;
  return new Promise<void>((resolve) => {
    const tick = (): void => {
      const now = nowMs();
      lateMs = Math.max(lateMs, edits.runUntil(now + 0.25), presence.runUntil(now + 0.25));
      const next = Math.min(edits.nextDue, presence.nextDue);
      if (!Number.isFinite(next)) {
        reply({ type: "sent", edits: edits.fired, awareness: presence.fired, lateMs });
        resolve();
        return;
      }
      setTimeout(tick, Math.max(0, next - nowMs()));
    };
    setTimeout(tick, Math.max(0, command.t0 - nowMs()));
  });
}

async function handle(message: ToWorker): Promise<void> {
  switch (message.type) {
    case "connect": {
      const result = await eachClient(plan.connectConcurrency, (c) => c.connect(plan.connectTimeoutMs, true));
      reply({ type: "done", ...result });
      return;
    }
    case "write": {
      const result = await eachClient(plan.connectConcurrency, async (c) => {
        c.typeSentence(message.paragraph);
        await c.roundTrip(message.timeoutMs);
        if (message.waitForSaved && !(await c.allSaved(message.timeoutMs))) {
          throw new Error("not acknowledged as saved in time");
        }
      });
      reply({ type: "done", ...result });
      return;
    }
    case "start":
      await run(message);
      return;
    case "report": {
      const closeCodes: Record<string, number> = {};
      let stillOpen = 0;
      let readOnly = 0;
      for (const c of clients) {
        if (c.open) {
          stillOpen++;
        } else {
          closeCodes[String(c.closeCode)] = (closeCodes[String(c.closeCode)] ?? 0) + 1;
        }
        if (c.readOnlyToldBy) {
          readOnly++;
        }
      }
      reply({
        type: "report",
        edits: meter.edits.counts,
        awareness: meter.awareness.counts,
        durable: meter.durable.counts,
        frames: meter.frames,
        typed: clients.map((c) => [c.spec.index, c.clock, c.chars]),
        stillOpen,
        closeCodes,
        readOnly,
      });
      return;
    }
    case "close":
      await Promise.all(clients.map((c) => c.close()));
      reply({ type: "closed" });
      return;
  }
}

port.on("message", (message: ToWorker) => {
  handle(message).catch((err: unknown) =>
    reply({ type: "error", message: err instanceof Error ? (err.stack ?? err.message) : String(err) }),
  );
});
