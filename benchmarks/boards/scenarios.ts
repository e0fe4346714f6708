import type pg from "pg";
import { type BoardLoad, expandBoard } from "../../packages/contracts/src/boards.ts";
import { ApiClient } from "./http.ts";
import { BoardModel, type Move } from "./model.ts";
import { CpuWindow } from "./proc.ts";
import {
  RAW_BOARD_QUERY,
  RAW_BOARD_QUERY_CORRELATED,
  RAW_BOARD_QUERY_GROUPED,
  type RawTaskRow,
  rawBoard,
  rawMove,
} from "./raw.ts";
import { nowMs, type Summary, sleep, summarise } from "./stats.ts";
import { StreamClient, type StreamEvent } from "./stream.ts";

/** What every scenario needs to reach our API and the database. */
export interface RunContext {
  port: number;
  origin: string;
  serverPid: number;
  boardId: string;
  raw: pg.Client;
  log: (line: string) => void;
}

/** The PostgreSQL backends serving this database: the reference's own, and everyone else's (the API's pool). */
export async function backends(raw: pg.Client): Promise<{ raw: number; others: number[] }> {
  const result = await raw.query<{ pid: number; mine: boolean }>(
    `select pid, pid = pg_backend_pid() as mine from pg_stat_activity
     where datname = current_database() and backend_type = 'client backend'`,
  );
  return {
    raw: result.rows.find((r) => r.mine)?.pid ?? 0,
    others: result.rows.filter((r) => !r.mine).map((r) => r.pid),
  };
}

/** CPU ms this process spends in `fn` (the client side of one request or query). */
async function clientCpu<T>(fn: () => Promise<T>): Promise<{ value: T; cpuMs: number }> {
  const before = process.cpuUsage();
  const value = await fn();
  const used = process.cpuUsage(before);
  return { value, cpuMs: (used.user + used.system) / 1000 };
}

/**
 * How the board load is read: parsed, and its cards expanded into `Task`s with their assignees'
 * names, as the web app keeps them (`expandBoard`, in the timed span).
 */
const LOAD = { parse: true, expand: (json: unknown) => expandBoard(json as BoardLoad) };

/** A card as the web app keeps it (the fields the checks compare). */
interface CardLike {
  id: string;
  columnId: string;
  position: string;
  assignees: { id: string; displayName: string }[];
  labelIds: string[];
  checklist: { done: number; total: number };
  commentCount: number;
  hasDescription: boolean;
}

/**
 * Fewest measured runs per phase, whatever its time budget (a phase stops at its count or, past
 * this many, when its budget is spent: a busy machine stretches every request).
 */
const MIN_RUNS = 40;

function describeFailure(status: number, text: string): string {
  const code = /"code"\s*:\s*"([^"]+)"/.exec(text)?.[1];
  return `${status}${code ? ` ${code}` : ""}`;
}

// ---------------------------------------------------------------------------------------------
// Board load

/** The reference's formulations (raw.ts), by the name the table shows. */
const FORMULATIONS = {
  "aggregated joins": RAW_BOARD_QUERY,
  "grouped subqueries": RAW_BOARD_QUERY_GROUPED,
  "correlated subqueries": RAW_BOARD_QUERY_CORRELATED,
} as const;
export type RawFormulation = keyof typeof FORMULATIONS;

export interface BoardLoadResult {
  api: Summary;
  raw: Summary;
  /** Which formulation of the raw query was the faster one in the warm-up (and so the reference). */
  rawQuery: RawFormulation;
  apiBytes: number;
  tasks: number;
  /**
   * CPU ms per load. API: its process, its PostgreSQL backends, and this client (HTTP, JSON.parse).
   * Raw: the reference's backend and this client (`pg` reading and parsing the rows).
   */
  cpu: { apiServer: number; apiDb: number; apiClient: number; rawDb: number; rawClient: number };
  otherCpuPercent: number;
  /** null when the API answered the same tasks (ids, columns, keys, assignees, labels) as SQL. */
  mismatch: string | null;
  error?: string;
}

