import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { memoryRevocationBus, redisRevocationBus } from "@ensemble/access/revocations";
import { PasswordHasher } from "@ensemble/auth/passwords";
import { defaultSessionPolicy } from "@ensemble/auth/sessions";
import type { DbHandle } from "@ensemble/db/db";
import type { Database } from "@ensemble/db/schema";
import { createTestDb } from "@ensemble/db/testing";
import { createEventHub, type EventHubOptions } from "@ensemble/events/hub";
import { memoryEventNotifier, redisEventNotifier } from "@ensemble/events/notifier";
import { Redis } from "ioredis";
import { sql } from "kysely";
import pino, { type Logger } from "pino";
import { afterAll, beforeAll } from "vitest";
import { createApp } from "../app.ts";
import type { AppDeps } from "../deps.ts";
import { loadConfig } from "../env.ts";
import { defaultRateLimits, type RateLimitOptions, RateLimits } from "../lib/rate-limit.ts";
import { outboxMailer } from "../mail/mailer.ts";

export const ORIGIN = "http://localhost:3000";

export interface OutboxMail {
  to: string;
  subject: string;
  text: string;
}

export interface TestApp {
  app: ReturnType<typeof createApp>;
  deps: AppDeps;
  db: DbHandle;
  /** The test clock: set `clock.now` to move time. */
  clock: { now: Date };
  mails(to?: string): OutboxMail[];
  /** How many rows a table has now (to show that a refused request stored nothing). */
  rowCount(table: keyof Database): Promise<number>;
  /** The last link in the last mail to `to` matching `pathPart` (e.g. "/verify-email"). */
  lastLink(to: string, pathPart: string): string;
  close(): Promise<void>;
}

/**
 * The real app on a fresh database (PostgreSQL when TEST_DATABASE_URL is set), the real dev
 * outbox in a temporary folder, and Redis-backed rate limits when TEST_REDIS_URL is set.
 */
