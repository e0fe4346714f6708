import type { ColumnType, Generated, Insertable, Selectable, Updateable } from "kysely";

type Timestamp = ColumnType<Date, Date | string, Date | string>;
type CreatedAt = ColumnType<Date, Date | string | undefined, Date | string>;

/** A person's account. `email` is stored normalised (trimmed, lower case). */
export interface UsersTable {
  id: string;
  email: string;
  email_verified_at: Timestamp | null;
  display_name: string;
  password_hash: string;
  is_instance_admin: Generated<boolean>;
  locale: string | null;
  created_at: CreatedAt;
  updated_at: Timestamp;
}

/** A signed-in browser. Only the SHA-256 of the token's secret is kept. */
export interface SessionsTable {
  id: string;
  user_id: string;
  secret_hash: string;
  created_at: CreatedAt;
  last_verified_at: Timestamp;
  user_agent: string | null;
  ip: string | null;
}

/** Single-use mail tokens (email verification, password reset), stored hashed. */
export interface EmailTokensTable {
  id: string;
  user_id: string;
  purpose: "verify_email" | "reset_password";
  email: string;
  token_hash: string;
  expires_at: Timestamp;
  created_at: CreatedAt;
}

/** Consecutive failed sign-ins per account key, for growing delays. */
export interface AuthThrottleTable {
  key: string;
  failures: number;
  locked_until: Timestamp | null;
  updated_at: Timestamp;
}

export interface OrganisationsTable {
  id: string;
  name: string;
  kind: string;
  sparten: ColumnType<string[], string[] | undefined, string[]>;
  description: Generated<string>;
  website: Generated<string>;
  address: Generated<string>;
  district: Generated<string>;
  contact_name: Generated<string>;
  contact_email: Generated<string>;
  accessibility_notes: Generated<string>;
  created_by: string | null;
  created_at: CreatedAt;
  updated_at: Timestamp;
}

export interface OrganisationMembersTable {
  organisation_id: string;
  user_id: string;
  role: "owner" | "admin" | "member";
  created_at: CreatedAt;
}

export interface NetworksTable {
  id: string;
  coordinator_id: string;
  name: string;
  description: Generated<string>;
  created_by: string | null;
  created_at: CreatedAt;
  updated_at: Timestamp;
}

/** Organisations in a network; the coordinator has a row too. */
export interface NetworkPartnersTable {
  network_id: string;
  organisation_id: string;
  joined_at: CreatedAt;
}

export interface NetworkChecklistItemsTable {
  id: string;
  network_id: string;
  label: string;
  position: number;
  created_at: CreatedAt;
}

export interface NetworkChecklistChecksTable {
  network_id: string;
  organisation_id: string;
  item_id: string;
  checked_by: string | null;
  checked_at: CreatedAt;
}

export interface ProjectsTable {
  id: string;
  organisation_id: string | null;
  network_id: string | null;
  name: string;
  description: Generated<string>;
  color: Generated<string>;
  archived_at: Timestamp | null;
  deleted_at: Timestamp | null;
  deleted_by: string | null;
  created_by: string | null;
  created_at: CreatedAt;
  updated_at: Timestamp;
}

export interface ProjectMembersTable {
  project_id: string;
  user_id: string;
  role: "lead" | "editor" | "viewer";
  created_at: CreatedAt;
}

/** Invitations of every kind; exactly one target column and one recipient are set. */
export interface InvitationsTable {
  id: string;
  kind: "organisation" | "network" | "project";
  organisation_id: string | null;
  network_id: string | null;
  project_id: string | null;
  invited_organisation_id: string | null;
  email: string | null;
  role: string | null;
  token_hash: string | null;
  invited_by: string | null;
  invited_by_name: string;
  expires_at: Timestamp;
  declined_at: Timestamp | null;
  created_at: CreatedAt;
}

export interface AuditEventsTable {
  id: Generated<string>;
  organisation_id: string | null;
  network_id: string | null;
  actor_id: string | null;
  actor_name: string;
  action: string;
  target_kind: string;
  target_id: string | null;
  target_name: string;
  details: ColumnType<Record<string, string>, string | undefined, string>;
  ip: string | null;
  user_agent: string | null;
  created_at: CreatedAt;
}

export interface DocumentFoldersTable {
  id: string;
  project_id: string;
  parent_id: string | null;
  name: string;
  created_by: string | null;
  created_at: CreatedAt;
  updated_at: Timestamp;
}

export interface DocumentsTable {
  id: string;
  project_id: string;
  folder_id: string | null;
  title: string;
  created_by: string | null;
  /** Who changed the content or title last (the collaboration server writes it on save). */
  updated_by: string | null;
  created_at: CreatedAt;
  updated_at: Timestamp;
  deleted_at: Timestamp | null;
  deleted_by: string | null;
}

/** The compacted Yjs state: every logged update with `seq <= snapshot_seq` is merged into it. */
export interface DocumentSnapshotsTable {
  document_id: string;
  state: Uint8Array;
  /** The state's Yjs state vector (null: compute it from `state`). */
  state_vector: Uint8Array | null;
  /** bigint; pg returns it as a string. */
  snapshot_seq: ColumnType<string, string | number | bigint | undefined, string | number | bigint>;
  updated_at: CreatedAt;
}

/** The append-only log of Yjs updates since the snapshot. */
export interface DocumentUpdatesTable {
  seq: ColumnType<string, never, never>;
  document_id: string;
  data: Uint8Array;
  user_id: string | null;
  created_at: CreatedAt;
}

/** A stored version: automatic (name null) or named. */
export interface DocumentVersionsTable {
  id: string;
  document_id: string;
  name: string | null;
  state: Uint8Array;
  created_by: string | null;
  created_at: CreatedAt;
}

