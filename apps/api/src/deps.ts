import type { RevocationBus } from "@ensemble/access/revocations";
import type { PasswordHasher } from "@ensemble/auth/passwords";
import type { SessionPolicy } from "@ensemble/auth/sessions";
import type { Db } from "@ensemble/db/db";
import type { EventHub } from "@ensemble/events/hub";
import type { EventNotifier } from "@ensemble/events/notifier";
import type { Logger } from "pino";
import type { AppConfig } from "./env.ts";
import type { RateLimits } from "./lib/rate-limit.ts";
import type { Mailer } from "./mail/mailer.ts";

/** Everything the API needs from outside, passed in so tests use the real thing with test settings. */
export interface AppDeps {
  db: Db;
  config: AppConfig;
  hasher: PasswordHasher;
  mailer: Mailer;
  limits: RateLimits;
  sessionPolicy: SessionPolicy;
  logger: Logger;
  /** The clock; tests move it to check expiry. */
  now: () => Date;
  /** Tells every process when someone loses access, so live connections close at once. */
  revocations: RevocationBus;
  /** Wakes the live event streams of every process after a transaction appended events. */
  events: EventNotifier;
  /** This process's live event streams (GET /api/events): one log reader, per-client filters. */
  eventHub: EventHub;
  /** Answers whether the database is reachable, for /api/health. */
  pingDatabase: () => Promise<boolean>;
}

/** Facts about the request a service needs (who asks, from where). */
export interface RequestMeta {
  ip: string;
  userAgent: string | null;
}