export async function buildTestApp(
  options: {
    limits?: Partial<RateLimitOptions>;
    trustedProxyHops?: number;
    publicUrl?: string;
    hasher?: PasswordHasher;
    logger?: Logger;
    pingDatabase?: () => Promise<boolean>;
    /** Settings of the live event hub (short timers for the stream's tests). */
    eventHub?: Partial<Omit<EventHubOptions, "db" | "notifier" | "revocations">>;
  } = {},
): Promise<TestApp> {
  const db = await createTestDb();
  const dataDir = mkdtempSync(join(tmpdir(), "ensemble-api-test-"));
  const outbox = join(dataDir, "outbox");
  const config = {
    ...loadConfig({ DATA_DIR: dataDir, PUBLIC_URL: options.publicUrl ?? ORIGIN, LOG_LEVEL: "silent" }),
    trustedProxyHops: options.trustedProxyHops ?? 0,
  };
  const logger = options.logger ?? pino({ level: "silent" });
  const redisUrl = process.env.TEST_REDIS_URL;
  const redis = redisUrl ? new Redis(redisUrl, { maxRetriesPerRequest: 2 }) : undefined;
  const prefix = `ensemble-test-${process.pid}-${Math.random().toString(36).slice(2)}`;
  const clock = { now: new Date() };
  const revocations = redis ? redisRevocationBus(redis, `${prefix}:revoked`) : memoryRevocationBus();
  const events = redis ? redisEventNotifier(redis, `${prefix}:events`) : memoryEventNotifier();
  const deps: AppDeps = {
    db: db.db,
    config,
    hasher: options.hasher ?? new PasswordHasher(),
    mailer: outboxMailer(outbox, config.mailFrom, logger),
    limits: new RateLimits(
      {
        ...defaultRateLimits,
        authPerMinute: 10_000,
        mailPerHourPerIp: 10_000,
        mailPerHourPerAccount: 100,
        invitationsPerHour: 10_000,
        invitationsPerDayPerAddress: 10_000,
        ...options.limits,
      },
      redis,
      prefix,
      () => clock.now.getTime(),
    ),
    sessionPolicy: defaultSessionPolicy,
    logger,
    now: () => clock.now,
    revocations,
    events,
    eventHub: createEventHub({ db: db.db, notifier: events, revocations, logger, ...options.eventHub }),
    pingDatabase:
      options.pingDatabase ??
      (async () => {
        await sql`select 1`.execute(db.db);
        return true;
      }),
  };
  const mails = (to?: string): OutboxMail[] => {
    let files: string[] = [];
    try {
      files = readdirSync(outbox).sort();
    } catch {
      return [];
    }
    const all = files.map((f) => JSON.parse(readFileSync(join(outbox, f), "utf8")) as OutboxMail);
    return to ? all.filter((m) => m.to === to) : all;
  };
  return {
    app: createApp(deps),
    deps,
    db,
    clock,
    mails,
    async rowCount(table) {
      const row = await db.db
        .selectFrom(table)
        .select((eb) => eb.fn.countAll().as("n"))
        .executeTakeFirstOrThrow();
      return Number(row.n);
    },
    lastLink(to, pathPart) {
      const list = mails(to);
      const text = list[list.length - 1]?.text ?? "";
      const links = text.match(/https?:\/\/\S+/g)?.filter((l) => l.includes(pathPart)) ?? [];
      const link = links[links.length - 1];
      if (!link) {
        throw new Error(`no ${pathPart} link in mail to ${to}`);
      }
      return link;
    },
    async close() {
      await deps.eventHub.close();
      await deps.revocations.close();
      await deps.events.close();
      if (redis) {
        const keys = await redis.keys(`${prefix}:*`);
        if (keys.length) {
          await redis.del(...keys);
        }
        redis.disconnect();
      }
      await db.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/**
 * One TestApp for the whole test file: built before its tests, closed after them. Returns a
 * stand-in that forwards to the app once it is built, so tests use it like the app itself.
 */
export function useTestApp(options: Parameters<typeof buildTestApp>[0] = {}): TestApp {
  let built: TestApp | undefined;
  beforeAll(async () => {
    built = await buildTestApp(options);
  });
  afterAll(async () => {
    await built?.close();
  });
  return new Proxy({} as TestApp, {
    get(_target, key) {
      if (!built) {
        throw new Error("the test app is only there inside tests and hooks");
      }
      return Reflect.get(built, key);
    },
  });
}

/** A browser-like client: sends Origin and JSON, keeps the session cookie. */
export class Client {
  cookie: string | undefined;

  constructor(
    private readonly t: TestApp,
    private readonly headers: Record<string, string> = {},
  ) {}

  async request(method: string, path: string, body?: unknown, extra: Record<string, string> = {}) {
    const headers: Record<string, string> = { origin: ORIGIN, ...this.headers, ...extra };
    if (this.cookie) {
      headers.cookie = this.cookie;
    }
    let payload: string | undefined;
    if (body !== undefined) {
      payload = typeof body === "string" ? body : JSON.stringify(body);
      headers["content-type"] ??= "application/json";
    }
    const res = await this.t.app.request(path, { method, headers, body: payload });
    const setCookie = res.headers.get("set-cookie");
    if (setCookie) {
      const [pair] = setCookie.split(";");
      const value = pair?.slice(pair.indexOf("=") + 1) ?? "";
      this.cookie = value ? pair : undefined;
    }
    const text = await res.text();
    let json: unknown;
    try {
      json = text ? JSON.parse(text) : undefined;
    } catch {
      json = undefined;
    }
    return { status: res.status, headers: res.headers, json: json as Record<string, any>, text };
  }

  get(path: string) {
    return this.request("GET", path);
  }
  post(path: string, body?: unknown, extra?: Record<string, string>) {
    return this.request("POST", path, body, extra);
  }
  patch(path: string, body?: unknown, extra?: Record<string, string>) {
    return this.request("PATCH", path, body, extra);
  }
  delete(path: string, body?: unknown, extra?: Record<string, string>) {
    return this.request("DELETE", path, body, extra);
  }
}

let counter = 0;
/** A unique address for a test user. */
export function uniqueEmail(tag = "user"): string {
  counter++;
  return `${tag}-${counter}-${Math.random().toString(36).slice(2, 8)}@example.org`;
}

export const GOOD_PASSWORD = "Kulturnetz Bochum 2026!";

/** Marks a user's email address as confirmed (as the verification link would). */
export async function confirmEmail(t: TestApp, userId: string): Promise<void> {
  await t.deps.db
    .updateTable("users")
    .set({ email_verified_at: t.clock.now })
    .where("id", "=", userId)
    .execute();
}

/**
 * Signs a new user up and returns the signed-in client; `confirmed` also confirms the address
 * (needed to invite anyone).
 */
export async function signUp(
  t: TestApp,
  overrides: Record<string, unknown> = {},
  options: { confirmed?: boolean } = {},
) {
  const client = new Client(t);
  const email = (overrides.email as string) ?? uniqueEmail();
  const res = await client.post("/api/auth/sign-up", {
    email,
    displayName: "Test Person",
    password: GOOD_PASSWORD,
    ...overrides,
  });
  if (res.status !== 201) {
    throw new Error(`sign-up failed: ${res.status} ${res.text}`);
  }
  const user = res.json.user as { id: string; email: string };
  if (options.confirmed) {
    await confirmEmail(t, user.id);
  }
  return { client, email, user };
}
