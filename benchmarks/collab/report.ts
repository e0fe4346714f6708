import type { FirstSyncResult, IdleResult, LoadResult } from "./scenarios.ts";
import type { ServerKind } from "./servers.ts";
import { median } from "./stats.ts";

/** A duration in ms for a table cell. */
export function ms(v: number): string {
  if (Number.isNaN(v)) {
    return "-";
  }
  if (!Number.isFinite(v)) {
    return "∞";
  }
  // digits chosen on the rounded value, so 9.999 reads "10.0 ms", not "10.00 ms"
  if (v >= 999.5) {
    return `${(v / 1000).toFixed(v >= 9950 ? 0 : 1)} s`;
  }
  return `${v.toFixed(v < 9.995 ? 2 : v < 99.95 ? 1 : 0)} ms`;
}

function pct(v: number | undefined): string {
  if (v === undefined || Number.isNaN(v)) {
    return "-";
  }
  return v >= 1 ? "100%" : `${(Math.floor(v * 10000) / 100).toFixed(2)}%`;
}

function num(v: number, digits = 1): string {
  return Number.isFinite(v) ? v.toFixed(digits) : Number.isNaN(v) ? "-" : "∞";
}

function ratio(a: number, b: number): string {
  if (!Number.isFinite(a) || !Number.isFinite(b) || b === 0) {
    if (Number.isFinite(a) && !Number.isFinite(b) && !Number.isNaN(b)) {
      return "0×";
    }
    return "-";
  }
  return `${(a / b).toFixed(2)}×`;
}

function table(header: string[], rows: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? "").length)));
  const line = (cells: string[]): string =>
    cells
      .map((c, i) => (i < 2 ? c.padEnd(widths[i] ?? 0) : c.padStart(widths[i] ?? 0)))
      .join("  ")
      .trimEnd();
  return [line(header), line(widths.map((w) => "-".repeat(w))), ...rows.map(line)].join("\n");
}

/** The load scenarios: one row per server, then ours / each peer. */
export function loadTable(results: LoadResult[]): string {
  const header = [
    "scenario",
    "server",
    "clients",
    "sent",
    "delivered",
    "p50",
    "p99",
    "p99/pair",
    "caret p99",
    "saved p99",
    "CPU µs/deliv",
    "frames/upd",
    "CPU %",
    "peak RSS",
    "gen CPU %",
    "gen late",
    "other CPU %",
    "dropped",
    "converged",
  ];
  const rows: string[][] = [];
  const ids = [...new Set(results.map((r) => r.scenario.id))];
  for (const id of ids) {
    const group = results.filter((r) => r.scenario.id === id);
    let first = true;
    for (const r of group) {
      const title = first ? (r.scenario.title ?? id) : "";
      first = false;
      if (r.error && !r.edits) {
        rows.push([
          title,
          r.server,
          String(r.connected),
          "-",
          `ERROR: ${r.error.split("\n")[0]?.slice(0, 120)}`,
        ]);
        continue;
      }
      rows.push([
        title,
        r.server,
        r.connectFailures ? `${r.connected}*` : String(r.connected),
        String(r.editsSent),
        pct(r.edits?.deliveredShare),
        ms(r.edits?.allP50 ?? Number.NaN),
        ms(r.edits?.allP99 ?? Number.NaN),
        ms(r.pairP99),
        r.awareness ? ms(r.awareness.allP99) : "",
        Number.isNaN(r.savedP99) ? "" : ms(r.savedP99),
        num(r.cpuUsPerDelivery),
        num(r.framesPerUpdate, 0),
        num(r.cpuPercent, 0),
        `${num(r.peakRssMb, 0)} MB`,
        num(r.generatorCpuPercent, 0),
        ms(r.sendLateMs),
        num(r.otherCpuPercent, 0),
        String(r.unexpectedCloses),
        r.converged,
      ]);
    }
    const ours = group.find((r) => r.server === "ours");
    for (const peer of group.filter((r) => r.server !== "ours")) {
      if (!ours?.edits || !peer.edits) {
        continue;
      }
      rows.push([
        "",
        `ours / ${peer.server}`,
        "",
        "",
        "",
        ratio(ours.edits.allP50, peer.edits.allP50),
        ratio(ours.edits.allP99, peer.edits.allP99),
        ratio(ours.pairP99, peer.pairP99),
        ours.awareness && peer.awareness ? ratio(ours.awareness.allP99, peer.awareness.allP99) : "",
        "",
        ratio(ours.cpuUsPerDelivery, peer.cpuUsPerDelivery),
        ratio(ours.framesPerUpdate, peer.framesPerUpdate),
        "",
        ratio(ours.peakRssMb, peer.peakRssMb),
        "",
        "",
        "",
        "",
        "",
      ]);
    }
  }
  return table(header, rows);
}

