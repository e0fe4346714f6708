import { type Kysely, sql } from "kysely";

/**
 * Collaborative documents: folders and documents of a project, the Yjs state as a compacted
 * snapshot plus an append-only log of updates (the collaboration server's group commit), versions,
 * comment threads, and templates saved by organisations and networks.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("document_folders")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("project_id", "text", (c) => c.notNull().references("projects.id").onDelete("cascade"))
    .addColumn("parent_id", "text", (c) => c.references("document_folders.id").onDelete("cascade"))
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("created_by", "text", (c) => c.references("users.id").onDelete("set null"))
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn("updated_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema
    .createIndex("document_folders_project_idx")
    .on("document_folders")
    .columns(["project_id", "parent_id"])
    .execute();

  await db.schema
    .createTable("documents")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("project_id", "text", (c) => c.notNull().references("projects.id").onDelete("cascade"))
    .addColumn("folder_id", "text", (c) => c.references("document_folders.id").onDelete("set null"))
    .addColumn("title", "text", (c) => c.notNull())
    .addColumn("created_by", "text", (c) => c.references("users.id").onDelete("set null"))
    .addColumn("updated_by", "text", (c) => c.references("users.id").onDelete("set null"))
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn("updated_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn("deleted_at", "timestamptz")
    .addColumn("deleted_by", "text", (c) => c.references("users.id").onDelete("set null"))
    .execute();
  await db.schema
    .createIndex("documents_project_idx")
    .on("documents")
    .columns(["project_id", "deleted_at", "updated_at"])
    .execute();
  await db.schema.createIndex("documents_folder_idx").on("documents").column("folder_id").execute();

  // The compacted state: every update with seq <= snapshot_seq is merged into `state`.
  await db.schema
    .createTable("document_snapshots")
    .addColumn("document_id", "text", (c) => c.primaryKey().references("documents.id").onDelete("cascade"))
    .addColumn("state", "bytea", (c) => c.notNull())
    // the state's Yjs state vector, so opening a large document needs no parse of its state
    .addColumn("state_vector", "bytea")
    .addColumn("snapshot_seq", "bigint", (c) => c.notNull().defaultTo(0))
    .addColumn("updated_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .execute();

  // The log: appended by group commit, trimmed by compaction. One global sequence keeps the
  // order within a document whatever process wrote it.
  await db.schema
    .createTable("document_updates")
    .addColumn("seq", "bigserial", (c) => c.notNull())
    .addColumn("document_id", "text", (c) => c.notNull().references("documents.id").onDelete("cascade"))
    .addColumn("data", "bytea", (c) => c.notNull())
    .addColumn("user_id", "text")
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint("document_updates_pkey", ["document_id", "seq"])
    .execute();

  await db.schema
    .createTable("document_versions")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("document_id", "text", (c) => c.notNull().references("documents.id").onDelete("cascade"))
    .addColumn("name", "text")
    .addColumn("state", "bytea", (c) => c.notNull())
    .addColumn("created_by", "text", (c) => c.references("users.id").onDelete("set null"))
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema
    .createIndex("document_versions_document_idx")
    .on("document_versions")
    .columns(["document_id", "created_at"])
    .execute();

  await db.schema
    .createTable("document_threads")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("document_id", "text", (c) => c.notNull().references("documents.id").onDelete("cascade"))
    .addColumn("quote", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("created_by", "text", (c) => c.references("users.id").onDelete("set null"))
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn("resolved_at", "timestamptz")
    .addColumn("resolved_by", "text", (c) => c.references("users.id").onDelete("set null"))
    .execute();
  await db.schema
    .createIndex("document_threads_document_idx")
    .on("document_threads")
    .columns(["document_id", "created_at"])
    .execute();

  await db.schema
    .createTable("document_comments")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("thread_id", "text", (c) => c.notNull().references("document_threads.id").onDelete("cascade"))
    .addColumn("document_id", "text", (c) => c.notNull().references("documents.id").onDelete("cascade"))
    .addColumn("author_id", "text", (c) => c.references("users.id").onDelete("set null"))
    .addColumn("body", "text", (c) => c.notNull())
    .addColumn("mentions", sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'::text[]`))
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn("edited_at", "timestamptz")
    .execute();
  await db.schema
    .createIndex("document_comments_thread_idx")
    .on("document_comments")
    .columns(["thread_id", "created_at"])
    .execute();
  await db.schema
    .createIndex("document_comments_document_idx")
    .on("document_comments")
    .column("document_id")
    .execute();

  await db.schema
    .createTable("document_templates")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("organisation_id", "text", (c) => c.references("organisations.id").onDelete("cascade"))
    .addColumn("network_id", "text", (c) => c.references("networks.id").onDelete("cascade"))
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("description", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("state", "bytea", (c) => c.notNull())
    .addColumn("created_by", "text", (c) => c.references("users.id").onDelete("set null"))
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addCheckConstraint(
      "document_templates_owner_check",
      sql`(organisation_id is null) <> (network_id is null)`,
    )
    .execute();
  await db.schema
    .createIndex("document_templates_organisation_idx")
    .on("document_templates")
    .column("organisation_id")
    .execute();
  await db.schema
    .createIndex("document_templates_network_idx")
    .on("document_templates")
    .column("network_id")
    .execute();
}
