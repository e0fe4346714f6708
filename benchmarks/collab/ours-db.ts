import { randomUUID } from "node:crypto";
import pg from "pg";
import { appendUpdates } from "../../packages/collab-core/src/storage.ts";
import {
  type SeededPerson,
  seedDocument,
  seedPerson,
  seedProject,
} from "../../packages/collab-core/src/testing.ts";
import { createDb, type DbHandle } from "../../packages/db/src/db.ts";
import { migrateToLatest } from "../../packages/db/src/migrate.ts";

const ADMIN_URL = process.env.BENCH_POSTGRES_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";

/**
 * Our server's database for one benchmark run: a fresh PostgreSQL database
 * (`ensemble_bench_<pid>`), migrated, with one person who leads one project. Every simulated
 * client uses that person's session. Dropped at the end of the run.
 */
export class BenchDb {
  private constructor(
    readonly name: string,
    readonly url: string,
    private readonly handle: DbHandle,
    readonly person: SeededPerson,
    readonly projectId: string,
  ) {}

  static async create(): Promise<BenchDb> {
    const name = `ensemble_bench_${process.pid}`;
    await admin(`drop database if exists ${name} with (force)`);
    await admin(`create database ${name}`);
    const base = new URL(ADMIN_URL);
    base.pathname = `/${name}`;
    const url = base.toString();
    const handle = createDb({ databaseUrl: url, poolSize: 4 });
    try {
      await migrateToLatest(handle.db);
      const person = await seedPerson(handle.db, "Bench Person");
      const { projectId } = await seedProject(handle.db, person);
      return new BenchDb(name, url, handle, person, projectId);
    } catch (err) {
      await handle.close();
      await admin(`drop database if exists ${name} with (force)`);
      throw err;
    }
  }

  /** A new empty document. */
  document(): Promise<string> {
    return seedDocument(this.handle.db, this.projectId, this.person);
  }

  /** Many new empty documents, inserted 500 per statement. */
  async documents(count: number): Promise<string[]> {
    const ids = Array.from({ length: count }, () => randomUUID());
    for (let i = 0; i < ids.length; i += 500) {
      await this.handle.db
        .insertInto("documents")
        .values(
          ids.slice(i, i + 500).map((id) => ({
            id,
            project_id: this.projectId,
            title: "Leerlauf",
            created_by: this.person.userId,
            updated_at: new Date(),
          })),
        )
        .execute();
    }
    return ids;
  }

  /**
   * A document stored as our server stores a long history between two compactions: a snapshot
   * plus a tail of logged updates (`document_snapshots` + `document_updates`).
   */
  async historyDocument(snapshot: Uint8Array, tail: readonly Uint8Array[]): Promise<string> {
    const id = await seedDocument(this.handle.db, this.projectId, this.person, snapshot);
    for (let i = 0; i < tail.length; i += 250) {
      await appendUpdates(
        this.handle.db,
        tail.slice(i, i + 250).map((data) => ({ documentId: id, data, userId: this.person.userId })),
      );
    }
    return id;
  }

  /** A document stored as one snapshot. */
  snapshotDocument(state: Uint8Array): Promise<string> {
    return seedDocument(this.handle.db, this.projectId, this.person, state);
  }

  async drop(): Promise<void> {
    await this.handle.close().catch(() => undefined);
    await admin(`drop database if exists ${this.name} with (force)`);
  }
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