/**
 * Compares the API's tasks with the reference rows (place, assignees and their names, labels,
 * checklist and comment counts, description flag); returns what differs, or null.
 */
function compareBoard(apiTasks: readonly CardLike[], rows: readonly RawTaskRow[]): string | null {
  if (apiTasks.length !== rows.length) {
    return `API ${apiTasks.length} tasks, SQL ${rows.length}`;
  }
  const byId = new Map(rows.map((r) => [r.id, r]));
  const sortedIds = (list: readonly string[]): string => [...list].sort().join(",");
  for (const t of apiTasks) {
    const r = byId.get(t.id);
    if (!r) {
      return `task ${t.id} is not on the board in SQL`;
    }
    if (r.column_id !== t.columnId || r.position !== t.position) {
      return `task ${t.id}: column/position differ`;
    }
    if (sortedIds(t.assignees.map((a) => a.id)) !== sortedIds(r.assignees.map((a) => a.id))) {
      return `task ${t.id}: assignees differ`;
    }
    if (sortedIds(t.labelIds) !== sortedIds(r.label_ids)) {
      return `task ${t.id}: labels differ`;
    }
    // names compared as a set: the API orders them as German readers sort, SQL by its collation
    const named = (list: readonly { id: string; displayName: string }[]): string =>
      sortedIds(list.map((a) => `${a.id}:${a.displayName}`));
    if (named(t.assignees) !== named(r.assignees)) {
      return `task ${t.id}: assignees' names differ`;
    }
    if (
      t.checklist.done !== r.checklist_done ||
      t.checklist.total !== r.checklist_total ||
      t.commentCount !== r.comment_count ||
      t.hasDescription !== r.has_description
    ) {
      return `task ${t.id}: checklist, comment count or description flag differ`;
    }
  }
  return null;
}

/**
 * `GET /api/boards/{id}` (read and parsed) against the reference query (read and parsed by `pg`),
 * alternated one by one so both see the same machine. The warm-up also times both formulations
 * of the reference; the faster one is measured.
 */
