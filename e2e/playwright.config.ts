import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { defineConfig } from "@playwright/test";

// One data folder per run, chosen once in the main process (workers inherit the environment).
process.env.E2E_DATA_DIR ??= mkdtempSync(join(tmpdir(), "ensemble-e2e-"));
const port = Number(process.env.E2E_PORT ?? 3100);
const baseURL = `http://localhost:${port}`;
const root = resolve(import.meta.dirname, "..");

// The server runs on PostgreSQL when E2E_DATABASE_URL is set (CI: a fresh database per run),
// otherwise on the embedded PGlite in the run's data folder.
const serverEnv: Record<string, string> = {
  PORT: String(port),
  PUBLIC_URL: baseURL,
  DATA_DIR: process.env.E2E_DATA_DIR,
  LOG_LEVEL: "warn",
  AUTH_RATE_LIMIT: "1000",
  // every test signs people up from the one address 127.0.0.1
  MAIL_RATE_LIMIT: "1000",
};
if (process.env.E2E_DATABASE_URL) {
  serverEnv.DATABASE_URL = process.env.E2E_DATABASE_URL;
}

export default defineConfig({
  testDir: "./specs",
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: process.env.CI
    ? [["list"], ["json", { outputFile: join(root, "test-results", "e2e.json") }]]
    : "list",
  use: {
    baseURL,
    locale: "de-DE",
    trace: "retain-on-failure",
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--disable-dev-shm-usage",
      ],
    },
  },
  webServer: {
    command: "node --import tsx apps/api/src/server.ts",
    cwd: root,
    url: `${baseURL}/api/health`,
    env: serverEnv,
    reuseExistingServer: false,
    timeout: 60_000,
  },
});
