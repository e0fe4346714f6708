import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { get } from "node:http";
import { createServer } from "node:net";
import { setPriority } from "node:os";
import { join } from "node:path";
import { nowMs, sleep } from "./stats.ts";

export const ROOT = join(import.meta.dirname, "..", "..");

const CLOCK_TICKS = (() => {
  try {
    return Number(execFileSync("getconf", ["CLK_TCK"], { encoding: "utf8" }).trim()) || 100;
  } catch {
    return 100;
  }
})();

/** CPU time (user + system) a process has used, in ms, from /proc/<pid>/stat. */
export function processCpuMs(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLOCK_TICKS;
  } catch {
    return Number.NaN;
  }
}

/** CPU time the whole machine spent busy so far (all cores), in ms, from /proc/stat. */
export function machineBusyMs(): number {
  const line = readFileSync("/proc/stat", "utf8").split("\n", 1)[0] ?? "";
  const v = line.trim().split(/\s+/).slice(1).map(Number);
  const total = v.reduce((a, b) => a + b, 0);
  const idle = (v[3] ?? 0) + (v[4] ?? 0);
  return ((total - idle) * 1000) / CLOCK_TICKS;
}

/** Resident memory now and at its peak, in MB, from /proc/<pid>/status. */
export function processMemoryMb(pid: number): { rss: number; peak: number } {
  try {
    const status = readFileSync(`/proc/${pid}/status`, "utf8");
    const read = (key: string): number =>
      Number(new RegExp(`^${key}:\\s+(\\d+) kB`, "m").exec(status)?.[1] ?? Number.NaN) / 1024;
    return { rss: read("VmRSS"), peak: read("VmHWM") };
  } catch {
    return { rss: Number.NaN, peak: Number.NaN };
  }
}

/**
 * CPU used while a phase ran, in ms: by named groups of processes (the API, its PostgreSQL
 * backends, …), by this benchmark, and by the rest of the machine (the difference to all busy
 * time: other work on a shared VM, other databases' backends). Percentages are of one core.
 * Per process: a process gone by the end counts nothing (its last ticks are unknown); one that
 * joins a group later (`read(more)`, e.g. a new pooled connection) counts from its start.
 */
export class CpuWindow<G extends string> {
  private readonly startedAt = nowMs();
  private readonly start = new Map<number, number>();
  private readonly self = process.cpuUsage();
  private readonly machine = machineBusyMs();

  constructor(private readonly groups: Record<G, readonly number[]>) {
    for (const pids of Object.values<readonly number[]>(groups)) {
      for (const pid of pids) {
        this.start.set(pid, processCpuMs(pid));
      }
    }
  }

  read(more: Partial<Record<G, readonly number[]>> = {}): {
    wallMs: number;
    ms: Record<G, number>;
    benchMs: number;
    otherMs: number;
    percent: (v: number) => number;
  } {
    const wallMs = nowMs() - this.startedAt;
    const ms = {} as Record<G, number>;
    let groups = 0;
    for (const name of Object.keys(this.groups) as G[]) {
      const pids = new Set([...this.groups[name], ...(more[name] ?? [])]);
      let sum = 0;
      for (const pid of pids) {
        const now = processCpuMs(pid);
        const then = this.start.get(pid) ?? 0;
        if (Number.isFinite(now) && Number.isFinite(then)) {
          sum += Math.max(0, now - then);
        }
      }
      ms[name] = sum;
      groups += sum;
    }
    const used = process.cpuUsage(this.self);
    const benchMs = (used.user + used.system) / 1000;
    const otherMs = Math.max(0, machineBusyMs() - this.machine - groups - benchMs);
    return { wallMs, ms, benchMs, otherMs, percent: (v) => (wallMs > 0 ? (v / wallMs) * 100 : Number.NaN) };
  }
}

/**
 * Waits (at most `maxMs`) for half a second in which the rest of the machine used less than a
 * quarter of a core, so a phase starts on a quiet machine where there is one. Returns how long it
 * waited and the rest's CPU % in the last half second.
 */
