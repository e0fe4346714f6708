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
 * CPU used while a phase ran: by a process, by this benchmark and by the whole machine, as % of
 * one core. The rest of the machine (other work on a shared VM, and PostgreSQL) is the difference.
 */
export class CpuWindow {
  private readonly startedAt = nowMs();
  private readonly server: number;
  private readonly self = process.cpuUsage();
  private readonly machine = machineBusyMs();

  constructor(private readonly pid: number) {
    this.server = processCpuMs(pid);
  }

  /** CPU % of the server, of this benchmark, of everything else; and the server's CPU ms. */
  read(): { serverPercent: number; benchPercent: number; otherPercent: number; serverMs: number } {
    const wall = nowMs() - this.startedAt;
    const serverMs = processCpuMs(this.pid) - this.server;
    const used = process.cpuUsage(this.self);
    const benchMs = (used.user + used.system) / 1000;
    const machineMs = machineBusyMs() - this.machine;
    const percent = (v: number): number => (wall > 0 ? (v / wall) * 100 : Number.NaN);
    return {
      serverPercent: percent(serverMs),
      benchPercent: percent(benchMs),
      otherPercent: percent(Math.max(0, machineMs - serverMs - benchMs)),
      serverMs,
    };
  }
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

  /** Runs `node --import tsx <script>` with `env` and waits (bounded) until `health` answers 200. */
  static async start(
    name: string,
    script: string,
    env: NodeJS.ProcessEnv,
    port: number,
    health: string,
  ): Promise<ChildServer> {
    const child = spawn(process.execPath, ["--import", "tsx", script], {
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
