import type { BoardLoadResult, Consistency, DeliveryResult, MoveRun } from "./scenarios.ts";
import { ms, pct, ratio } from "./stats.ts";

function num(v: number, digits = 0): string {
  return Number.isFinite(v) ? v.toFixed(digits) : Number.isNaN(v) ? "-" : "∞";
}

/** Left-aligned first column, right-aligned numbers. */
function table(header: string[], rows: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? "").length)));
  const line = (cells: string[]): string =>
    cells
      .map((c, i) => (i === 0 ? c.padEnd(widths[i] ?? 0) : c.padStart(widths[i] ?? 0)))
      .join("  ")
      .trimEnd();
  return [line(header), line(widths.map((w) => "-".repeat(w))), ...rows.map(line)].join("\n");
}

/** Board load: the API, the reference, and their ratios (time, and CPU per load). */
export function boardLoadTable(r: BoardLoadResult): string {
  const c = r.cpu;
  const apiTotal = c.apiServer + c.apiDb + c.apiClient;
  const rawTotal = c.rawDb + c.rawClient;
  const rows: string[][] = [
    [
      "API GET /api/boards/{id}",
      String(r.api.n),
      ms(r.api.p50),
      ms(r.api.p99),
      ms(r.api.max),
      `${(r.apiBytes / 1024).toFixed(0)} KB`,
      ms(c.apiServer),
      ms(c.apiDb),
      ms(c.apiClient),
      ms(apiTotal),
    ],
    [
      `raw SQL, one statement (${r.rawQuery})`,
      String(r.raw.n),
      ms(r.raw.p50),
      ms(r.raw.p99),
      ms(r.raw.max),
      "",
      "",
      ms(c.rawDb),
      ms(c.rawClient),
      ms(rawTotal),
    ],
    [
      "API / raw SQL",
      "",
      ratio(r.api.p50, r.raw.p50),
      ratio(r.api.p99, r.raw.p99),
      "",
      "",
      "",
      "",
      "",
      ratio(apiTotal, rawTotal),
    ],
  ];
  return table(
    ["board load", "runs", "p50", "p99", "max", "body", "CPU: API", "DB", "client", "total"],
    rows,
  );
}

/** Moves: sequential by kind, the raw-SQL reference, the ratio, and concurrent clients. */
export function movesTable(
  seq: { between: MoveRun; within: MoveRun; all: MoveRun; raw: MoveRun } | null,
  concurrent: MoveRun | null,
): string {
  const row = (r: MoveRun, label: string, throughput: boolean): string[] => [
    label,
    String(r.summary.n),
    ms(r.summary.p50),
    ms(r.summary.p99),
    ms(r.summary.max),
    r.failures ? `${r.failures} (${r.firstFailure ?? "?"})` : "0",
    throughput ? num(r.throughput, 0) : "",
    ms(r.cpuPerMove.server + r.cpuPerMove.db),
    r.cpuPerMove.server > 0
      ? `${ms(r.cpuPerMove.server)} + ${ms(r.cpuPerMove.db)}`
      : `DB ${ms(r.cpuPerMove.db)}`,
  ];
  const rows: string[][] = [];
  if (seq) {
    rows.push(row(seq.between, "API move, to another column", false));
    rows.push(row(seq.within, "API move, within a column", false));
    rows.push(row(seq.all, "API move, sequential (both)", false));
    rows.push(row(seq.raw, "raw SQL move (pg, one transaction)", false));
    rows.push([
      "API / raw SQL",
      "",
      ratio(seq.all.summary.p50, seq.raw.summary.p50),
      ratio(seq.all.summary.p99, seq.raw.summary.p99),
      "",
      "",
      "",
      "",
    ]);
  }
  if (concurrent) {
    rows.push(row(concurrent, `API move, ${concurrent.label}`, true));
  }
  return table(
    ["task move", "moves", "p50", "p99", "max", "failed", "moves/s", "CPU/move", "API + DB"],
    rows,
  );
}

