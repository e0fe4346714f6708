import { resolve } from "node:path";
import { z } from "zod";

const EnvSchema = z.object({
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  HOST: z.string().min(1).default("127.0.0.1"),
  PUBLIC_URL: z.url().optional(),
  DATABASE_URL: z.string().min(1).optional(),
  DATA_DIR: z.string().min(1).default("./data"),
  REDIS_URL: z.string().min(1).optional(),
  SMTP_URL: z.string().min(1).optional(),
  MAIL_FROM: z.string().min(3).default("Ensemble <no-reply@localhost>"),
  TRUSTED_PROXY: z.coerce.number().int().min(0).max(10).default(0),
  AUTH_RATE_LIMIT: z.coerce.number().int().min(1).default(60),
  MAIL_RATE_LIMIT: z.coerce.number().int().min(1).default(20),
  EVENT_RETENTION_HOURS: z.coerce.number().int().min(1).max(2160).default(24),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  WEB_DIST: z.string().optional(),
  LOG_FORMAT: z.enum(["json", "pretty"]).optional(),
});

export interface AppConfig {
  port: number;
  host: string;
  /** The origin browsers use; mutations must come from it. */
  publicUrl: string;
  publicOrigin: string;
  /** Cookies get Secure and the __Host- prefix when the public URL is https. */
  secureCookies: boolean;
  databaseUrl: string | undefined;
  dataDir: string;
  redisUrl: string | undefined;
  smtpUrl: string | undefined;
  mailFrom: string;
  /** How many proxies in front of us append to X-Forwarded-For (0: use the socket address). */
  trustedProxyHops: number;
  /** Requests per minute and IP on the auth routes. */
  authRateLimit: number;
  /** Account mails (verification, reset) per hour and IP. */
  mailRateLimit: number;
  /** How long live events are kept for clients that reconnect (hours). */
  eventRetentionHours: number;
  logLevel: string;
  /** "pretty" for people at a terminal, "json" for log collectors. */
  logFormat: "json" | "pretty";
  /** Built web app to serve, if present. */
  webDist: string;
}

/** Parses the environment once, failing fast with a readable list of what is wrong. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const parsed = EnvSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`);
    throw new Error(`invalid configuration:\n${lines.join("\n")}`);
  }
  const e = parsed.data;
  const publicUrl = (e.PUBLIC_URL ?? `http://localhost:${e.PORT}`).replace(/\/+$/, "");
  const origin = new URL(publicUrl);
  return {
    port: e.PORT,
    host: e.HOST,
    publicUrl,
    publicOrigin: origin.origin,
    secureCookies: origin.protocol === "https:",
    databaseUrl: e.DATABASE_URL,
    // pnpm runs the API's script inside apps/api; INIT_CWD is where the command was typed.
    dataDir: resolve(env.INIT_CWD ?? process.cwd(), e.DATA_DIR),
    redisUrl: e.REDIS_URL,
    smtpUrl: e.SMTP_URL,
    mailFrom: e.MAIL_FROM,
    trustedProxyHops: e.TRUSTED_PROXY,
    authRateLimit: e.AUTH_RATE_LIMIT,
    mailRateLimit: e.MAIL_RATE_LIMIT,
    eventRetentionHours: e.EVENT_RETENTION_HOURS,
    logLevel: e.LOG_LEVEL,
    logFormat: e.LOG_FORMAT ?? (process.stdout.isTTY ? "pretty" : "json"),
    webDist: resolve(e.WEB_DIST ?? new URL("../../web/dist", import.meta.url).pathname),
  };
}
