/**
 * `pnpm bench boards`: a board of 2,000 tasks in 8 columns on the real PostgreSQL, our API in its
 * own process. Measures the board load (full stack) against the same tasks read with one SQL
 * statement through `pg`, task moves (sequential, against a raw-SQL move; and several clients at
 * once), and the delivery of `task.changed` to 200 live streams after a move (against a bare SSE
 * relay: the machine floor). Prints the tables with the ratios, then one line per target.
 * Options: --quick, --streams <n>, --settle <s>, --no-jit, --no-priority (see boards/README.md).
 */
import { execFileSync } from "node:child_process";
import { availableParallelism, tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import type pg from "pg";
import { BoardsBenchDb } from "./boards/db.ts";
import { seeded } from "./boards/model.ts";
import { ChildServer, freePort, killAllServers, ROOT, raisePriority, settle } from "./boards/proc.ts";
import { boardLoadTable, deliveryTable, movesTable, targetLine, targets } from "./boards/report.ts";
import {
  type BoardLoadResult,
  type Consistency,
  checkConsistency,
  type DeliveryResult,
  type MoveRun,
  type RunContext,
  runBoardLoad,
  runConcurrentMoves,
  runDelivery,
  runSequentialMoves,
} from "./boards/scenarios.ts";
import { DEFAULT_SEED } from "./boards/seed.ts";
import { ms, nowMs, pct } from "./boards/stats.ts";

const { values } = parseArgs({
  options: {
    quick: { type: "boolean", default: false },
    streams: { type: "string" },
    settle: { type: "string" },
    "no-priority": { type: "boolean", default: false },
    "no-jit": { type: "boolean", default: false },
    help: { type: "boolean", default: false },
  },
});
if (values.help) {
  console.log("pnpm bench boards [--quick] [--streams n] [--settle seconds] [--no-jit] [--no-priority]");
  process.exit(0);
}

const quick = values.quick ?? false;
const streams = Math.max(1, Number(values.streams ?? 200));
const settleMs = Math.max(0, Number(values.settle ?? (quick ? 2 : 5))) * 1000;
/** The goals (boards/README.md explains each). */
const GOALS = { moveP99Ms: 50, concurrentMoveP99Ms: 100, deliveryP99Ms: 1000 };
const PLAN = quick
  ? {
      loadWarmup: 10,
      loads: 40,
      moveWarmup: 5,
      moves: 60,
      concurrentClients: 4,
      perClient: 20,
      deliveries: 15,
      deliveryWarmup: 3,
      // time budgets (s): a phase ends at its count, or past 40 runs when its budget is spent
      loadBudget: 10,
      moveBudget: 8,
      concurrentBudget: 6,
    }
  : {
      loadWarmup: 20,
      loads: 150,
      moveWarmup: 10,
      moves: 200,
      concurrentClients: 4,
      perClient: 60,
      deliveries: 40,
      deliveryWarmup: 3,
      loadBudget: 25,
      moveBudget: 20,
      concurrentBudget: 15,
    };

const started = nowMs();
const log = (line: string): void => {
  const t = ((nowMs() - started) / 1000).toFixed(0).padStart(4);
  console.log(`[${t} s] ${line}`);
};

const run: { db: BoardsBenchDb | null; raw: pg.Client | null } = { db: null, raw: null };
let aborting = false;
async function abort(reason: string, code: number): Promise<never> {
  if (!aborting) {
    aborting = true;
    console.error(reason);
    killAllServers();
    await run.raw?.end().catch(() => undefined);
    await run.db?.drop().catch(() => undefined);
  }
  process.exit(code);
}
process.on("SIGINT", () => void abort("interrupted", 130));
process.on("SIGTERM", () => void abort("terminated", 143));
process.on("exit", () => killAllServers());
setTimeout(
  () => void abort("the benchmark ran past its time limit; stopping", 1),
  (quick ? 5 : 8) * 60_000,
).unref();

/** The commit the API ran from, and whether its files had uncommitted changes. */
function apiVersion(): string {
  try {
    const git = (...args: string[]): string =>
      execFileSync("git", args, { cwd: ROOT, encoding: "utf8" }).trim();
    const head = git("rev-parse", "--short", "HEAD");
    const dirty = git("status", "--porcelain", "--", "apps/api", "packages");
    return dirty ? `${head} + uncommitted changes in apps/api or packages` : head;
  } catch {
    return "unknown version";
  }
}

/** Our API as `pnpm start` runs it (server.ts: the app, sessions, the collab server), on its own port. */
async function startApi(db: BoardsBenchDb): Promise<ChildServer> {
  const port = await freePort();
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PORT: String(port),
    HOST: "127.0.0.1",
    PUBLIC_URL: `http://127.0.0.1:${port}`,
    DATABASE_URL: db.url,
    DATA_DIR: join(tmpdir(), `ensemble-bench-boards-${process.pid}`),
    LOG_LEVEL: process.env.BENCH_API_LOG_LEVEL ?? "silent",
    LOG_FORMAT: "json",
    // no web app to serve: this measures the API
    WEB_DIST: join(tmpdir(), `ensemble-bench-boards-${process.pid}`, "no-web"),
  };
  delete env.REDIS_URL;
  // BENCH_API_PROFILE=<dir>: the API writes a CPU profile there when it stops (open it in Chrome's DevTools)
  const profile = process.env.BENCH_API_PROFILE;
  const nodeArgs = profile ? ["--cpu-prof", `--cpu-prof-dir=${profile}`] : [];
  return ChildServer.start(
    "api",
    join(ROOT, "apps", "api", "src", "server.ts"),
    env,
    port,
    "/api/health",
    nodeArgs,
  );
}

