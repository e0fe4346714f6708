import { randomBytes } from "node:crypto";
import pg from "pg";
import { createDb, type DbHandle } from "./db.ts";
import { migrateToLatest } from "./migrate.ts";

/**
 * A fresh, migrated database for one test file: a uniquely named PostgreSQL database when
 * TEST_DATABASE_URL is set (dropped on close), otherwise an in-memory PGlite.
 */
export async function createTestDb(options: { migrate?: boolean } = {}): Promise<DbHandle> {
  const adminUrl = process.env.TEST_DATABASE_URL;
  let handle: DbHandle;
  if (adminUrl) {
    const name = `ensemble_test_${process.pid}_${randomBytes(4).toString("hex")}`;
    const admin = new pg.Client({ connectionString: adminUrl });
    await admin.connect();
    try {
      await admin.query(`CREATE DATABASE ${name}`);
    } finally {
      await admin.end();
    }
    const url = new URL(adminUrl);
    url.pathname = `/${name}`;
    const inner = createDb({ databaseUrl: url.toString(), poolSize: 5 });
    handle = {
      ...inner,
      close: async () => {
        await inner.close();
        const dropper = new pg.Client({ connectionString: adminUrl });
        await dropper.connect();
        try {
          await dropper.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
        } finally {
          await dropper.end();
        }
      },
    };
  } else {
    handle = createDb({ pgliteDataDir: "memory://" });
  }
  if (options.migrate !== false) {
    await migrateToLatest(handle.db);
  }
  return handle;
}