export async function runBoardLoad(
  ctx: RunContext,
  token: string,
  warmup: number,
  runs: number,
  budgetMs = Number.POSITIVE_INFINITY,
): Promise<BoardLoadResult> {
  const api = new ApiClient(ctx.port, token, ctx.origin);
  const path = `/api/boards/${ctx.boardId}`;
  const empty = summarise([]);
  try {
    const first = await api.send("GET", path, undefined, LOAD);
    const firstRows = await rawBoard(ctx.raw, ctx.boardId);
    const base = {
      raw: empty,
      rawQuery: "aggregated joins" as RawFormulation,
      apiBytes: first.bytes,
      tasks: firstRows.length,
      cpu: {
        apiServer: Number.NaN,
        apiDb: Number.NaN,
        apiClient: Number.NaN,
        rawDb: Number.NaN,
        rawClient: Number.NaN,
      },
      otherCpuPercent: Number.NaN,
    };
    if (first.status !== 200) {
      // the reference alone, so a run without the route still shows what the database takes
      const rawMs: number[] = [];
      for (let i = 0; i < warmup + runs; i++) {
        const t = nowMs();
        await rawBoard(ctx.raw, ctx.boardId);
        if (i >= warmup) {
          rawMs.push(nowMs() - t);
        }
      }
      return {
        ...base,
        raw: summarise(rawMs),
        api: empty,
        mismatch: null,
        error: `GET ${path}: ${describeFailure(first.status, first.text)}`,
      };
    }
    const tasks = (first.json as { tasks?: CardLike[] } | null)?.tasks ?? [];
    const mismatch = compareBoard(tasks, firstRows);

    const names = Object.keys(FORMULATIONS) as RawFormulation[];
    const timings = new Map<RawFormulation, number[]>(names.map((n) => [n, []]));
    for (let i = 0; i < warmup; i++) {
      await api.send("GET", path, undefined, LOAD);
      for (const name of names) {
        const t = nowMs();
        await rawBoard(ctx.raw, ctx.boardId, FORMULATIONS[name]);
        timings.get(name)?.push(nowMs() - t);
      }
    }
    const p50 = (name: RawFormulation): number => summarise(timings.get(name) ?? []).p50;
    const fastest = names.reduce((best, name) => (p50(name) < p50(best) ? name : best));
    const query = FORMULATIONS[fastest];

    const apiMs: number[] = [];
    const rawMs: number[] = [];
    const clientMs = { api: 0, raw: 0 };
    const pids = await backends(ctx.raw);
    const cpu = new CpuWindow({ apiServer: [ctx.serverPid], apiDb: pids.others, rawDb: [pids.raw] });
    let failures = 0;
    const until = nowMs() + budgetMs;
    for (let i = 0; i < runs && (i < MIN_RUNS || nowMs() < until); i++) {
      const { value: answer, cpuMs } = await clientCpu(() => api.send("GET", path, undefined, LOAD));
      clientMs.api += cpuMs;
      if (answer.status === 200) {
        apiMs.push(answer.ms);
      } else {
        failures++;
      }
      const t = nowMs();
      const rawRun = await clientCpu(() => rawBoard(ctx.raw, ctx.boardId, query));
      rawMs.push(nowMs() - t);
      clientMs.raw += rawRun.cpuMs;
    }
    const used = cpu.read({ apiDb: (await backends(ctx.raw)).others });
    const perApi = (v: number): number => v / Math.max(1, apiMs.length);
    const perRaw = (v: number): number => v / Math.max(1, rawMs.length);
    return {
      ...base,
      api: summarise(apiMs),
      raw: summarise(rawMs),
      rawQuery: fastest,
      cpu: {
        apiServer: perApi(used.ms.apiServer),
        apiDb: perApi(used.ms.apiDb),
        apiClient: perApi(clientMs.api),
        rawDb: perRaw(used.ms.rawDb),
        rawClient: perRaw(clientMs.raw),
      },
      otherCpuPercent: used.percent(used.otherMs),
      mismatch,
      ...(failures > 0 ? { error: `${failures} of ${runs} loads failed` } : {}),
    };
  } finally {
    api.close();
  }
}

// ---------------------------------------------------------------------------------------------
// Moves

export interface MoveRun {
  label: string;
  samples: number[];
  summary: Summary;
  failures: number;
  /** The first failure, e.g. "404 not_found". */
  firstFailure: string | null;
  /** Moves per second over the run (concurrent runs). */
  throughput: number;
  /** CPU ms per move: the API process and its PostgreSQL backends (raw: 0 and the reference's backend). */
  cpuPerMove: { server: number; db: number };
  otherCpuPercent: number;
}

function moveRun(
  label: string,
  samples: number[],
  failures: number,
  firstFailure: string | null,
  wallMs: number,
  cpuMs: { server: number; db: number },
  otherCpuPercent: number,
): MoveRun {
  return {
    label,
    samples,
    summary: summarise(samples),
    failures,
    firstFailure,
    throughput: wallMs > 0 ? ((samples.length + failures) / wallMs) * 1000 : Number.NaN,
    cpuPerMove: {
      server: cpuMs.server / Math.max(1, samples.length),
      db: cpuMs.db / Math.max(1, samples.length),
    },
    otherCpuPercent,
  };
}

/** The move request a client sends for a move. */
function moveBody(move: Move): Record<string, unknown> {
  return { columnId: move.columnId, afterId: move.afterId, beforeId: move.beforeId };
}

/**
 * One person moves tasks one after the other, alternately to another column and within the
 * same one; after each API move the same kind of move goes through the raw-SQL reference, so
 * both see the same machine and the same board.
 */
