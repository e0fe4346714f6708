import { type Kysely, sql } from "kysely";

/**
 * Organisations, partner networks, projects, invitations and the audit log. Every table that
 * belongs to a tenant has an index that starts with the owning organisation, network or project,
 * so every scoped query is served by it.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("organisations")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("sparten", sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'::text[]`))
    .addColumn("description", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("website", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("address", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("district", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("contact_name", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("contact_email", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("accessibility_notes", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("created_by", "text", (c) => c.references("users.id").onDelete("set null"))
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn("updated_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema
    .createIndex("organisations_name_idx")
    .on("organisations")
    .expression(sql`lower(name)`)
    .execute();

  await db.schema
    .createTable("organisation_members")
    .addColumn("organisation_id", "text", (c) =>
      c.notNull().references("organisations.id").onDelete("cascade"),
    )
    .addColumn("user_id", "text", (c) => c.notNull().references("users.id").onDelete("cascade"))
    .addColumn("role", "text", (c) => c.notNull())
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint("organisation_members_pkey", ["organisation_id", "user_id"])
    .execute();
  await db.schema
    .createIndex("organisation_members_user_idx")
    .on("organisation_members")
    .columns(["user_id", "organisation_id"])
    .execute();

  await db.schema
    .createTable("networks")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("coordinator_id", "text", (c) =>
      c.notNull().references("organisations.id").onDelete("cascade"),
    )
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("description", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("created_by", "text", (c) => c.references("users.id").onDelete("set null"))
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn("updated_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema.createIndex("networks_coordinator_idx").on("networks").column("coordinator_id").execute();

  // The coordinator is a partner too (row added with the network), so "member of the network"
  // is one join.
  await db.schema
    .createTable("network_partners")
    .addColumn("network_id", "text", (c) => c.notNull().references("networks.id").onDelete("cascade"))
    .addColumn("organisation_id", "text", (c) =>
      c.notNull().references("organisations.id").onDelete("cascade"),
    )
    .addColumn("joined_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint("network_partners_pkey", ["network_id", "organisation_id"])
    .execute();
  await db.schema
    .createIndex("network_partners_organisation_idx")
    .on("network_partners")
    .columns(["organisation_id", "network_id"])
    .execute();

  await db.schema
    .createTable("network_checklist_items")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("network_id", "text", (c) => c.notNull().references("networks.id").onDelete("cascade"))
    .addColumn("label", "text", (c) => c.notNull())
    .addColumn("position", "integer", (c) => c.notNull())
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema
    .createIndex("network_checklist_items_network_idx")
    .on("network_checklist_items")
    .columns(["network_id", "position"])
    .execute();

  await db.schema
    .createTable("network_checklist_checks")
    .addColumn("network_id", "text", (c) => c.notNull().references("networks.id").onDelete("cascade"))
    .addColumn("organisation_id", "text", (c) =>
      c.notNull().references("organisations.id").onDelete("cascade"),
    )
    .addColumn("item_id", "text", (c) =>
      c.notNull().references("network_checklist_items.id").onDelete("cascade"),
    )
    .addColumn("checked_by", "text", (c) => c.references("users.id").onDelete("set null"))
    .addColumn("checked_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint("network_checklist_checks_pkey", ["network_id", "organisation_id", "item_id"])
    .execute();
  await db.schema
    .createIndex("network_checklist_checks_item_idx")
    .on("network_checklist_checks")
    .column("item_id")
    .execute();

  await db.schema
    .createTable("projects")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("organisation_id", "text", (c) => c.references("organisations.id").onDelete("cascade"))
    .addColumn("network_id", "text", (c) => c.references("networks.id").onDelete("cascade"))
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("description", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("color", "text", (c) => c.notNull().defaultTo("blue"))
    .addColumn("archived_at", "timestamptz")
    .addColumn("deleted_at", "timestamptz")
    .addColumn("deleted_by", "text", (c) => c.references("users.id").onDelete("set null"))
    .addColumn("created_by", "text", (c) => c.references("users.id").onDelete("set null"))
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn("updated_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addCheckConstraint("projects_one_owner", sql`(organisation_id is null) <> (network_id is null)`)
    .execute();
  await db.schema
    .createIndex("projects_organisation_idx")
    .on("projects")
    .columns(["organisation_id", "created_at"])
    .where(sql.ref("organisation_id"), "is not", null)
    .execute();
  await db.schema
    .createIndex("projects_network_idx")
    .on("projects")
    .columns(["network_id", "created_at"])
    .where(sql.ref("network_id"), "is not", null)
    .execute();
  await db.schema
    .createIndex("projects_trash_idx")
    .on("projects")
    .column("deleted_at")
    .where(sql.ref("deleted_at"), "is not", null)
    .execute();

  await db.schema
    .createTable("project_members")
    .addColumn("project_id", "text", (c) => c.notNull().references("projects.id").onDelete("cascade"))
    .addColumn("user_id", "text", (c) => c.notNull().references("users.id").onDelete("cascade"))
    .addColumn("role", "text", (c) => c.notNull())
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint("project_members_pkey", ["project_id", "user_id"])
    .execute();
  await db.schema
    .createIndex("project_members_user_idx")
    .on("project_members")
    .columns(["user_id", "project_id"])
    .execute();

  // One table for every kind of invitation: one token format, one accept flow.
  await db.schema
    .createTable("invitations")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("organisation_id", "text", (c) => c.references("organisations.id").onDelete("cascade"))
    .addColumn("network_id", "text", (c) => c.references("networks.id").onDelete("cascade"))
    .addColumn("project_id", "text", (c) => c.references("projects.id").onDelete("cascade"))
    .addColumn("invited_organisation_id", "text", (c) => c.references("organisations.id").onDelete("cascade"))
    .addColumn("email", "text")
    .addColumn("role", "text")
    .addColumn("token_hash", "text")
    .addColumn("invited_by", "text", (c) => c.references("users.id").onDelete("set null"))
    .addColumn("invited_by_name", "text", (c) => c.notNull())
    .addColumn("expires_at", "timestamptz", (c) => c.notNull())
    .addColumn("declined_at", "timestamptz")
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addCheckConstraint(
      "invitations_one_target",
      sql`(kind = 'organisation' and organisation_id is not null and network_id is null and project_id is null)
       or (kind = 'network' and network_id is not null and organisation_id is null and project_id is null)
       or (kind = 'project' and project_id is not null and organisation_id is null and network_id is null)`,
    )
    .addCheckConstraint(
      "invitations_one_recipient",
      sql`(email is null) <> (invited_organisation_id is null)`,
    )
    .execute();
  await db.schema
    .createIndex("invitations_organisation_idx")
    .on("invitations")
    .columns(["organisation_id", "created_at"])
    .where(sql.ref("organisation_id"), "is not", null)
    .execute();
  await db.schema
    .createIndex("invitations_network_idx")
    .on("invitations")
    .columns(["network_id", "created_at"])
    .where(sql.ref("network_id"), "is not", null)
    .execute();
  await db.schema
    .createIndex("invitations_project_idx")
    .on("invitations")
    .columns(["project_id", "created_at"])
    .where(sql.ref("project_id"), "is not", null)
    .execute();
  await db.schema
    .createIndex("invitations_invited_organisation_idx")
    .on("invitations")
    .columns(["invited_organisation_id", "created_at"])
    .where(sql.ref("invited_organisation_id"), "is not", null)
    .execute();
  await db.schema
    .createIndex("invitations_email_idx")
    .on("invitations")
    .columns(["email", "created_at"])
    .where(sql.ref("email"), "is not", null)
    .execute();
  await db.schema
    .createIndex("invitations_token_hash_key")
    .on("invitations")
    .column("token_hash")
    .unique()
    .where(sql.ref("token_hash"), "is not", null)
    .execute();

  await db.schema
    .createTable("audit_events")
    .addColumn("id", "bigserial", (c) => c.primaryKey())
    .addColumn("organisation_id", "text", (c) => c.references("organisations.id").onDelete("cascade"))
    .addColumn("network_id", "text", (c) => c.references("networks.id").onDelete("cascade"))
    .addColumn("actor_id", "text", (c) => c.references("users.id").onDelete("set null"))
    .addColumn("actor_name", "text", (c) => c.notNull())
    .addColumn("action", "text", (c) => c.notNull())
    .addColumn("target_kind", "text", (c) => c.notNull())
    .addColumn("target_id", "text")
    .addColumn("target_name", "text", (c) => c.notNull())
    .addColumn("details", "jsonb", (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
    .addColumn("ip", "text")
    .addColumn("user_agent", "text")
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addCheckConstraint("audit_events_one_scope", sql`(organisation_id is null) <> (network_id is null)`)
    .execute();
  await db.schema
    .createIndex("audit_events_organisation_idx")
    .on("audit_events")
    .columns(["organisation_id", "id"])
    .where(sql.ref("organisation_id"), "is not", null)
    .execute();
  await db.schema
    .createIndex("audit_events_network_idx")
    .on("audit_events")
    .columns(["network_id", "id"])
    .where(sql.ref("network_id"), "is not", null)
    .execute();
}
