import { sql } from "kysely";
import { afterAll, describe, expect, it } from "vitest";
import { createDb, type DbHandle } from "./db.ts";
import { migrateToLatest } from "./migrate.ts";
import { migrations } from "./migrations.ts";
import { createTestDb } from "./testing.ts";

// Every migration runs on both engines in the same run: PGlite always, PostgreSQL when
// TEST_DATABASE_URL is set (as in CI).
const engines: Array<[string, () => Promise<DbHandle>]> = [
  ["pglite", async () => createDb({ pgliteDataDir: "memory://" })],
];
if (process.env.TEST_DATABASE_URL) {
  engines.push(["postgres", () => createTestDb({ migrate: false })]);
}

describe.each(engines)("migrations on %s", (_name, open) => {
  let handle: DbHandle;
  afterAll(async () => {
    await handle?.close();
  });

  it("applies every migration in order, then nothing more", async () => {
    handle = await open();
    const applied = await migrateToLatest(handle.db);
    expect(applied).toEqual(Object.keys(migrations));
    expect(await migrateToLatest(handle.db)).toEqual([]);
  });

  it("creates the account tables with their unique keys", async () => {
    const { rows } = await sql<{ table_name: string }>`
      select table_name from information_schema.tables
      where table_schema = 'public' and table_name in ('users','sessions','email_tokens','auth_throttle')
      order by table_name`.execute(handle.db);
    expect(rows.map((r) => r.table_name)).toEqual(["auth_throttle", "email_tokens", "sessions", "users"]);
    const user = {
      id: "u1",
      email: "a@example.org",
      display_name: "A",
      password_hash: "x",
      updated_at: new Date(),
    };
    await handle.db.insertInto("users").values(user).execute();
    await expect(
      handle.db
        .insertInto("users")
        .values({ ...user, id: "u2" })
        .execute(),
    ).rejects.toThrow();
  });
});

describe("createDb", () => {
  it("keeps embedded data across reopening the same folder", async () => {
    const { mkdtempSync, rmSync } = await import("node:fs");
    const { tmpdir } = await import("node:os");
    const { join } = await import("node:path");
    const dir = mkdtempSync(join(tmpdir(), "ensemble-pglite-"));
    try {
      const first = createDb({ pgliteDataDir: dir });
      await migrateToLatest(first.db);
      await first.db
        .insertInto("users")
        .values({
          id: "keep",
          email: "k@example.org",
          display_name: "K",
          password_hash: "x",
          updated_at: new Date(),
        })
        .execute();
      await first.close();
      const second = createDb({ pgliteDataDir: dir });
      expect(await migrateToLatest(second.db)).toEqual([]);
      const row = await second.db
        .selectFrom("users")
        .select("email")
        .where("id", "=", "keep")
        .executeTakeFirst();
      expect(row?.email).toBe("k@example.org");
      await second.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