export async function runSequentialMoves(
  ctx: RunContext,
  token: string,
  actorId: string,
  rnd: () => number,
  count: number,
  warmup: number,
  budgetMs = Number.POSITIVE_INFINITY,
): Promise<{ between: MoveRun; within: MoveRun; all: MoveRun; raw: MoveRun }> {
  const api = new ApiClient(ctx.port, token, ctx.origin);
  let model = await BoardModel.load(ctx.raw, ctx.boardId);
  const samples = { between: [] as number[], within: [] as number[], raw: [] as number[] };
  const failures = { between: 0, within: 0 };
  let firstFailure: string | null = null;
  let rawFailures = 0;
  let rawFirstFailure: string | null = null;
  let measuredFrom = nowMs();
  let cpu: CpuWindow<"api" | "apiDb" | "rawDb"> | null = null;
  try {
    let until = Number.POSITIVE_INFINITY;
    for (let i = 0; i < warmup + count && (i < warmup + MIN_RUNS || nowMs() < until); i++) {
      if (i === warmup) {
        measuredFrom = nowMs();
        until = measuredFrom + budgetMs;
        const pids = await backends(ctx.raw);
        cpu = new CpuWindow({ api: [ctx.serverPid], apiDb: pids.others, rawDb: [pids.raw] });
      }
      const kind = i % 2 === 0 ? "between" : "within";
      const move = model.pick(rnd, kind);
      const answer = await api.send("POST", `/api/tasks/${move.taskId}/move`, moveBody(move));
      if (answer.status >= 200 && answer.status < 300) {
        model.apply(move);
        if (i >= warmup) {
          samples[kind].push(answer.ms);
        }
      } else {
        failures[kind]++;
        firstFailure ??= describeFailure(answer.status, answer.text);
        model = await BoardModel.load(ctx.raw, ctx.boardId);
      }
      const reference = model.pick(rnd, kind);
      const t = nowMs();
      try {
        await rawMove(ctx.raw, reference, actorId);
        model.apply(reference);
        if (i >= warmup) {
          samples.raw.push(nowMs() - t);
        }
      } catch (err) {
        rawFailures++;
        rawFirstFailure ??= String(err).slice(0, 200);
        model = await BoardModel.load(ctx.raw, ctx.boardId);
      }
    }
  } finally {
    api.close();
  }
  const wall = nowMs() - measuredFrom;
  const used = cpu?.read({ apiDb: (await backends(ctx.raw)).others });
  const apiCpu = used ? { server: used.ms.api, db: used.ms.apiDb } : { server: Number.NaN, db: Number.NaN };
  const other = used ? used.percent(used.otherMs) : Number.NaN;
  const all = failures.between + failures.within;
  const n = samples.between.length + samples.within.length;
  // the API's CPU cannot be split by kind: both rows get the average
  const share = (k: number): { server: number; db: number } => ({
    server: n > 0 ? (apiCpu.server * k) / n : Number.NaN,
    db: n > 0 ? (apiCpu.db * k) / n : Number.NaN,
  });
  return {
    between: moveRun(
      "to another column",
      samples.between,
      failures.between,
      firstFailure,
      wall,
      share(samples.between.length),
      other,
    ),
    within: moveRun(
      "within a column",
      samples.within,
      failures.within,
      firstFailure,
      wall,
      share(samples.within.length),
      other,
    ),
    all: moveRun(
      "all (sequential)",
      [...samples.between, ...samples.within],
      all,
      firstFailure,
      wall,
      apiCpu,
      other,
    ),
    raw: moveRun(
      "raw SQL move (pg, one transaction)",
      samples.raw,
      rawFailures,
      rawFirstFailure,
      wall,
      { server: 0, db: used ? used.ms.rawDb : Number.NaN },
      other,
    ),
  };
}

/**
 * `clients` people (each their own session) move tasks at once, each as fast as the answers come
 * (closed loop). Each works in its own pair of columns, so a move never names a neighbour another
 * one is moving; they still contend for the same board, tables and the event log's order lock.
 */