export async function settle(
  maxMs: number,
  ours: readonly number[],
): Promise<{ waitedMs: number; otherPercent: number }> {
  const started = nowMs();
  let other = Number.NaN;
  do {
    const window = new CpuWindow({ ours });
    await sleep(500);
    const r = window.read();
    other = r.percent(r.otherMs);
    if (other < 25) {
      break;
    }
  } while (nowMs() - started < maxMs);
  return { waitedMs: nowMs() - started, otherPercent: other };
}

/**
 * Raises this process's scheduling priority before any server starts, so they inherit it and
 * other work on a shared machine disturbs the measurements less. False when not allowed.
 */
export function raisePriority(niceness: number): boolean {
  try {
    setPriority(0, niceness);
    return true;
  } catch {
    return false;
  }
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once("error", reject);
    s.listen(0, "127.0.0.1", () => {
      const address = s.address();
      const port = typeof address === "object" && address ? address.port : 0;
      s.close(() => resolve(port));
    });
  });
}

function answers(port: number, path: string): Promise<boolean> {
  return new Promise((resolve) => {
    const req = get({ host: "127.0.0.1", port, path, timeout: 2000 }, (res) => {
      res.resume();
      resolve(res.statusCode === 200);
    });
    req.on("error", () => resolve(false));
    req.on("timeout", () => {
      req.destroy();
      resolve(false);
    });
  });
}

const live = new Set<ChildProcess>();

/** Kills every server still running (on an abort; normal runs stop each one themselves). */
export function killAllServers(): void {
  for (const child of live) {
    child.kill("SIGKILL");
  }
  live.clear();
}

/** A server under test in its own process, so its CPU and memory are its own. */
export class ChildServer {
  private output = "";
  private exitCode: number | null = null;

  private constructor(
    readonly name: string,
    readonly port: number,
    private readonly child: ChildProcess,
  ) {
    const keep = (chunk: Buffer): void => {
      this.output = (this.output + chunk.toString("utf8")).slice(-8000);
    };
    child.stdout?.on("data", keep);
    child.stderr?.on("data", keep);
    live.add(child);
    child.on("exit", (code, signal) => {
      live.delete(child);
      this.exitCode = code ?? (signal ? 128 : 0);
    });
  }

  /** Runs `node [nodeArgs] --import tsx <script>` with `env` and waits (bounded) until `health` answers 200. */
  static async start(
    name: string,
    script: string,
    env: NodeJS.ProcessEnv,
    port: number,
    health: string,
    nodeArgs: readonly string[] = [],
  ): Promise<ChildServer> {
    const child = spawn(process.execPath, [...nodeArgs, "--import", "tsx", script], {
      cwd: ROOT,
      env,
      stdio: ["ignore", "pipe", "pipe"],
    });
    const server = new ChildServer(name, port, child);
    const deadline = nowMs() + 60_000;
    while (nowMs() < deadline) {
      if (server.exitCode !== null) {
        throw new Error(`${name} exited with ${server.exitCode} while starting:\n${server.output}`);
      }
      if (await answers(port, health)) {
        return server;
      }
      await sleep(100);
    }
    await server.stop();
    throw new Error(`${name} did not answer on port ${port} within 60 s:\n${server.output}`);
  }

  get pid(): number {
    return this.child.pid ?? 0;
  }

  get alive(): boolean {
    return this.exitCode === null;
  }

  /** What the process printed (the last 8,000 characters). */
  get printed(): string {
    return this.output;
  }

  memoryMb(): { rss: number; peak: number } {
    return processMemoryMb(this.pid);
  }

  /** SIGTERM, then SIGKILL after 15 s. */
  async stop(): Promise<void> {
    if (this.exitCode !== null) {
      return;
    }
    const exited = new Promise<void>((resolve) => this.child.once("exit", () => resolve()));
    this.child.kill("SIGTERM");
    const timer = setTimeout(() => this.child.kill("SIGKILL"), 15_000);
    await Promise.race([exited, sleep(20_000)]);
    clearTimeout(timer);
  }
}
