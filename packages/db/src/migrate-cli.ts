import { resolve } from "node:path";
import { createDb } from "./db.ts";
import { migrateToLatest } from "./migrate.ts";

// Run from the repository root through `pnpm db:migrate`; pnpm starts us in packages/db.
const root = process.env.INIT_CWD ?? process.cwd();
const dataDir = process.env.DATA_DIR ?? resolve(root, "data");
const handle = createDb({
  databaseUrl: process.env.DATABASE_URL,
  pgliteDataDir: resolve(dataDir, "pglite"),
});
try {
  const applied = await migrateToLatest(handle.db);
  console.log(
    applied.length ? `applied: ${applied.join(", ")}` : "database is up to date",
    `(${handle.engine})`,
  );
} finally {
  await handle.close();
}