async function startFloor(): Promise<ChildServer> {
  const port = await freePort();
  const env: NodeJS.ProcessEnv = { ...process.env, PORT: String(port) };
  return ChildServer.start(
    "floor",
    join(import.meta.dirname, "boards", "floor.ts"),
    env,
    port,
    "/api/health",
  );
}

async function main(): Promise<void> {
  const raised = !values["no-priority"] && raisePriority(-10);
  // the API admits 10 streams per person: enough members that each has at most 10
  const seedOptions = {
    ...DEFAULT_SEED,
    members: Math.max(DEFAULT_SEED.members, Math.ceil(streams / 10)),
    sessions: Math.max(streams, DEFAULT_SEED.sessions),
  };
  const db = await BoardsBenchDb.create(seedOptions, { jit: !values["no-jit"] });
  run.db = db;
  const s = db.seeded;
  log(
    `database ${db.name}: ${s.openTasks} open tasks in ${s.columns.length} columns (+${s.archivedTasks} archived), ` +
      `${s.people.length} members, ${s.rows.task_assignees} assignments, ${s.rows.task_label_links} label links, ` +
      `${s.rows.task_checklist_items} checklist items, ${s.rows.task_comments} comments (all projects)`,
  );
  log(
    `API: ${apiVersion()}; ${quick ? "quick run" : "full run"}; priority ${raised ? "raised (nice -10)" : "normal"}`,
  );
  const raw = await db.client();
  run.raw = raw;
  const jit = (await raw.query<{ jit: string }>("show jit")).rows[0]?.jit ?? "?";
  // The reference is meant to be the fastest direct read: PostgreSQL's JIT compilation costs its
  // statement ~50 ms here (the planner's row estimate for the joins is far too high and crosses
  // jit_above_cost), so its own connection turns JIT off. The API keeps the database's setting.
  await raw.query("set jit = off");
  log(
    `PostgreSQL JIT for the API: ${jit}${values["no-jit"] ? " (--no-jit)" : " (the server's setting)"}; for the reference: off`,
  );
  const api = await startApi(db);
  log(`API started (pid ${api.pid}, port ${api.port})`);

  const lead = s.people[0];
  if (!lead) {
    throw new Error("no lead seeded");
  }
  const leadToken = lead.tokens[0] ?? "";
  const editors = s.people.filter((p) => p.role !== "viewer");
  const ctx: RunContext = {
    port: api.port,
    origin: `http://127.0.0.1:${api.port}`,
    serverPid: api.pid,
    boardId: s.boardId,
    raw,
    log,
  };
  const rnd = seeded(42);
  /** Before each phase: wait (bounded) for the rest of the machine to be quiet. */
  const quiet = async (pids: number[]): Promise<void> => {
    if (settleMs <= 0) {
      return;
    }
    const r = await settle(settleMs, pids);
    if (r.otherPercent >= 25) {
      log(
        `  the machine stayed busy (other processes ${r.otherPercent.toFixed(0)}% of a core after ${ms(r.waitedMs)}); measuring anyway`,
      );
    }
  };

  log(
    `board load: ${PLAN.loadWarmup} warm-up, then ${PLAN.loads} API loads alternated with ${PLAN.loads} raw queries …`,
  );
  const load: BoardLoadResult = await runBoardLoad(
    ctx,
    leadToken,
    PLAN.loadWarmup,
    PLAN.loads,
    PLAN.loadBudget * 1000,
  );
  log(
    load.error && load.api.n === 0
      ? `  ${load.error}`
      : `  API p50 ${ms(load.api.p50)} p99 ${ms(load.api.p99)}; raw SQL p50 ${ms(load.raw.p50)} p99 ${ms(load.raw.p99)}; ${load.mismatch ? `DIFFERENT: ${load.mismatch}` : "same tasks"}`,
  );

  await quiet([api.pid]);
  log(`moves: ${PLAN.moves} sequential (alternated with raw-SQL moves) …`);
  const seq = await runSequentialMoves(
    ctx,
    leadToken,
    lead.userId,
    rnd,
    PLAN.moves,
    PLAN.moveWarmup,
    PLAN.moveBudget * 1000,
  );
  log(
    `  API p50 ${ms(seq.all.summary.p50)} p99 ${ms(seq.all.summary.p99)}, ${seq.all.failures} failed${seq.all.firstFailure ? ` (${seq.all.firstFailure})` : ""}; raw p50 ${ms(seq.raw.summary.p50)}`,
  );
  let concurrent: MoveRun | null = null;
  let consistency: Consistency | null = null;
  if (seq.all.summary.n > 0) {
    const movers = editors.slice(1, 1 + PLAN.concurrentClients).map((p) => ({ token: p.tokens[0] ?? "" }));
    await quiet([api.pid]);
    log(`moves: ${movers.length} clients at once, ${PLAN.perClient} each …`);
    concurrent = await runConcurrentMoves(ctx, movers, rnd, PLAN.perClient, PLAN.concurrentBudget * 1000);
    consistency = await checkConsistency(ctx, leadToken, s.openTasks);
    log(
      `  p50 ${ms(concurrent.summary.p50)} p99 ${ms(concurrent.summary.p99)}, ${concurrent.throughput.toFixed(0)} moves/s; consistent: ${consistency.detail}`,
    );
  } else {
    log("  no move succeeded: concurrent moves skipped");
  }

  // every stream its own session, spread over the members (viewers too: they read the board)
  const tokens = Array.from({ length: streams }, (_, i) => {
    const person = s.people[i % s.people.length];
    return person?.tokens[Math.floor(i / s.people.length)] ?? "";
  });
  const delivery: DeliveryResult[] = [];
  const deliveryOptions = {
    moves: PLAN.deliveries,
    warmup: PLAN.deliveryWarmup,
    intervalMs: 250,
    drainMs: 5000,
  };
  await quiet([api.pid]);
  log(`event delivery: ${streams} streams on our API, a move every ${deliveryOptions.intervalMs} ms …`);
  const ours = await runDelivery(
    "ours",
    { ...ctx, rssMb: () => api.memoryMb().rss },
    tokens,
    leadToken,
    rnd,
    deliveryOptions,
  );
  delivery.push(ours);
  log(
    ours.moves === 0
      ? `  ${ours.error ?? "nothing measured"}`
      : `  ${ours.connected} connected in ${ms(ours.connectMs)}; delivered ${pct(ours.deliveredShare)}, p50 ${ms(ours.pairs.p50)}, p99 ${ms(ours.pairs.p99)}`,
  );
  const apiMemory = api.memoryMb();
  await api.stop();

  const floor = await startFloor();
  await quiet([floor.pid]);
  log(`event delivery: ${streams} streams on the machine floor (bare SSE relay) …`);
  try {
    const f = await runDelivery(
      "floor",
      {
        ...ctx,
        port: floor.port,
        origin: `http://127.0.0.1:${floor.port}`,
        serverPid: floor.pid,
        rssMb: () => floor.memoryMb().rss,
      },
      tokens,
      leadToken,
      rnd,
      deliveryOptions,
    );
    delivery.push(f);
    log(`  delivered ${pct(f.deliveredShare)}, p50 ${ms(f.pairs.p50)}, p99 ${ms(f.pairs.p99)}`);
  } finally {
    await floor.stop();
  }

  console.log("");
  console.log(
    `Board load: ${s.openTasks} open tasks in ${s.columns.length} columns. API = GET /api/boards/{id} through HTTP, session, access check,`,
  );
  console.log(
    "queries, presenter and JSON, until the body is received and parsed; raw SQL = the same tasks (assignees, label ids, checklist",
  );
  console.log(
    "and comment counts) in ONE statement aggregated in SQL through a plain pg connection, rows parsed (the fastest of three formulations",
  );
  console.log(
    `in the warm-up). Alternated one by one after ${PLAN.loadWarmup} warm-up each (up to ${PLAN.loads}, or past 40 when ${PLAN.loadBudget} s are spent).`,
  );
  console.log(boardLoadTable(load));
  if (load.mismatch) {
    console.log(`note: the API's tasks differ from the SQL's: ${load.mismatch}`);
  }
  console.log("");
  console.log(
    "Task moves: POST /api/tasks/{id}/move {columnId, afterId, beforeId}, request sent → answer received. Sequential: one person,",
  );
  console.log(
    "alternately to another column and within one, each followed by a raw-SQL move (one transaction: lock the task and its",
  );
  console.log(
    "neighbours, write its row, log the activity, read the card, append the event). Concurrent: each client its own session",
  );
  console.log("and its own two columns, as fast as answers come.");
  console.log(movesTable(seq, concurrent));
  console.log("");
  console.log(
    `Event delivery: ${streams} GET /api/events streams (each its own session of one of ${s.people.length} members); one move every`,
  );
  console.log(
    `${deliveryOptions.intervalMs} ms; p50/p99 = move request sent → a stream has its task.changed, per (move, stream); all = until the`,
  );
  console.log(
    "last stream had it, per move (∞ when one never did); move p99 = the move's own answer; floor = a bare node:http SSE relay.",
  );
  console.log(deliveryTable(delivery));
  console.log(
    `API process: peak RSS ${apiMemory.peak.toFixed(0)} MB. CPU columns: ms of CPU per load or move (API process, the PostgreSQL backends serving it or the`,
  );
  console.log(
    `reference, and this client); they hold still when a busy machine stretches the times. Other processes used ${load.otherCpuPercent.toFixed(0)}% of a core during the board load.`,
  );
  const busy = Math.max(
    load.otherCpuPercent,
    seq.all.otherCpuPercent,
    ...delivery.map((d) => d.otherCpuPercent).filter(Number.isFinite),
  );
  if (busy > 50) {
    console.log(
      `warning: other processes used up to ${busy.toFixed(0)}% of a core (of ${availableParallelism() * 100}%) while measuring; latencies are then the machine's as much as ours.`,
    );
  }
  for (const r of delivery.filter((d) => d.error)) {
    console.log(`note: ${r.server}: ${r.error}`);
  }
  log("done");
  for (const t of targets(load, seq, concurrent, consistency, delivery, GOALS)) {
    console.log(targetLine(t));
  }
}

try {
  await main();
} catch (err) {
  console.error(err);
  process.exitCode = 1;
} finally {
  killAllServers();
  await run.raw?.end().catch(() => undefined);
  await run.db
    ?.drop()
    .catch((err: unknown) => console.error(`could not drop the benchmark database: ${String(err)}`));
}
process.exit(process.exitCode ?? 0);