export async function runConcurrentMoves(
  ctx: RunContext,
  people: { token: string }[],
  rnd: () => number,
  perClient: number,
  budgetMs = Number.POSITIVE_INFINITY,
): Promise<MoveRun> {
  const model = await BoardModel.load(ctx.raw, ctx.boardId);
  const columns = model.columnIds.length;
  const samples: number[] = [];
  let failures = 0;
  let firstFailure: string | null = null;
  const pids = await backends(ctx.raw);
  const cpu = new CpuWindow({ api: [ctx.serverPid], apiDb: pids.others });
  const started = nowMs();
  const until = started + budgetMs;
  await Promise.all(
    people.map(async (person, k) => {
      const api = new ApiClient(ctx.port, person.token, ctx.origin);
      const own = [(2 * k) % columns, (2 * k + 1) % columns];
      try {
        for (let i = 0; i < perClient && (i < MIN_RUNS / 2 || nowMs() < until); i++) {
          const move = model.pick(rnd, i % 2 === 0 ? "between" : "within", own);
          model.apply(move);
          const answer = await api.send("POST", `/api/tasks/${move.taskId}/move`, moveBody(move));
          if (answer.status >= 200 && answer.status < 300) {
            samples.push(answer.ms);
          } else {
            failures++;
            firstFailure ??= describeFailure(answer.status, answer.text);
          }
        }
      } finally {
        api.close();
      }
    }),
  );
  const used = cpu.read({ apiDb: (await backends(ctx.raw)).others });
  return moveRun(
    `${people.length} clients at once`,
    samples,
    failures,
    firstFailure,
    nowMs() - started,
    { server: used.ms.api, db: used.ms.apiDb },
    used.percent(used.otherMs),
  );
}

export interface Consistency {
  ok: boolean;
  detail: string;
}

/**
 * After the concurrent moves: the board as the API answers it has every open task exactly once,
 * keys strictly increasing in each column, and the same order as the database.
 */
export async function checkConsistency(
  ctx: RunContext,
  token: string,
  expectedTasks: number,
): Promise<Consistency> {
  const api = new ApiClient(ctx.port, token, ctx.origin);
  try {
    const answer = await api.send("GET", `/api/boards/${ctx.boardId}`, undefined, LOAD);
    if (answer.status !== 200) {
      return { ok: false, detail: `board load ${describeFailure(answer.status, answer.text)}` };
    }
    const tasks = (answer.json as { tasks?: CardLike[] } | null)?.tasks ?? [];
    const ids = new Set(tasks.map((t) => t.id));
    // A repeating task moved into the done column makes its next occurrence (the seed has a few,
    // and how many moves a phase makes depends on the machine): the open tasks the database
    // holds now are the expectation, and any beyond the seeded ones are said.
    const rows = await rawBoard(ctx.raw, ctx.boardId);
    if (tasks.length !== rows.length || ids.size !== rows.length) {
      return {
        ok: false,
        detail: `${tasks.length} tasks (${ids.size} distinct), the database has ${rows.length}`,
      };
    }
    const byColumn = new Map<string, string[]>();
    for (const t of tasks) {
      byColumn.set(t.columnId, [...(byColumn.get(t.columnId) ?? []), t.position]);
    }
    for (const [column, keys] of byColumn) {
      const sorted = [...keys].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
      for (let i = 1; i < sorted.length; i++) {
        if ((sorted[i - 1] as string) >= (sorted[i] as string)) {
          return { ok: false, detail: `column ${column}: key ${sorted[i]} twice` };
        }
      }
    }
    const mismatch = compareBoard(tasks, rows);
    if (mismatch) {
      return { ok: false, detail: mismatch };
    }
    const made = tasks.length - expectedTasks;
    const repeats = made > 0 ? ` (${made} made by repeating tasks moved into the done column)` : "";
    return {
      ok: true,
      detail: `${tasks.length} tasks${repeats}, each once, keys unique and ordered per column`,
    };
  } finally {
    api.close();
  }
}