export function firstSyncTable(results: FirstSyncResult[]): string {
  const header = [
    "first sync (10^6 edits)",
    "server",
    "new p50",
    "new max",
    "(step 2)",
    "new CPU",
    "returning p50",
    "returning max",
    "(step 2)",
    "returning CPU",
    "bytes new/ret",
    "cold open: history / one snapshot",
    "first edit",
    "edit p50",
    "edit max",
    "other doc p50",
    "other doc worst",
    "peak RSS",
    "correct",
  ];
  const rows = results.map((r) =>
    r.error
      ? ["", r.server, `ERROR: ${r.error.split("\n")[0]?.slice(0, 140)}`]
      : [
          "",
          r.server,
          ms(median(r.newMs)),
          ms(Math.max(...r.newMs)),
          ms(median(r.newStepTwoMs)),
          ms(r.newCpuMs),
          ms(median(r.returningMs)),
          ms(Math.max(...r.returningMs)),
          ms(median(r.returningStepTwoMs)),
          ms(r.returningCpuMs),
          `${(r.newBytes / 1e6).toFixed(2)} MB / ${(r.returningBytes / 1e3).toFixed(0)} KB`,
          r.server === "ours"
            ? `${ms(median(r.coldHistoryMs))} / ${ms(median(r.coldSnapshotMs))} = ${ratio(median(r.coldHistoryMs), median(r.coldSnapshotMs))}`
            : `(seeded in ${ms(r.seedMs)})`,
          ms(r.firstEditMs),
          ms(r.editP50Ms),
          ms(r.editMaxMs),
          ms(r.otherDocP50Ms),
          ms(r.otherDocWorstMs),
          `${num(r.peakRssMb, 0)} MB`,
          r.correct,
        ],
  );
  const ours = results.find((r) => r.server === "ours" && !r.error);
  for (const peer of results.filter((r) => r.server !== "ours" && !r.error)) {
    if (ours) {
      rows.push([
        "",
        `ours / ${peer.server}`,
        ratio(median(ours.newMs), median(peer.newMs)),
        "",
        "",
        ratio(ours.newCpuMs, peer.newCpuMs),
        ratio(median(ours.returningMs), median(peer.returningMs)),
        "",
        "",
        ratio(ours.returningCpuMs, peer.returningCpuMs),
        "",
        "",
        ratio(ours.firstEditMs, peer.firstEditMs),
        ratio(ours.editP50Ms, peer.editP50Ms),
        ratio(ours.editMaxMs, peer.editMaxMs),
        ratio(ours.otherDocP50Ms, peer.otherDocP50Ms),
        ratio(ours.otherDocWorstMs, peer.otherDocWorstMs),
        ratio(ours.peakRssMb, peer.peakRssMb),
        "",
      ]);
    }
  }
  return table(header, rows);
}

export function idleTable(results: IdleResult[]): string {
  const header = [
    "idle documents",
    "server",
    "documents",
    "baseline",
    "loaded",
    "per document",
    "back (≤ +10%) after",
    "RSS at end of watch",
  ];
  const rows = results.map((r) =>
    r.error
      ? ["", r.server, `ERROR: ${r.error.split("\n")[0]?.slice(0, 140)}`]
      : [
          "",
          r.server,
          String(r.documents),
          `${num(r.baselineMb)} MB`,
          `${num(r.loadedMb)} MB`,
          `${num(r.perDocumentKb)} KB`,
          Number.isFinite(r.backAfterS) ? `${r.backAfterS.toFixed(1)} s` : "not within the watch",
          `${num(r.endMb)} MB`,
        ],
  );
  const ours = results.find((r) => r.server === "ours" && !r.error);
  for (const peer of results.filter((r) => r.server !== "ours" && !r.error)) {
    if (ours) {
      rows.push([
        "",
        `ours / ${peer.server}`,
        "",
        "",
        "",
        ratio(ours.perDocumentKb, peer.perDocumentKb),
        "",
        "",
      ]);
    }
  }
  return table(header, rows);
}

export interface Target {
  name: string;
  value: string;
  goal: string;
  /** What the machine floor (a bare relay) reached in the same run, for scale; not judged. */
  floor?: string;
  ok: boolean;
}

/** One `target …` line: `target <name>: <value> (goal <goal>[; machine floor <v>]) ok|short`. */
export function targetLine(t: Target): string {
  const floor = t.floor ? `; machine floor ${t.floor}` : "";
  return `target ${t.name}: ${t.value} (goal ${t.goal}${floor}) ${t.ok ? "ok" : "short"}`;
}

function find<T extends { server: ServerKind }>(list: T[], server: ServerKind): T | undefined {
  return list.find((r) => r.server === server);
}

