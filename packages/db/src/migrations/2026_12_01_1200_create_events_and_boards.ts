import { type Kysely, sql } from "kysely";

/**
 * The live event stream's log, and task boards.
 *
 * Events: every change others should see live is appended here in the transaction that makes it,
 * so a client that was away catches up from its last id. Ids are handed out in commit order (the
 * writer takes a transaction-level advisory lock right before its insert), so "everything after
 * id N" never skips a row that commits late. Rows are scoped to a project, an organisation, a
 * network or one person, which is what the access module filters on; they carry no foreign keys,
 * because an event about a deleted thing must still be told.
 *
 * Boards: a project has boards, a board has columns, a column has tasks ordered by a fractional
 * index (`position`, compared byte-wise: collation "C"), so a move writes one row.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("events")
    .addColumn("id", "bigserial", (c) => c.primaryKey())
    .addColumn("type", "text", (c) => c.notNull())
    .addColumn("project_id", "text")
    .addColumn("organisation_id", "text")
    .addColumn("network_id", "text")
    .addColumn("user_id", "text")
    .addColumn("actor_id", "text")
    .addColumn("data", "jsonb", (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema.createIndex("events_created_idx").on("events").column("created_at").execute();

  await db.schema
    .createTable("boards")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("project_id", "text", (c) => c.notNull().references("projects.id").onDelete("cascade"))
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("position", sql`text collate "C"`, (c) => c.notNull())
    .addColumn("created_by", "text", (c) => c.references("users.id").onDelete("set null"))
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn("updated_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema
    .createIndex("boards_project_idx")
    .on("boards")
    .columns(["project_id", "position"])
    .execute();

  await db.schema
    .createTable("board_columns")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("board_id", "text", (c) => c.notNull().references("boards.id").onDelete("cascade"))
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("position", sql`text collate "C"`, (c) => c.notNull())
    // null: no limit; shown as exceeded, never enforced (a team may need to go over for a day)
    .addColumn("wip_limit", "integer")
    // tasks arriving here are done: they count as completed, may be archived, and repeat
    .addColumn("is_done", "boolean", (c) => c.notNull().defaultTo(false))
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema
    .createIndex("board_columns_board_idx")
    .on("board_columns")
    .columns(["board_id", "position"])
    .execute();

  await db.schema
    .createTable("task_labels")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("project_id", "text", (c) => c.notNull().references("projects.id").onDelete("cascade"))
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("color", "text", (c) => c.notNull())
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema
    .createIndex("task_labels_project_name_idx")
    .on("task_labels")
    .expression(sql`project_id, lower(name)`)
    .unique()
    .execute();

  await db.schema
    .createTable("tasks")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("project_id", "text", (c) => c.notNull().references("projects.id").onDelete("cascade"))
    .addColumn("board_id", "text", (c) => c.notNull().references("boards.id").onDelete("cascade"))
    // a column is deleted only after its tasks moved elsewhere
    .addColumn("column_id", "text", (c) => c.notNull().references("board_columns.id").onDelete("restrict"))
    .addColumn("position", sql`text collate "C"`, (c) => c.notNull())
    .addColumn("title", "text", (c) => c.notNull())
    // Tiptap JSON (null: no description)
    .addColumn("description", "jsonb")
    .addColumn("priority", "text", (c) => c.notNull().defaultTo("none"))
    .addColumn("start_date", "date")
    .addColumn("due_date", "date")
    // RFC 5545 RRULE (without DTSTART): when the task is done, the next one is created
    .addColumn("recurrence", "text")
    // the occurrences of one repeating task share it (the first task's id)
    .addColumn("series_id", "text")
    .addColumn("completed_at", "timestamptz")
    .addColumn("archived_at", "timestamptz")
    .addColumn("archived_by", "text", (c) => c.references("users.id").onDelete("set null"))
    .addColumn("created_by", "text", (c) => c.references("users.id").onDelete("set null"))
    .addColumn("updated_by", "text", (c) => c.references("users.id").onDelete("set null"))
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn("updated_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addCheckConstraint("tasks_priority_check", sql`priority in ('none', 'low', 'medium', 'high', 'urgent')`)
    .addCheckConstraint(
      "tasks_dates_check",
      sql`start_date is null or due_date is null or start_date <= due_date`,
    )
    .execute();
  // one position per column: two concurrent moves can never end on the same key
  await db.schema
    .createIndex("tasks_column_position_idx")
    .on("tasks")
    .columns(["column_id", "position"])
    .unique()
    .execute();
  await db.schema.createIndex("tasks_board_idx").on("tasks").columns(["board_id", "archived_at"]).execute();
  await db.schema
    .createIndex("tasks_project_due_idx")
    .on("tasks")
    .columns(["project_id", "due_date"])
    .execute();

  await db.schema
    .createTable("task_assignees")
    .addColumn("task_id", "text", (c) => c.notNull().references("tasks.id").onDelete("cascade"))
    .addColumn("user_id", "text", (c) => c.notNull().references("users.id").onDelete("cascade"))
    .addPrimaryKeyConstraint("task_assignees_pkey", ["task_id", "user_id"])
    .execute();
  // "My tasks": every task assigned to me
  await db.schema.createIndex("task_assignees_user_idx").on("task_assignees").column("user_id").execute();

  await db.schema
    .createTable("task_label_links")
    .addColumn("task_id", "text", (c) => c.notNull().references("tasks.id").onDelete("cascade"))
    .addColumn("label_id", "text", (c) => c.notNull().references("task_labels.id").onDelete("cascade"))
    .addPrimaryKeyConstraint("task_label_links_pkey", ["task_id", "label_id"])
    .execute();
  await db.schema
    .createIndex("task_label_links_label_idx")
    .on("task_label_links")
    .column("label_id")
    .execute();

  await db.schema
    .createTable("task_checklist_items")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("task_id", "text", (c) => c.notNull().references("tasks.id").onDelete("cascade"))
    .addColumn("text", "text", (c) => c.notNull())
    .addColumn("done", "boolean", (c) => c.notNull().defaultTo(false))
    .addColumn("position", sql`text collate "C"`, (c) => c.notNull())
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema
    .createIndex("task_checklist_items_task_idx")
    .on("task_checklist_items")
    .columns(["task_id", "position"])
    .unique()
    .execute();

  await db.schema
    .createTable("task_document_links")
    .addColumn("task_id", "text", (c) => c.notNull().references("tasks.id").onDelete("cascade"))
    .addColumn("document_id", "text", (c) => c.notNull().references("documents.id").onDelete("cascade"))
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint("task_document_links_pkey", ["task_id", "document_id"])
    .execute();

  await db.schema
    .createTable("task_comments")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("task_id", "text", (c) => c.notNull().references("tasks.id").onDelete("cascade"))
    .addColumn("author_id", "text", (c) => c.references("users.id").onDelete("set null"))
    .addColumn("body", "text", (c) => c.notNull())
    .addColumn("mentions", sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'::text[]`))
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn("edited_at", "timestamptz")
    .execute();
  await db.schema
    .createIndex("task_comments_task_idx")
    .on("task_comments")
    .columns(["task_id", "created_at"])
    .execute();

  await db.schema
    .createTable("task_activity")
    .addColumn("id", "bigserial", (c) => c.primaryKey())
    .addColumn("task_id", "text", (c) => c.notNull().references("tasks.id").onDelete("cascade"))
    .addColumn("actor_id", "text", (c) => c.references("users.id").onDelete("set null"))
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("data", "jsonb", (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema
    .createIndex("task_activity_task_idx")
    .on("task_activity")
    .columns(["task_id", "id"])
    .execute();
}