// ---------------------------------------------------------------------------------------------
// Event delivery

export interface DeliveryResult {
  server: "ours" | "floor";
  clients: number;
  connected: number;
  connectMs: number;
  moves: number;
  /** Per (move, client) that arrived: move request sent → the client has the event. */
  pairs: Summary;
  /** Per move: until the last client had it (∞ when some client never did). */
  allClients: Summary;
  deliveredShare: number;
  /** The move requests' own latency meanwhile. */
  moveHttp: Summary;
  moveFailures: number;
  unexpectedCloses: number;
  /** CPU % (of one core) while measuring: the server process, and its PostgreSQL backends. */
  serverCpuPercent: number;
  dbCpuPercent: number;
  otherCpuPercent: number;
  serverRssMb: number;
  error?: string;
}

/** The task id a `task.changed` event is about (its envelope's data.task.id). */
function taskIdOf(data: unknown): string | null {
  const envelope = data as { data?: { task?: { id?: unknown } }; task?: { id?: unknown } } | null;
  const id = envelope?.data?.task?.id ?? envelope?.task?.id;
  return typeof id === "string" ? id : null;
}

interface Pending {
  sentAt: number;
  arrivals: Float64Array;
  count: number;
}

/**
 * `tokens.length` stream clients (each its own session) connect to `port`'s `/api/events`; then a
 * mover moves one task every `intervalMs` (open loop, a different task each time) and every
 * client's receipt of that task's `task.changed` is timed from the moment the move was sent.
 */