/** The targets, judged on our server's results. */
export function targets(
  load: LoadResult[],
  firstSync: FirstSyncResult[],
  idle: IdleResult[],
  ran: (id: string) => boolean,
): Target[] {
  const out: Target[] = [];
  const scenario = (id: string): LoadResult[] => load.filter((r) => r.scenario.id === id);
  const p99 = (name: string, r: LoadResult | undefined, goal: number, floor?: LoadResult): void => {
    const v = r?.edits?.allP99 ?? Number.NaN;
    out.push({
      name,
      value: r?.error && !r.edits ? "error" : ms(v),
      goal: `≤ ${goal} ms`,
      ...(floor ? { floor: floor.edits ? ms(floor.edits.allP99) : "error" } : {}),
      ok: v <= goal,
    });
  };
  const delivered = (name: string, r: LoadResult | undefined): void => {
    const e = r?.edits;
    const ok = !!e && e.tracked > 0 && e.complete === e.tracked;
    const value = e ? `${(e.deliveredShare * 100).toFixed(3)}%` : "error";
    out.push({ name, value, goal: "100%", ok });
  };
  if (ran("500x1")) {
    const ours = find(scenario("500x1"), "ours");
    const hp = find(scenario("500x1"), "hocuspocus");
    p99("500x1Hz p99", ours, 25);
    delivered("500x1Hz delivered", ours);
    const a = ours?.edits?.allP99 ?? Number.NaN;
    const b = hp?.edits?.allP99 ?? Number.NaN;
    const r = Number.isFinite(b) ? a / b : Number.isNaN(b) || Number.isNaN(a) ? Number.NaN : 0;
    out.push({
      name: "500x1Hz p99 vs Hocuspocus",
      value: Number.isNaN(r) ? "-" : `${r.toFixed(2)}× (${ms(a)} vs ${ms(b)})`,
      goal: "≤ 0.5×",
      ok: r <= 0.5,
    });
  }
  if (ran("250x4")) {
    const ours = find(scenario("250x4"), "ours");
    delivered("250x4Hz delivered", ours);
    p99("250x4Hz p99", ours, 50);
  }
  if (ran("light10")) {
    const s = scenario("light10");
    p99("light load p99 (10 clients)", find(s, "ours"), 3, find(s, "floor"));
  }
  if (ran("light100")) {
    const s = scenario("light100");
    p99("light load p99 (100 clients)", find(s, "ours"), 3, find(s, "floor"));
  }
  if (ran("presence")) {
    const ours = find(scenario("presence"), "ours");
    const floor = find(scenario("presence"), "floor");
    const v = ours?.awareness?.allP99 ?? Number.NaN;
    out.push({
      name: "presence caret p99",
      value: ms(v),
      goal: "≤ 10 ms",
      ...(floor ? { floor: floor.awareness ? ms(floor.awareness.allP99) : "error" } : {}),
      ok: v <= 10,
    });
  }
  if (ran("first-sync")) {
    const ours = find(firstSync, "ours");
    const fine = ours && !ours.error ? ours : null;
    const n = fine ? median(fine.newMs) : Number.NaN;
    const r = fine ? median(fine.returningMs) : Number.NaN;
    out.push({ name: "first sync new client (median)", value: ms(n), goal: "≤ 20 ms", ok: n <= 20 });
    out.push({ name: "first sync returning client (median)", value: ms(r), goal: "≤ 100 ms", ok: r <= 100 });
    const h = fine ? median(fine.coldHistoryMs) : Number.NaN;
    const one = fine ? median(fine.coldSnapshotMs) : Number.NaN;
    const x = h / one;
    // more digits where two would round across the goal ("1.20×" and short)
    let digits = 2;
    while (digits < 5 && Number(x.toFixed(digits)) <= 1.2 !== x <= 1.2) {
      digits++;
    }
    const shown = x.toFixed(digits);
    out.push({
      name: "long history open vs one snapshot",
      value: Number.isFinite(x) ? `${shown}× (${ms(h)} vs ${ms(one)})` : `- (${ms(h)} vs ${ms(one)})`,
      goal: "≤ 1.2×",
      ok: x <= 1.2,
    });
    const worst = fine ? fine.otherDocWorstMs : Number.NaN;
    out.push({
      name: "other document during big edits (worst)",
      value: ms(worst),
      goal: "≤ 50 ms",
      ok: worst <= 50,
    });
  }
  if (ran("idle")) {
    const ours = find(idle, "ours");
    const kb = ours && !ours.error ? ours.perDocumentKb : Number.NaN;
    out.push({ name: "idle document RSS", value: `${num(kb)} KB`, goal: "≤ 25 KB", ok: kb <= 25 });
    const s = ours && !ours.error ? ours.backAfterS : Number.NaN;
    out.push({
      name: "memory back to baseline",
      value: Number.isFinite(s) ? `${s.toFixed(1)} s` : Number.isNaN(s) ? "-" : "> 60 s",
      goal: "≤ 60 s",
      ok: s <= 60,
    });
  }
  return out;
}
