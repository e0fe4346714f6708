import { mkdirSync } from "node:fs";
import { resolve } from "node:path";
import type { PGlite } from "@electric-sql/pglite";
import { Kysely, PGliteDialect, PostgresDialect } from "kysely";
import pg from "pg";
import type { Database } from "./schema.ts";

export type Db = Kysely<Database>;

/**
 * PostgreSQL `date` (a calendar day: a due date, a start date) stays the text `YYYY-MM-DD` on
 * both engines. Read as a JavaScript Date it would become midnight in the server's time zone, and
 * a task due on the 3rd would show as due on the 2nd in any zone west of it.
 */
const DATE_OID = 1082;
export type DbEngine = "postgres" | "pglite";

export interface DbConfig {
  /** PostgreSQL connection string; when absent the embedded PGlite is used. */
  databaseUrl?: string | undefined;
  /** Folder for the embedded PGlite data ("memory://" keeps it in memory). */
  pgliteDataDir?: string | undefined;
  /** Maximum pool size for PostgreSQL. */
  poolSize?: number | undefined;
  /** Told when an idle pooled connection dies (server restart, admin kill); the pool replaces it. */
  onConnectionError?: ((err: Error) => void) | undefined;
}

export interface DbHandle {
  db: Db;
  engine: DbEngine;
  /** Closes the pool or the embedded database. */
  close(): Promise<void>;
}

/** Opens the database: a `pg` pool when a URL is given, otherwise the embedded PGlite. */
export function createDb(config: DbConfig): DbHandle {
  if (config.databaseUrl) {
    const pool = new pg.Pool({
      connectionString: config.databaseUrl,
      max: config.poolSize ?? 10,
      types: {
        getTypeParser: ((oid: number, format?: "text" | "binary") =>
          oid === DATE_OID
            ? (value: string) => value
            : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
      },
    });
    // Without a listener, an idle client's error (e.g. PostgreSQL restarting) crashes the process.
    pool.on("error", (err) => config.onConnectionError?.(err));
    const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
    return { db, engine: "postgres", close: () => db.destroy() };
  }
  const dataDir = config.pgliteDataDir ?? "./data/pglite";
  let target = dataDir;
  if (!dataDir.startsWith("memory://")) {
    target = resolve(dataDir);
    mkdirSync(target, { recursive: true });
  }
  // loaded on first use: a PostgreSQL deployment never pays PGlite's ~47 MB of code and memory
  let pglite: PGlite | null = null;
  const open = async (): Promise<PGlite> => {
    const { PGlite: Engine } = await import("@electric-sql/pglite");
    pglite = new Engine(target, { parsers: { [DATE_OID]: (value: string) => value } });
    return pglite;
  };
  const db = new Kysely<Database>({ dialect: new PGliteDialect({ pglite: open }) });
  return {
    db,
    engine: "pglite",
    close: async () => {
      await db.destroy();
      if (pglite && !pglite.closed) {
        await pglite.close();
      }
    },
  };
}
