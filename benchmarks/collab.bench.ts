/**
 * `pnpm bench collab`: simulated y-websocket clients on one document against our collaboration
 * server, `@y/websocket-server` 0.1.1, `@hocuspocus/server` 4.7 and a bare relay (the machine
 * floor, load scenarios only), in the same run, each server in its own process. Prints the tables,
 * the ratios ours / each other server, and last one line per target of issue 5 (and ours).
 * Options: --quick, --only <ids>, --servers <kinds>, --workers <n>, --settle <s>, --no-priority
 * (see collab/README.md).
 */
import { execFileSync } from "node:child_process";
import { availableParallelism, loadavg } from "node:os";
import { parseArgs } from "node:util";
import { loadHistory } from "./collab/history.ts";
import { BenchDb } from "./collab/ours-db.ts";
import { firstSyncTable, idleTable, loadTable, ms, targetLine, targets } from "./collab/report.ts";
import {
  COLD_OPENS,
  type FirstSyncResult,
  type IdleResult,
  type LoadResult,
  type LoadScenario,
  type RunContext,
  runFirstSync,
  runIdle,
  runLoad,
} from "./collab/scenarios.ts";
import {
  keepsDocuments,
  killAllServers,
  ROOT,
  raisePriority,
  SERVER_KINDS,
  type ServerKind,
} from "./collab/servers.ts";
import { nowMs } from "./collab/stats.ts";

const SCENARIOS = ["500x1", "250x4", "light10", "light100", "presence", "first-sync", "idle"] as const;

const { values } = parseArgs({
  options: {
    quick: { type: "boolean", default: false },
    only: { type: "string" },
    servers: { type: "string" },
    workers: { type: "string" },
    settle: { type: "string" },
    "no-priority": { type: "boolean", default: false },
    help: { type: "boolean", default: false },
  },
});

if (values.help) {
  console.log(
    `pnpm bench collab [--quick] [--only ${SCENARIOS.join(",")}] [--servers ${SERVER_KINDS.join(",")}] [--workers n] [--settle seconds] [--no-priority]`,
  );
  process.exit(0);
}

const only = values.only ? new Set(values.only.split(",").map((s) => s.trim())) : null;
for (const id of only ?? []) {
  if (!(SCENARIOS as readonly string[]).includes(id)) {
    console.error(`unknown scenario "${id}"; scenarios: ${SCENARIOS.join(", ")}`);
    process.exit(2);
  }
}
const servers = (
  values.servers ? values.servers.split(",").map((s) => s.trim()) : [...SERVER_KINDS]
) as ServerKind[];
for (const s of servers) {
  if (!SERVER_KINDS.includes(s)) {
    console.error(`unknown server "${s}"; servers: ${SERVER_KINDS.join(", ")}`);
    process.exit(2);
  }
}
/** First sync and idle need a server that keeps documents; the floor only relays. */
const documentServers = servers.filter(keepsDocuments);
const quick = values.quick ?? false;
const workers = Math.max(1, Number(values.workers ?? Math.min(2, availableParallelism())));
const ran = (id: string): boolean => !only || only.has(id);

const heavy = quick ? { warmupMs: 1000, measureMs: 5000 } : { warmupMs: 2000, measureMs: 10_000 };
const light = quick ? { warmupMs: 1000, measureMs: 4000 } : { warmupMs: 2000, measureMs: 10_000 };
const LOAD: LoadScenario[] = [
  { id: "500x1", title: "500 clients × 1 Hz", clients: 500, editRate: 1, awarenessRate: 0, ...heavy },
  { id: "250x4", title: "250 clients × 4 Hz", clients: 250, editRate: 4, awarenessRate: 0, ...heavy },
  { id: "light10", title: "10 clients × 2 Hz", clients: 10, editRate: 2, awarenessRate: 0, ...light },
  { id: "light100", title: "100 clients × 1 Hz", clients: 100, editRate: 1, awarenessRate: 0, ...light },
  {
    id: "presence",
    title: "250 clients, caret 2 Hz + edits 1 Hz",
    clients: 250,
    editRate: 1,
    awarenessRate: 2,
    ...heavy,
  },
];

