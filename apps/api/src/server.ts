import type { Server } from "node:http";
import { serve } from "@hono/node-server";
import { loadConfig } from "./env.ts";
import { createLogger } from "./lib/logger.ts";
import { createRuntime } from "./runtime.ts";

const config = loadConfig();
const logger = createLogger(config);
const runtime = await createRuntime(config, logger);

const server = serve({ fetch: runtime.app.fetch, port: config.port, hostname: config.host }, () => {
  const engine = runtime.db.engine === "pglite" ? `embedded PGlite in ${config.dataDir}` : "PostgreSQL";
  logger.info({ port: config.port, engine }, "Ensemble is running");
  console.log(`\n  Ensemble is running at ${config.publicUrl}  (database: ${engine})\n`);
});

runtime.collab.attach(server as unknown as Server);

let stopping = false;
/** Stops taking connections, lets requests in flight finish, then closes the database. */
async function shutdown(signal: string) {
  if (stopping) {
    return;
  }
  stopping = true;
  logger.info({ signal }, "shutting down");
  const timer = setTimeout(() => process.exit(1), 10_000);
  timer.unref();
  // live documents first: their connections would keep the server open, their writes need the database
  const closed = new Promise<void>((resolve) => server.close(() => resolve()));
  await runtime.close();
  await closed;
  process.exit(0);
}
process.on("SIGTERM", () => void shutdown("SIGTERM"));
process.on("SIGINT", () => void shutdown("SIGINT"));
