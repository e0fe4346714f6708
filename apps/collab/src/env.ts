import { resolve } from "node:path";
import { z } from "zod";

const EnvSchema = z.object({
  PORT: z.coerce.number().int().min(1).max(65535).default(3001),
  HOST: z.string().min(1).default("127.0.0.1"),
  PUBLIC_URL: z.url().default("http://localhost:3000"),
  DATABASE_URL: z.string().min(1).optional(),
  DATA_DIR: z.string().min(1).default("./data"),
  REDIS_URL: z.string().min(1).optional(),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
});

export interface CollabConfig {
  port: number;
  host: string;
  /** The origin browsers use (the API's public URL): upgrades from elsewhere are refused. */
  publicOrigin: string;
  secureCookies: boolean;
  databaseUrl: string | undefined;
  dataDir: string;
  redisUrl: string | undefined;
  logLevel: string;
}

/** Parses the environment once, failing fast with a readable list of what is wrong. */
export function loadCollabConfig(env: NodeJS.ProcessEnv = process.env): CollabConfig {
  const parsed = EnvSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`);
    throw new Error(`invalid configuration:\n${lines.join("\n")}`);
  }
  const e = parsed.data;
  const origin = new URL(e.PUBLIC_URL);
  return {
    port: e.PORT,
    host: e.HOST,
    publicOrigin: origin.origin,
    secureCookies: origin.protocol === "https:",
    databaseUrl: e.DATABASE_URL,
    dataDir: resolve(env.INIT_CWD ?? process.cwd(), e.DATA_DIR),
    redisUrl: e.REDIS_URL,
    logLevel: e.LOG_LEVEL,
  };
}