const started = nowMs();
const log = (line: string): void => {
  const t = ((nowMs() - started) / 1000).toFixed(0).padStart(4);
  console.log(`[${t} s] ${line}`);
};

/** Our database for this run (dropped at the end, also on an abort). */
const run: { db: BenchDb | null } = { db: null };
let aborting = false;
async function abort(reason: string, code: number): Promise<never> {
  if (!aborting) {
    aborting = true;
    console.error(reason);
    killAllServers();
    await run.db?.drop().catch(() => undefined);
  }
  process.exit(code);
}
process.on("SIGINT", () => void abort("interrupted", 130));
process.on("SIGTERM", () => void abort("terminated", 143));
process.on("exit", () => killAllServers());
// the whole run is bounded, whatever happens
setTimeout(
  () => void abort("the benchmark ran past its time limit; stopping", 1),
  (quick ? 12 : 25) * 60_000,
).unref();

/** The commit our server ran from, and whether its files had uncommitted changes. */
function ourVersion(): string {
  try {
    const git = (...args: string[]): string =>
      execFileSync("git", args, { cwd: ROOT, encoding: "utf8" }).trim();
    const head = git("rev-parse", "--short", "HEAD");
    const dirty = git("status", "--porcelain", "--", "apps/collab", "packages/collab-core", "packages/db");
    return dirty ? `${head} + uncommitted changes in its files` : head;
  } catch {
    return "unknown version";
  }
}

