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

export interface Database {
  users: UsersTable;
  sessions: SessionsTable;
  email_tokens: EmailTokensTable;
  auth_throttle: AuthThrottleTable;
}

export type User = Selectable<UsersTable>;
export type NewUser = Insertable<UsersTable>;
export type UserUpdate = Updateable<UsersTable>;
export type Session = Selectable<SessionsTable>;
export type EmailToken = Selectable<EmailTokensTable>;