/** Event delivery: ours and the machine floor, and their ratio. */
export function deliveryTable(results: DeliveryResult[]): string {
  const rows: string[][] = results.map((r) =>
    r.error && r.moves === 0
      ? [r.server, `${r.connected}/${r.clients}`, "-", `ERROR: ${r.error.slice(0, 140)}`]
      : [
          r.server,
          `${r.connected}/${r.clients}`,
          String(r.moves),
          pct(r.deliveredShare),
          ms(r.pairs.p50),
          ms(r.pairs.p99),
          ms(r.allClients.p50),
          ms(r.allClients.p99),
          ms(r.moveHttp.p99),
          ms(r.connectMs),
          r.server === "ours" ? `${num(r.serverCpuPercent)}+${num(r.dbCpuPercent)}` : num(r.serverCpuPercent),
          `${num(r.serverRssMb)} MB`,
          String(r.unexpectedCloses),
        ],
  );
  const ours = results.find((r) => r.server === "ours");
  const floor = results.find((r) => r.server === "floor");
  if (ours && floor && ours.moves > 0 && floor.moves > 0) {
    rows.push([
      "ours / floor",
      "",
      "",
      "",
      ratio(ours.pairs.p50, floor.pairs.p50),
      ratio(ours.pairs.p99, floor.pairs.p99),
      ratio(ours.allClients.p50, floor.allClients.p50),
      ratio(ours.allClients.p99, floor.allClients.p99),
    ]);
  }
  return table(
    [
      "server",
      "streams",
      "moves",
      "delivered",
      "p50",
      "p99",
      "all p50",
      "all p99",
      "move p99",
      "connect",
      "CPU % (+DB)",
      "RSS",
      "dropped",
    ],
    rows,
  );
}

export interface Target {
  name: string;
  value: string;
  goal: string;
  ok: boolean;
}

/** `target <name>: <value> (goal <goal>) ok|short`. */
export function targetLine(t: Target): string {
  return `target ${t.name}: ${t.value} (goal ${t.goal}) ${t.ok ? "ok" : "short"}`;
}

/** The goals (see boards/README.md): one line each, judged on our server alone. */
export function targets(
  load: BoardLoadResult | null,
  seq: { all: MoveRun } | null,
  concurrent: MoveRun | null,
  consistency: Consistency | null,
  delivery: DeliveryResult[],
  goals: { moveP99Ms: number; concurrentMoveP99Ms: number; deliveryP99Ms: number },
  goalText: (v: number) => string = (v) => (v >= 1000 ? `${v / 1000} s` : `${v} ms`),
): Target[] {
  const out: Target[] = [];
  if (load) {
    const r = load.api.p50 / load.raw.p50;
    const c = load.cpu;
    const cpu = (c.apiServer + c.apiDb + c.apiClient) / (c.rawDb + c.rawClient);
    const cpuNote = Number.isFinite(cpu) ? `; CPU per load ${cpu.toFixed(1)}×` : "";
    out.push({
      name: "board load vs raw SQL",
      value: Number.isFinite(r)
        ? `${r.toFixed(2)}× (${ms(load.api.p50)} vs ${ms(load.raw.p50)}, p50${cpuNote})`
        : `n/a (${load.error ?? "no samples"})`,
      goal: "≤ 2×",
      ok: Number.isFinite(r) && r <= 2 && load.mismatch === null,
    });
  }
  if (seq) {
    const v = seq.all.summary.p99;
    out.push({
      name: "move p99 (sequential)",
      value:
        Number.isFinite(v) && seq.all.failures === 0
          ? ms(v)
          : `${ms(v)}, ${seq.all.failures} failed (${seq.all.firstFailure ?? "?"})`,
      goal: `≤ ${goalText(goals.moveP99Ms)}`,
      ok: Number.isFinite(v) && v <= goals.moveP99Ms && seq.all.failures === 0,
    });
  }
  if (concurrent) {
    const v = concurrent.summary.p99;
    out.push({
      name: `move p99 (${concurrent.label})`,
      value:
        concurrent.failures === 0
          ? ms(v)
          : `${ms(v)}, ${concurrent.failures} failed (${concurrent.firstFailure ?? "?"})`,
      goal: `≤ ${goalText(goals.concurrentMoveP99Ms)}`,
      ok: Number.isFinite(v) && v <= goals.concurrentMoveP99Ms && concurrent.failures === 0,
    });
  }
  if (consistency) {
    out.push({
      name: "board consistent after concurrent moves",
      value: consistency.ok ? "yes" : `no (${consistency.detail})`,
      goal: "yes",
      ok: consistency.ok,
    });
  }
  const ours = delivery.find((r) => r.server === "ours");
  const floor = delivery.find((r) => r.server === "floor");
  if (ours) {
    const v = ours.pairs.p99;
    const scale = floor && floor.moves > 0 ? `; machine floor ${ms(floor.pairs.p99)}` : "";
    const measured = ours.moves > 0;
    out.push({
      name: `event delivery p99 (${ours.clients} streams)`,
      value: measured ? ms(v) : `n/a (${ours.error ?? "no moves"})`,
      goal: `≤ ${goalText(goals.deliveryP99Ms)}${scale}`,
      ok: measured && Number.isFinite(v) && v <= goals.deliveryP99Ms,
    });
    out.push({
      name: `events delivered (${ours.clients} streams)`,
      value: measured ? `${pct(ours.deliveredShare)} (${ours.connected}/${ours.clients} connected)` : "n/a",
      goal: "100%",
      ok: measured && ours.deliveredShare >= 1 && ours.connected === ours.clients,
    });
  }
  return out;
}