export async function runDelivery(
  server: DeliveryResult["server"],
  ctx: RunContext & { port: number; serverPid: number; rssMb: () => number },
  tokens: readonly string[],
  moverToken: string,
  rnd: () => number,
  options: { moves: number; warmup: number; intervalMs: number; drainMs: number },
): Promise<DeliveryResult> {
  const model = await BoardModel.load(ctx.raw, ctx.boardId);
  const pending = new Map<string, Pending>();
  const onEvent = (client: StreamClient, event: StreamEvent): void => {
    if (event.type !== "task.changed") {
      return;
    }
    const id = taskIdOf(event.data);
    const p = id ? pending.get(id) : undefined;
    if (!p || Number.isNaN(p.sentAt) || !Number.isNaN(p.arrivals[client.index] ?? 0)) {
      return;
    }
    p.arrivals[client.index] = Math.max(0, event.at - p.sentAt);
    p.count++;
  };
  const clients = tokens.map((_, i) => new StreamClient(i, onEvent));
  const result: DeliveryResult = {
    server,
    clients: clients.length,
    connected: 0,
    connectMs: Number.NaN,
    moves: 0,
    pairs: summarise([]),
    allClients: summarise([]),
    deliveredShare: Number.NaN,
    moveHttp: summarise([]),
    moveFailures: 0,
    unexpectedCloses: 0,
    serverCpuPercent: Number.NaN,
    dbCpuPercent: Number.NaN,
    otherCpuPercent: Number.NaN,
    serverRssMb: Number.NaN,
  };
  const mover = new ApiClient(ctx.port, moverToken, ctx.origin, 4);
  try {
    // connect in batches, as a crowd of tabs opening would, not all in one instant
    const connectStarted = nowMs();
    let firstError: string | null = null;
    for (let i = 0; i < clients.length; i += 25) {
      const batch = clients.slice(i, i + 25);
      const opened = await Promise.allSettled(batch.map((c, j) => c.open(ctx.port, tokens[i + j] ?? "")));
      for (const o of opened) {
        if (o.status === "fulfilled") {
          result.connected++;
        } else {
          firstError ??= String(o.reason instanceof Error ? o.reason.message : o.reason);
        }
      }
      if (result.connected === 0) {
        break;
      }
    }
    result.connectMs = nowMs() - connectStarted;
    if (result.connected === 0) {
      result.error = firstError ?? "no stream could connect";
      return result;
    }
    if (firstError) {
      result.error = `${clients.length - result.connected} streams refused: ${firstError}`;
    }

    const used = new Set<string>();
    const moveOnce = async (): Promise<{ move: Move; done: Promise<number | null> }> => {
      const move = model.pick(rnd, rnd() < 0.5 ? "between" : "within", undefined, used);
      used.add(move.taskId);
      model.apply(move);
      const p: Pending = {
        sentAt: Number.NaN,
        arrivals: new Float64Array(clients.length).fill(Number.NaN),
        count: 0,
      };
      pending.set(move.taskId, p);
      const done = mover
        .send("POST", `/api/tasks/${move.taskId}/move`, moveBody(move), {
          onSent: (at) => {
            p.sentAt = at;
          },
        })
        .then((a) => (a.status >= 200 && a.status < 300 ? a.ms : null))
        .catch(() => null);
      return { move, done };
    };
    const waitFor = async (ids: readonly string[], limitMs: number): Promise<void> => {
      const until = nowMs() + limitMs;
      while (nowMs() < until && ids.some((id) => (pending.get(id)?.count ?? 0) < result.connected)) {
        await sleep(10);
      }
    };

    // warm-up: the first events also prove every stream is subscribed
    for (let i = 0; i < options.warmup; i++) {
      const { move, done } = await moveOnce();
      await done;
      await waitFor([move.taskId], 3000);
      pending.delete(move.taskId);
    }

    const pids = await backends(ctx.raw);
    const cpu = new CpuWindow({ server: [ctx.serverPid], db: server === "ours" ? pids.others : [] });
    const measured: { id: string; done: Promise<number | null> }[] = [];
    const start = nowMs();
    for (let i = 0; i < options.moves; i++) {
      const due = start + i * options.intervalMs;
      if (due > nowMs()) {
        await sleep(due - nowMs());
      }
      const { move, done } = await moveOnce();
      measured.push({ id: move.taskId, done });
    }
    const answers = await Promise.all(measured.map((m) => m.done));
    await waitFor(
      measured.map((m) => m.id),
      options.drainMs,
    );
    const usage = cpu.read(server === "ours" ? { db: (await backends(ctx.raw)).others } : {});
    result.serverCpuPercent = usage.percent(usage.ms.server);
    result.dbCpuPercent = usage.percent(usage.ms.db);
    result.otherCpuPercent = usage.percent(usage.otherMs);
    result.serverRssMb = ctx.rssMb();

    const pairs: number[] = [];
    const perMove: number[] = [];
    let arrived = 0;
    for (const m of measured) {
      const p = pending.get(m.id);
      if (!p) {
        continue;
      }
      let last = 0;
      let missing = false;
      for (const v of p.arrivals) {
        if (Number.isNaN(v)) {
          missing = true;
        } else {
          pairs.push(v);
          last = Math.max(last, v);
          arrived++;
        }
      }
      // clients that never connected are not counted as missing (they are reported apart)
      perMove.push(missing && p.count < result.connected ? Number.POSITIVE_INFINITY : last);
    }
    result.moves = measured.length;
    result.pairs = summarise(pairs);
    result.allClients = summarise(perMove);
    result.deliveredShare = measured.length ? arrived / (measured.length * result.connected) : Number.NaN;
    result.moveHttp = summarise(answers.filter((a): a is number => a !== null));
    result.moveFailures = answers.filter((a) => a === null).length;
    result.unexpectedCloses = clients.filter((c) => c.closedUnexpectedly).length;
    if (result.moveFailures > 0 && !result.error) {
      result.error = `${result.moveFailures} of ${measured.length} moves failed`;
    }
    return result;
  } finally {
    mover.close();
    for (const c of clients) {
      c.close();
    }
  }
}