async function main(): Promise<void> {
  // equal for every server: the generator, its workers and the servers all inherit it
  const raised = !values["no-priority"] && raisePriority(-10);
  if (servers.includes("ours")) {
    run.db = await BenchDb.create();
    log(`database ${run.db.name} created and migrated`);
  }
  const settleMs = Math.max(0, Number(values.settle ?? (quick ? 5 : 10))) * 1000;
  const ctx: RunContext = { db: run.db, workers, quick, settleMs, log };
  log(
    `servers: ${servers.join(", ")}; generator: ${workers} worker thread(s); ${quick ? "quick run" : "full run"}`,
  );
  const load1 = loadavg()
    .map((v) => v.toFixed(1))
    .join(" ");
  log(`ours: ${ourVersion()}; load average ${load1}; priority ${raised ? "raised (nice -10)" : "normal"}`);

  const load: LoadResult[] = [];
  for (const sc of LOAD.filter((s) => ran(s.id))) {
    for (const kind of servers) {
      log(`${sc.title} · ${kind} …`);
      const r = await runLoad(kind, sc, ctx);
      load.push(r);
      log(
        r.error && !r.edits
          ? `  error: ${r.error.split("\n")[0]}`
          : `  delivered ${((r.edits?.deliveredShare ?? 0) * 100).toFixed(2)}%, p50 ${ms(r.edits?.allP50 ?? Number.NaN)}, p99 ${ms(r.edits?.allP99 ?? Number.NaN)}${r.awareness ? `, caret p99 ${ms(r.awareness.allP99)}` : ""}, converged ${r.converged}`,
      );
    }
  }

  const skipped = servers.filter((k) => !keepsDocuments(k));
  if (skipped.length > 0 && (ran("first-sync") || ran("idle"))) {
    log(`${skipped.join(", ")}: no first sync or idle run (it keeps no document to serve or hold)`);
  }
  const firstSync: FirstSyncResult[] = [];
  if (ran("first-sync")) {
    const history = loadHistory(1_000_000, 500, log);
    log(
      `history: ${history.edits.toLocaleString("en")} edits, ${(history.full.byteLength / 1e6).toFixed(2)} MB (snapshot + ${history.tail.length} logged updates for ours)`,
    );
    for (const kind of documentServers) {
      log(`first sync · ${kind} …`);
      const r = await runFirstSync(kind, history, quick ? 5 : 10, ctx);
      firstSync.push(r);
      const cold =
        kind === "ours"
          ? `; cold open history ${r.coldHistoryMs.map((v) => v.toFixed(0)).join(" ")} ms, one snapshot ${r.coldSnapshotMs.map((v) => v.toFixed(0)).join(" ")} ms`
          : "";
      log(
        r.error
          ? `  error: ${r.error.split("\n")[0]}`
          : `  new ${r.newMs.map((v) => v.toFixed(1)).join(" ")} ms${cold}; other document worst ${ms(r.otherDocWorstMs)} over ${r.otherDocEdits} edits`,
      );
    }
  }

  const idle: IdleResult[] = [];
  if (ran("idle")) {
    const watchers: Promise<void>[] = [];
    for (const kind of documentServers) {
      log(`idle documents · ${kind} …`);
      const { result, watching } = await runIdle(kind, 1000, 65, ctx);
      idle.push(result);
      watchers.push(watching);
      log(
        result.error
          ? `  error: ${result.error.split("\n")[0]}`
          : `  ${result.perDocumentKb.toFixed(1)} KB per document; watching RSS until it is back (≤ 65 s)`,
      );
    }
    await Promise.all(watchers);
  }

  console.log("");
  if (load.length > 0) {
    console.log(
      "Load: p50/p99 = update sent → every other client has it (∞ when some never did); p99/pair = per (update, receiver);",
    );
    console.log(
      "caret p99 likewise for awareness; saved p99 = sent → acknowledged as stored (ours, ?acks=1); CPU = server process;",
    );
    console.log(
      "frames/upd = sync and awareness frames clients received per update sent (N-1 without merging, fewer with it);",
    );
    console.log(
      "gen late = latest a scheduled send went out (the generator's own stalls); other CPU = the rest of the machine.",
    );
    console.log(loadTable(load));
    console.log("");
  }
  if (firstSync.length > 0) {
    console.log(
      "First sync: step 1 sent → the client holds everything (step 2 + any update after it; step 2 alone in brackets); new = empty",
    );
    console.log(
      "state vector, returning = lacks the last 500 edits; CPU = server CPU per sync (10 ms ticks). Then one client types 600",
    );
    console.log(
      "characters at 100/s into that document while another watches: the first edit, the median, the worst after 1 s;",
    );
    console.log(
      `meanwhile one client types at 50 Hz into a small second document on the same server: "other doc" p50 and worst.`,
    );
    console.log(
      `Cold open (ours): medians of ${COLD_OPENS} fresh documents each, stored as snapshot + 500 logged updates / as one snapshot.`,
    );
    console.log(firstSyncTable(firstSync));
    console.log("");
  }
  if (idle.length > 0) {
    console.log(
      "Idle documents: one client each (synced, a paragraph typed, a caret); RSS of the server process.",
    );
    console.log(idleTable(idle));
    console.log("");
  }
  const busy = Math.max(0, ...load.map((r) => (Number.isFinite(r.otherCpuPercent) ? r.otherCpuPercent : 0)));
  if (busy > 25) {
    console.log(
      `warning: other processes used up to ${busy.toFixed(0)}% CPU (of ${availableParallelism() * 100}%) while load was measured; latencies are then the machine's as much as the server's.`,
    );
  }
  const problems = [...load, ...firstSync, ...idle].filter((r) => r.error);
  for (const p of problems) {
    console.log(`note: ${p.server}: ${p.error}`);
  }
  log("done");
  if (servers.includes("ours")) {
    for (const t of targets(load, firstSync, idle, ran)) {
      console.log(targetLine(t));
    }
  }
}

try {
  await main();
} catch (err) {
  console.error(err);
  process.exitCode = 1;
} finally {
  killAllServers();
  await run.db
    ?.drop()
    .catch((err: unknown) => console.error(`could not drop the benchmark database: ${String(err)}`));
}
process.exit(process.exitCode ?? 0);
