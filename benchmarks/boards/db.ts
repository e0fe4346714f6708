import pg from "pg";
import { createDb, type DbHandle } from "../../packages/db/src/db.ts";
import { migrateToLatest } from "../../packages/db/src/migrate.ts";
import { DEFAULT_SEED, type SeededBoard, type SeedOptions, seedBoard } from "./seed.ts";

const ADMIN_URL = process.env.BENCH_POSTGRES_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";

/** PostgreSQL `date` stays the text `YYYY-MM-DD`, as in the db package (see DATE_OID in db.ts). */
const DATE_OID = 1082;

/**
 * The run's database: a fresh PostgreSQL database `ensemble_bench_boards_<pid>`, migrated and
 * seeded (see seed.ts), dropped at the end of the run (also on an abort).
 */
export class BoardsBenchDb {
  private constructor(
    readonly name: string,
    readonly url: string,
    readonly seeded: SeededBoard,
  ) {}

  /**
   * `jit: false` turns PostgreSQL's JIT compilation off for every connection to the run's
   * database (the API's and the reference's alike); otherwise the server's setting holds.
   */
  static async create(
    options: SeedOptions = DEFAULT_SEED,
    settings: { jit?: boolean } = {},
  ): Promise<BoardsBenchDb> {
    const name = `ensemble_bench_boards_${process.pid}`;
    await admin(`drop database if exists ${name} with (force)`);
    await admin(`create database ${name}`);
    if (settings.jit === false) {
      await admin(`alter database ${name} set jit = off`);
    }
    const base = new URL(ADMIN_URL);
    base.pathname = `/${name}`;
    const url = base.toString();
    let handle: DbHandle | null = createDb({ databaseUrl: url, poolSize: 4 });
    try {
      await migrateToLatest(handle.db);
      const seeded = await seedBoard(handle.db, options);
      await handle.close();
      handle = null;
      const client = await rawClient(url);
      try {
        // fresh statistics, as autovacuum would have them on a database in use
        await client.query("vacuum analyze");
      } finally {
        await client.end();
      }
      return new BoardsBenchDb(name, url, seeded);
    } catch (err) {
      await handle?.close().catch(() => undefined);
      await admin(`drop database if exists ${name} with (force)`);
      throw err;
    }
  }

  /** A plain `pg` connection to this database (the raw-SQL reference, checks). */
  client(): Promise<pg.Client> {
    return rawClient(this.url);
  }

  async drop(): Promise<void> {
    await admin(`drop database if exists ${this.name} with (force)`);
  }
}

/** A connected `pg.Client` that reads dates as the db package does. */
export async function rawClient(url: string): Promise<pg.Client> {
  const client = new pg.Client({
    connectionString: url,
    types: {
      getTypeParser: ((oid: number, format?: "text" | "binary") =>
        oid === DATE_OID
          ? (value: string) => value
          : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
    },
  });
  await client.connect();
  return client;
}

async function admin(statement: string): Promise<void> {
  const client = new pg.Client({ connectionString: ADMIN_URL });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}
