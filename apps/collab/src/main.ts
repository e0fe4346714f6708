import { createServer } from "node:http";
import { join } from "node:path";
import { memoryRevocationBus, redisRevocationBus } from "@ensemble/access/revocations";
import { defaultSessionPolicy } from "@ensemble/auth/sessions";
import { createCollabServer } from "@ensemble/collab-core/server";
import { createDb } from "@ensemble/db/db";
import { migrateToLatest } from "@ensemble/db/migrate";
import { Redis } from "ioredis";
import pino from "pino";
import { loadCollabConfig } from "./env.ts";

/**
 * The collaboration server on its own (`pnpm --filter collab start`): for running several of them
 * behind a proxy that sends `/collab/*` here and everything else to the API. `pnpm start` does not
 * need it: the API process serves /collab itself.
 */
const config = loadCollabConfig();
const logger = pino({ level: config.logLevel });
const db = createDb({
  databaseUrl: config.databaseUrl,
  pgliteDataDir: join(config.dataDir, "pglite"),
  onConnectionError: (err) => logger.warn({ err: err.message }, "a database connection was lost"),
});
await migrateToLatest(db.db);
const redis = config.redisUrl ? new Redis(config.redisUrl, { maxRetriesPerRequest: 2 }) : undefined;
redis?.on("error", (err: Error) => logger.warn({ err: err.message }, "redis unreachable"));
const revocations = redis ? redisRevocationBus(redis) : memoryRevocationBus();
if (!redis && config.databaseUrl) {
  // apart from the API, only Redis carries its "access changed" signals here at once
  logger.warn(
    "REDIS_URL is not set: access changes made through the API reach open documents only at the next periodic check (within a minute)",
  );
}
const collab = createCollabServer({
  db: db.db,
  publicOrigin: config.publicOrigin,
  secureCookies: config.secureCookies,
  sessionPolicy: defaultSessionPolicy,
  logger,
  revocations,
  redis,
});

const server = createServer((req, res) => {
  if (req.url === "/collab/health") {
    res.writeHead(200, { "content-type": "application/json" });
    res.end(JSON.stringify({ ok: true, ...collab.stats() }));
    return;
  }
  res.writeHead(404, { "content-type": "application/json" });
  res.end(JSON.stringify({ error: { code: "not_found", message: "There is nothing at this address." } }));
});
collab.attach(server);
server.listen(config.port, config.host, () => {
  logger.info({ port: config.port, engine: db.engine }, "collaboration server running");
});

let stopping = false;
/** Closes live documents (writing everything pending), then the database. */
async function shutdown(signal: string): Promise<void> {
  if (stopping) {
    return;
  }
  stopping = true;
  logger.info({ signal }, "shutting down");
  const timer = setTimeout(() => process.exit(1), 10_000);
  timer.unref();
  const closed = new Promise<void>((resolve) => server.close(() => resolve()));
  await collab.close();
  await closed;
  await revocations.close();
  redis?.disconnect();
  await db.close();
  process.exit(0);
}
process.on("SIGTERM", () => void shutdown("SIGTERM"));
process.on("SIGINT", () => void shutdown("SIGINT"));
