import type { Migration } from "kysely/migration";
import * as createAccounts from "./migrations/2026_11_23_1040_create_accounts.ts";
import * as createTenancy from "./migrations/2026_11_23_1300_create_tenancy.ts";
import * as uniqueInvitations from "./migrations/2026_11_23_1400_unique_invitations.ts";
import * as createDocuments from "./migrations/2026_12_01_0700_create_documents.ts";
import * as createEventsAndBoards from "./migrations/2026_12_01_1200_create_events_and_boards.ts";
import * as snapshotStorageExternal from "./migrations/2026_12_02_0000_snapshot_storage_external.ts";

/**
 * Every migration, in order. A static list rather than a folder scan so the same set runs from
 * source, from a bundle and inside a container. Migrations are forward-only: no `down`.
 */
export const migrations: Record<string, Migration> = {
  "2026_11_23_1040_create_accounts": createAccounts,
  "2026_11_23_1300_create_tenancy": createTenancy,
  "2026_11_23_1400_unique_invitations": uniqueInvitations,
  "2026_12_01_0700_create_documents": createDocuments,
  "2026_12_01_1200_create_events_and_boards": createEventsAndBoards,
  "2026_12_02_0000_snapshot_storage_external": snapshotStorageExternal,
};