export interface DocumentThreadsTable {
  id: string;
  document_id: string;
  /** The commented text when the thread was opened. */
  quote: Generated<string>;
  created_by: string | null;
  created_at: CreatedAt;
  resolved_at: Timestamp | null;
  resolved_by: string | null;
}

export interface DocumentCommentsTable {
  id: string;
  thread_id: string;
  document_id: string;
  author_id: string | null;
  body: string;
  mentions: ColumnType<string[], string[] | undefined, string[]>;
  created_at: CreatedAt;
  edited_at: Timestamp | null;
}

/** A template an organisation or network saved from one of its documents. */
export interface DocumentTemplatesTable {
  id: string;
  organisation_id: string | null;
  network_id: string | null;
  name: string;
  description: Generated<string>;
  state: Uint8Array;
  created_by: string | null;
  created_at: CreatedAt;
}

/** A calendar day as the text `YYYY-MM-DD` (see DATE_OID in db.ts). */
type CalendarDay = ColumnType<string, string, string>;

/** The live event stream's log (see the migration): scoped by project, organisation, network or person. */
export interface EventsTable {
  /** bigint, handed out in commit order; pg returns it as a string. */
  id: ColumnType<string, never, never>;
  type: string;
  project_id: string | null;
  organisation_id: string | null;
  network_id: string | null;
  user_id: string | null;
  actor_id: string | null;
  data: ColumnType<unknown, string | undefined, string>;
  created_at: CreatedAt;
}

export interface BoardsTable {
  id: string;
  project_id: string;
  name: string;
  position: string;
  created_by: string | null;
  created_at: CreatedAt;
  updated_at: Timestamp;
}

export interface BoardColumnsTable {
  id: string;
  board_id: string;
  name: string;
  position: string;
  wip_limit: number | null;
  is_done: Generated<boolean>;
  created_at: CreatedAt;
}

export interface TaskLabelsTable {
  id: string;
  project_id: string;
  name: string;
  color: string;
  created_at: CreatedAt;
}

export interface TasksTable {
  id: string;
  project_id: string;
  board_id: string;
  column_id: string;
  position: string;
  title: string;
  /** Tiptap JSON. */
  description: ColumnType<unknown, string | null | undefined, string | null>;
  priority: Generated<"none" | "low" | "medium" | "high" | "urgent">;
  start_date: CalendarDay | null;
  due_date: CalendarDay | null;
  recurrence: string | null;
  series_id: string | null;
  completed_at: Timestamp | null;
  archived_at: Timestamp | null;
  archived_by: string | null;
  created_by: string | null;
  updated_by: string | null;
  created_at: CreatedAt;
  updated_at: Timestamp;
}

export interface TaskAssigneesTable {
  task_id: string;
  user_id: string;
}

export interface TaskLabelLinksTable {
  task_id: string;
  label_id: string;
}

export interface TaskChecklistItemsTable {
  id: string;
  task_id: string;
  text: string;
  done: Generated<boolean>;
  position: string;
  created_at: CreatedAt;
}

export interface TaskDocumentLinksTable {
  task_id: string;
  document_id: string;
  created_at: CreatedAt;
}

export interface TaskCommentsTable {
  id: string;
  task_id: string;
  author_id: string | null;
  body: string;
  mentions: ColumnType<string[], string[] | undefined, string[]>;
  created_at: CreatedAt;
  edited_at: Timestamp | null;
}

export interface TaskActivityTable {
  id: ColumnType<string, never, never>;
  task_id: string;
  actor_id: string | null;
  kind: string;
  data: ColumnType<unknown, string | undefined, string>;
  created_at: CreatedAt;
}

export interface Database {
  users: UsersTable;
  sessions: SessionsTable;
  email_tokens: EmailTokensTable;
  auth_throttle: AuthThrottleTable;
  organisations: OrganisationsTable;
  organisation_members: OrganisationMembersTable;
  networks: NetworksTable;
  network_partners: NetworkPartnersTable;
  network_checklist_items: NetworkChecklistItemsTable;
  network_checklist_checks: NetworkChecklistChecksTable;
  projects: ProjectsTable;
  project_members: ProjectMembersTable;
  invitations: InvitationsTable;
  audit_events: AuditEventsTable;
  document_folders: DocumentFoldersTable;
  documents: DocumentsTable;
  document_snapshots: DocumentSnapshotsTable;
  document_updates: DocumentUpdatesTable;
  document_versions: DocumentVersionsTable;
  document_threads: DocumentThreadsTable;
  document_comments: DocumentCommentsTable;
  document_templates: DocumentTemplatesTable;
  events: EventsTable;
  boards: BoardsTable;
  board_columns: BoardColumnsTable;
  task_labels: TaskLabelsTable;
  tasks: TasksTable;
  task_assignees: TaskAssigneesTable;
  task_label_links: TaskLabelLinksTable;
  task_checklist_items: TaskChecklistItemsTable;
  task_document_links: TaskDocumentLinksTable;
  task_comments: TaskCommentsTable;
  task_activity: TaskActivityTable;
}

export type User = Selectable<UsersTable>;
export type NewUser = Insertable<UsersTable>;
export type UserUpdate = Updateable<UsersTable>;
export type Session = Selectable<SessionsTable>;
export type EmailToken = Selectable<EmailTokensTable>;
export type OrganisationRow = Selectable<OrganisationsTable>;
export type NetworkRow = Selectable<NetworksTable>;
export type ProjectRow = Selectable<ProjectsTable>;
export type InvitationRow = Selectable<InvitationsTable>;
export type AuditEventRow = Selectable<AuditEventsTable>;
export type DocumentRow = Selectable<DocumentsTable>;
export type DocumentFolderRow = Selectable<DocumentFoldersTable>;
