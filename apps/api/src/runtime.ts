import { join } from "node:path";
import { memoryRevocationBus, redisRevocationBus } from "@ensemble/access/revocations";
import { PasswordHasher } from "@ensemble/auth/passwords";
import { defaultSessionPolicy } from "@ensemble/auth/sessions";
import { type CollabServer, createCollabServer } from "@ensemble/collab-core/server";
import { createDb, type DbHandle } from "@ensemble/db/db";
import { migrateToLatest } from "@ensemble/db/migrate";
import { createEventHub } from "@ensemble/events/hub";
import { memoryEventNotifier, redisEventNotifier } from "@ensemble/events/notifier";
import { Redis } from "ioredis";
import { sql } from "kysely";
import type { Logger } from "pino";
import { createApp } from "./app.ts";
import type { AppDeps } from "./deps.ts";
import type { AppConfig } from "./env.ts";
import { schedulePurge } from "./features/auth/auth.maintenance.ts";
import { scheduleEventPrune } from "./features/events/events.maintenance.ts";
import { scheduleTrashPurge } from "./features/projects/projects.maintenance.ts";
import { createLogger } from "./lib/logger.ts";
import { defaultRateLimits, RateLimits } from "./lib/rate-limit.ts";
import { outboxDir, outboxMailer, smtpMailer } from "./mail/mailer.ts";

export interface Runtime {
  app: ReturnType<typeof createApp>;
  deps: AppDeps;
  db: DbHandle;
  /** The collaboration server (y-websocket at /collab/<documentId>), attached to the HTTP server. */
  collab: CollabServer;
  close(): Promise<void>;
}

/** Opens the database (migrating it), Redis and the mailer, and builds the app for a config. */
export async function createRuntime(config: AppConfig, logger?: Logger): Promise<Runtime> {
  const log = logger ?? createLogger(config);
  const db = createDb({
    databaseUrl: config.databaseUrl,
    pgliteDataDir: join(config.dataDir, "pglite"),
    onConnectionError: (err) =>
      log.warn({ err: err.message }, "a database connection was lost; it will be replaced"),
  });
  const applied = await migrateToLatest(db.db);
  if (applied.length > 0) {
    log.info({ applied, engine: db.engine }, "database migrated");
  }
  const redis = config.redisUrl ? new Redis(config.redisUrl, { maxRetriesPerRequest: 2 }) : undefined;
  // ioredis reconnects by itself; log outages instead of crashing on an unhandled 'error' event
  redis?.on("error", (err: Error) => log.warn({ err: err.message }, "redis unreachable"));
  const revocations = redis ? redisRevocationBus(redis) : memoryRevocationBus();
  const events = redis ? redisEventNotifier(redis) : memoryEventNotifier();
  const deps: AppDeps = {
    db: db.db,
    config,
    hasher: new PasswordHasher(),
    mailer: config.smtpUrl
      ? smtpMailer(config.smtpUrl, config.mailFrom)
      : outboxMailer(outboxDir(config.dataDir), config.mailFrom, log),
    limits: new RateLimits(
      { ...defaultRateLimits, authPerMinute: config.authRateLimit, mailPerHourPerIp: config.mailRateLimit },
      redis,
    ),
    sessionPolicy: defaultSessionPolicy,
    logger: log,
    now: () => new Date(),
    revocations,
    events,
    eventHub: createEventHub({ db: db.db, notifier: events, revocations, logger: log }),
    pingDatabase: async () => {
      await sql`select 1`.execute(db.db);
      return true;
    },
  };
  if (!config.smtpUrl && config.secureCookies) {
    log.warn("SMTP_URL is not set: mails go to the dev outbox in DATA_DIR/outbox and the log");
  }
  const stopPurge = schedulePurge(deps);
  const stopTrash = scheduleTrashPurge(deps);
  const stopEventPrune = scheduleEventPrune(deps);
  // one process, one port: the collaboration server shares the database, sessions and access rules
  const collab = createCollabServer({
    db: db.db,
    publicOrigin: config.publicOrigin,
    secureCookies: config.secureCookies,
    sessionPolicy: deps.sessionPolicy,
    logger: log,
    revocations: deps.revocations,
    redis,
  });
  return {
    app: createApp(deps),
    deps,
    db,
    collab,
    close: async () => {
      // first the live documents (their pending writes need the database), then the rest
      await collab.close();
      // live event streams hold their connections open: end them, clients resume elsewhere
      await deps.eventHub.close();
      stopPurge();
      stopTrash();
      stopEventPrune();
      await deps.revocations.close();
      await deps.events.close();
      redis?.disconnect();
      await db.close();
    },
  };
}
