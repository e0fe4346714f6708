import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import { randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import { get } from "node:http";
import { createServer } from "node:net";
import { setPriority, tmpdir } from "node:os";
import { join } from "node:path";
import type { ClientTarget } from "./client.ts";
import type { BenchDb } from "./ours-db.ts";
import { nowMs, sleep } from "./stats.ts";

export const ROOT = join(import.meta.dirname, "..", "..");

export type ServerKind = "ours" | "hocuspocus" | "y-websocket-server" | "floor";
export const SERVER_KINDS: readonly ServerKind[] = ["ours", "hocuspocus", "y-websocket-server", "floor"];

/**
 * Servers that keep the document, so they can serve a long history to a new client and hold idle
 * documents (the floor only relays: first sync and idle would measure nothing it does).
 */
export function keepsDocuments(kind: ServerKind): boolean {
  return kind !== "floor";
}

const CLOCK_TICKS = (() => {
  try {
    return Number(execFileSync("getconf", ["CLK_TCK"], { encoding: "utf8" }).trim()) || 100;
  } catch {
    return 100;
  }
})();

/** CPU time (user + system) a process has used, in ms, from /proc/<pid>/stat. */
export function processCpuMs(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  const ticks = Number(fields[11]) + Number(fields[12]);
  return (ticks * 1000) / CLOCK_TICKS;
}

/** CPU time (all cores) the whole machine spent busy so far, in ms, from /proc/stat. */
export function machineBusyMs(): number {
  const line = readFileSync("/proc/stat", "utf8").split("\n", 1)[0] ?? "";
  const v = line.trim().split(/\s+/).slice(1).map(Number);
  const total = v.reduce((a, b) => a + b, 0);
  const idle = (v[3] ?? 0) + (v[4] ?? 0);
  return ((total - idle) * 1000) / CLOCK_TICKS;
}

/** Resident memory now and at its peak, in KB, from /proc/<pid>/status. */
export function processMemoryKb(pid: number): { rss: number; peak: number } {
  const status = readFileSync(`/proc/${pid}/status`, "utf8");
  const read = (key: string): number =>
    Number(new RegExp(`^${key}:\\s+(\\d+) kB`, "m").exec(status)?.[1] ?? 0);
  return { rss: read("VmRSS"), peak: read("VmHWM") };
}

async function freePort(): Promise<number> {
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

function answers(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const req = get({ host: "127.0.0.1", port, path: "/", timeout: 1000 }, (res) => {
      res.resume();
      resolve(true);
    });
    req.on("error", () => resolve(false));
    req.on("timeout", () => {
      req.destroy();
      resolve(false);
    });
  });
}

const live = new Set<ChildProcess>();

/**
 * Raises the main thread's scheduling priority before any worker or server exists, so they
 * inherit it (Linux: threads and children take their creator's niceness) and other work on a
 * shared machine disturbs the measurements less. Returns false when not allowed.
 */
export function raisePriority(niceness: number): boolean {
  try {
    setPriority(0, niceness);
    return true;
  } catch {
    return false;
  }
}

/** Kills every server still running (on an abort; normal runs stop each one themselves). */
export function killAllServers(): void {
  for (const child of live) {
    child.kill("SIGKILL");
  }
  live.clear();
}

/** One server under test, running as its own process so its CPU and memory are its own. */
export class RunningServer {
  private output = "";
  private exitCode: number | null = null;

  private constructor(
    readonly kind: ServerKind,
    readonly port: number,
    private readonly child: ChildProcess,
    private readonly db: BenchDb | null,
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

  /** Starts a server and waits (bounded) until it answers HTTP. */
  static async start(kind: ServerKind, db: BenchDb | null): Promise<RunningServer> {
    const port = await freePort();
    const env: NodeJS.ProcessEnv = { ...process.env, PORT: String(port), HOST: "127.0.0.1" };
    delete env.REDIS_URL;
    let script: string;
    if (kind === "ours") {
      if (!db) {
        throw new Error("our server needs the benchmark database");
      }
      script = join(ROOT, "apps", "collab", "src", "main.ts");
      Object.assign(env, {
        PUBLIC_URL: `http://127.0.0.1:${port}`,
        DATABASE_URL: db.url,
        LOG_LEVEL: process.env.BENCH_OURS_LOG_LEVEL ?? "silent",
        DATA_DIR: join(tmpdir(), `ensemble-bench-${process.pid}`),
      });
    } else {
      script = join(import.meta.dirname, "servers", `${kind}.ts`);
    }
    // BENCH_NODE_ARGS: extra node flags for the servers, e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof"
    const nodeArgs = (process.env.BENCH_NODE_ARGS ?? "").split(" ").filter(Boolean);
    const child = spawn(process.execPath, [...nodeArgs, "--import", "tsx", script], {
      cwd: ROOT,
      env,
      stdio: ["ignore", "pipe", "pipe"],
    });
    const server = new RunningServer(kind, port, child, kind === "ours" ? db : null);

    const deadline = nowMs() + 60_000;
    while (nowMs() < deadline) {
      if (server.exitCode !== null) {
        throw new Error(`${kind} exited with ${server.exitCode} while starting:\n${server.output}`);
      }
      if (await answers(port)) {
        return server;
      }
      await sleep(100);
    }
    await server.stop();
    throw new Error(`${kind} did not answer on port ${port} within 60 s:\n${server.output}`);
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

  get exit(): number | null {
    return this.exitCode;
  }

  cpuMs(): number {
    return this.alive ? processCpuMs(this.pid) : Number.NaN;
  }

  memoryKb(): { rss: number; peak: number } {
    return this.alive ? processMemoryKb(this.pid) : { rss: Number.NaN, peak: Number.NaN };
  }

  /** How clients reach it. Ours: the session cookie, the public Origin and "saved" acks. */
  target(): ClientTarget {
    const baseUrl = `ws://127.0.0.1:${this.port}/collab`;
    if (this.kind === "ours" && this.db) {
      return {
        baseUrl,
        query: "?acks=1",
        dialect: "y-websocket",
        paragraphOnConnect: true,
        headers: {
          origin: `http://127.0.0.1:${this.port}`,
          cookie: `ensemble_session=${this.db.person.token}`,
        },
      };
    }
    return {
      baseUrl,
      query: "",
      dialect: this.kind === "hocuspocus" ? "hocuspocus" : "y-websocket",
      paragraphOnConnect: this.kind !== "floor",
      headers: {},
    };
  }

  /** A new document (ours: a row in the project; the peers create documents on first use). */
  newDocument(): Promise<string> {
    return this.db ? this.db.document() : Promise.resolve(randomUUID());
  }

  newDocuments(count: number): Promise<string[]> {
    return this.db
      ? this.db.documents(count)
      : Promise.resolve(Array.from({ length: count }, () => randomUUID()));
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
