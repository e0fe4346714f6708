import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { stockClient, textOf, typeInto, until } from "@ensemble/collab-core/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

// The smoke suite: the real server process, on the embedded PGlite in a fresh data folder, with
// no DATABASE_URL — what `pnpm start` runs for a newcomer.
const dataDir = mkdtempSync(join(tmpdir(), "ensemble-smoke-"));
const webDir = join(dataDir, "web");
let port = 0;
let origin = "";
let child: ChildProcess | undefined;
let output = "";
let session = "";

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.listen(0, "127.0.0.1", () => {
      const address = srv.address();
      srv.close(() =>
        typeof address === "object" && address ? resolve(address.port) : reject(new Error("no port")),
      );
    });
  });
}

async function startServer(): Promise<void> {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PORT: String(port),
    DATA_DIR: dataDir,
    WEB_DIST: webDir,
    LOG_LEVEL: "info",
  };
  delete env.DATABASE_URL;
  delete env.REDIS_URL;
  delete env.SMTP_URL;
  delete env.PUBLIC_URL;
  child = spawn(process.execPath, ["--import", "tsx", join(import.meta.dirname, "server.ts")], {
    env,
    stdio: "pipe",
  });
  child.stdout?.on("data", (d) => {
    output += String(d);
  });
  child.stderr?.on("data", (d) => {
    output += String(d);
  });
  const deadline = Date.now() + 45_000;
  while (Date.now() < deadline) {
    if (output.includes("Ensemble is running at")) {
      return;
    }
    if (child.exitCode !== null) {
      throw new Error(`server exited: ${output}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`server did not start in time: ${output}`);
}

async function stopServer(): Promise<number | null> {
  const proc = child;
  if (!proc || proc.exitCode !== null) {
    return proc?.exitCode ?? null;
  }
  const exited = new Promise<number | null>((resolve) => proc.once("exit", (code) => resolve(code)));
  proc.kill("SIGTERM");
  return exited;
}

function call(path: string, init: RequestInit = {}, cookie?: string) {
  const headers = new Headers(init.headers);
  headers.set("origin", origin);
  if (init.body) {
    headers.set("content-type", "application/json");
  }
  if (cookie) {
    headers.set("cookie", cookie);
  }
  return fetch(`${origin}${path}`, { ...init, headers });
}

beforeAll(async () => {
  mkdirSync(join(webDir, "assets"), { recursive: true });
  writeFileSync(
    join(webDir, "index.html"),
    '<!doctype html><html><body><div id="root"></div><script type="module" src="/assets/app.js"></script></body></html>',
  );
  writeFileSync(join(webDir, "assets", "app.js"), "console.log('hi')");
  port = await freePort();
  origin = `http://localhost:${port}`;
  await startServer();
}, 60_000);

afterAll(async () => {
  await stopServer();
  rmSync(dataDir, { recursive: true, force: true });
});

describe("pnpm start on the embedded database", () => {
  const email = "smoke@example.org";
  const password = "Kulturnetz Bochum 2026!";

  it("prints its URL and reports a healthy database", async () => {
    expect(output).toContain(`Ensemble is running at ${origin}`);
    expect(output).toContain("embedded PGlite");
    const res = await call("/api/health");
    expect((await res.json()) as any).toEqual({ status: "ok", database: "ok" });
  });

  it("serves the web app with its CSP on every client route, and hashed assets cached", async () => {
    for (const path of ["/", "/sign-in", "/settings"]) {
      const res = await call(path);
      expect(res.status).toBe(200);
      expect(await res.text()).toContain('<div id="root">');
      expect(res.headers.get("content-security-policy")).toContain("script-src 'self'");
      expect(res.headers.get("content-security-policy")).toContain("frame-ancestors 'none'");
    }
    // pages that carry a token in their address never leak it through Referer
    for (const path of ["/reset-password?token=abc", "/verify-email?token=abc"]) {
      expect((await call(path)).headers.get("referrer-policy")).toBe("no-referrer");
    }
    const asset = await call("/assets/app.js");
    expect(asset.headers.get("cache-control")).toContain("immutable");
    expect((await call("/api/does-not-exist")).status).toBe(404);
    // folders and missing files never break the server
    for (const path of [
      "/assets",
      "/assets/",
      "/assets/missing.js",
      "/missing.png",
      "/..%2F..%2Fetc%2Fpasswd",
    ]) {
      expect((await call(path)).status).toBeLessThan(500);
    }
    expect((await call("/api/health")).status).toBe(200);
  });

  it("signs up (first account is admin), mails to the dev outbox, and keeps the data across a restart", async () => {
    const up = await call("/api/auth/sign-up", {
      method: "POST",
      body: JSON.stringify({ email, displayName: "Smoke", password }),
    });
    expect(up.status).toBe(201);
    expect(((await up.json()) as any).user.isInstanceAdmin).toBe(true);
    expect(readdirSync(join(dataDir, "outbox")).length).toBe(1);
    // the log line travels through a pipe and may arrive after the HTTP answer
    await expect.poll(() => output, { timeout: 5000 }).toContain("/verify-email?token=");

    expect(await stopServer()).toBe(0); // SIGTERM shuts down cleanly
    output = "";
    await startServer();
    const signIn = await call("/api/auth/sign-in", {
      method: "POST",
      body: JSON.stringify({ email, password }),
    });
    expect(signIn.status).toBe(200);
    const cookie = signIn.headers.get("set-cookie")?.split(";")[0];
    const me = await call("/api/account/me", {}, cookie);
    expect(((await me.json()) as any).user.email).toBe(email);
    session = cookie ?? "";
  });

  it("edits a document live over /collab on the same port, and keeps it across a restart", async () => {
    const post = async (path: string, body: unknown) => {
      const res = await call(path, { method: "POST", body: JSON.stringify(body) }, session);
      expect(res.status, await res.clone().text()).toBe(201);
      return (await res.json()) as any;
    };
    const org = await post("/api/organisations", { name: "Theater am Markt", kind: "venue" });
    const project = await post("/api/projects", { organisationId: org.organisation.id, name: "Spielzeit" });
    const { document } = await post(`/api/projects/${project.project.id}/documents`, { title: "Konzept" });
    const token = session.slice(session.indexOf("=") + 1);
    const a = stockClient(port, document.id, origin, token);
    const b = stockClient(port, document.id, origin, token);
    await until(() => a.provider.synced && b.provider.synced, 10_000, "both synced");
    typeInto(a.doc, 0, "Erster Akt. ");
    typeInto(b.doc, 0, "Prolog. ");
    await until(() => textOf(a.doc) === textOf(b.doc) && textOf(a.doc).length === 20, 10_000, "convergence");
    const text = textOf(a.doc);
    // a stranger's socket is refused before anything is loaded
    const stranger = stockClient(port, document.id, origin, null);
    const refused: number[] = [];
    stranger.provider.on("connection-error", () => refused.push(1));
    await until(() => refused.length > 0, 10_000, "the refusal");
    stranger.provider.destroy();
    a.provider.destroy();
    b.provider.destroy();

    expect(await stopServer()).toBe(0); // SIGTERM writes what is pending
    output = "";
    await startServer();
    const c = stockClient(port, document.id, origin, token);
    await until(() => c.provider.synced, 10_000, "sync after restart");
    expect(textOf(c.doc)).toBe(text);
    c.provider.destroy();
  });
});

describe("pnpm db:migrate", () => {
  it("migrates the embedded database in DATA_DIR, then finds nothing to do", () => {
    const dir = mkdtempSync(join(tmpdir(), "ensemble-migrate-"));
    try {
      const env: NodeJS.ProcessEnv = { ...process.env, DATA_DIR: dir };
      delete env.DATABASE_URL;
      const root = join(import.meta.dirname, "..", "..", "..");
      const run = () =>
        execFileSync("corepack", ["pnpm", "--silent", "db:migrate"], { cwd: root, env, encoding: "utf8" });
      const first = run();
      expect(first).toMatch(/^applied: 2026_11_23_1040_create_accounts, .* \(pglite\)$/m);
      expect(first).toContain("2026_11_23_1300_create_tenancy");
      expect(run()).toContain("database is up to date (pglite)");
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);
});
