import type { Db } from "@ensemble/db/db";
import type { EmailToken, NewUser, User, UserUpdate } from "@ensemble/db/schema";
import { sql } from "kysely";

/** The user with this (normalised) email, if any. */
export function findUserByEmail(db: Db, email: string): Promise<User | undefined> {
  return db.selectFrom("users").selectAll().where("email", "=", email).executeTakeFirst();
}

/** The user with this id, if any. */
export function findUserById(db: Db, id: string): Promise<User | undefined> {
  return db.selectFrom("users").selectAll().where("id", "=", id).executeTakeFirst();
}

/**
 * Inserts a user; the first user of an empty instance becomes instance administrator. A
 * transaction-scoped advisory lock makes "first" exact under concurrent sign-ups.
 */
export async function insertUser(
  db: Db,
  values: Omit<NewUser, "is_instance_admin">,
): Promise<User | "taken"> {
  return db.transaction().execute(async (tx) => {
    await sql`select pg_advisory_xact_lock(727001)`.execute(tx);
    const existing = await tx
      .selectFrom("users")
      .select("id")
      .where("email", "=", values.email)
      .executeTakeFirst();
    if (existing) {
      return "taken" as const;
    }
    const any = await tx.selectFrom("users").select("id").limit(1).executeTakeFirst();
    return tx
      .insertInto("users")
      .values({ ...values, is_instance_admin: !any })
      .returningAll()
      .executeTakeFirstOrThrow();
  });
}

/** Applies a patch to a user and returns the new row. */
export function updateUser(db: Db, id: string, patch: UserUpdate): Promise<User | undefined> {
  return db.updateTable("users").set(patch).where("id", "=", id).returningAll().executeTakeFirst();
}

/** Deletes a user; sessions and tokens go with it (foreign keys cascade). */
export async function deleteUser(db: Db, id: string): Promise<void> {
  await db.deleteFrom("users").where("id", "=", id).execute();
}

/** Stores a mail token, replacing (voiding) any earlier one of the same user and purpose. */
export async function replaceEmailToken(
  db: Db,
  token: Pick<EmailToken, "id" | "user_id" | "purpose" | "email" | "token_hash" | "expires_at">,
): Promise<void> {
  await db
    .insertInto("email_tokens")
    .values(token)
    .onConflict((oc) =>
      oc.columns(["user_id", "purpose"]).doUpdateSet({
        id: token.id,
        email: token.email,
        token_hash: token.token_hash,
        expires_at: token.expires_at,
        created_at: sql`now()`,
      }),
    )
    .execute();
}

/** Removes and returns the token with this hash: a token can be taken exactly once. */
export function takeEmailToken(db: Db, tokenHash: string): Promise<EmailToken | undefined> {
  return db.deleteFrom("email_tokens").where("token_hash", "=", tokenHash).returningAll().executeTakeFirst();
}

/** When the account key is locked out until, if at all. */
export async function throttleLockedUntil(db: Db, key: string): Promise<Date | null> {
  const row = await db
    .selectFrom("auth_throttle")
    .select("locked_until")
    .where("key", "=", key)
    .executeTakeFirst();
  return row?.locked_until ?? null;
}

/** Counts one more consecutive failure for the key; returns the new count. */
export async function recordThrottleFailure(db: Db, key: string, now: Date): Promise<number> {
  const row = await db
    .insertInto("auth_throttle")
    .values({ key, failures: 1, updated_at: now })
    .onConflict((oc) =>
      oc.column("key").doUpdateSet({ failures: sql`auth_throttle.failures + 1`, updated_at: now }),
    )
    .returning("failures")
    .executeTakeFirstOrThrow();
  return row.failures;
}

/** Sets the lock-out end for the key. */
export async function lockThrottle(db: Db, key: string, until: Date): Promise<void> {
  await db.updateTable("auth_throttle").set({ locked_until: until }).where("key", "=", key).execute();
}

/** Forgets the failures of the key (after a successful sign-in). */
export async function clearThrottle(db: Db, key: string): Promise<void> {
  await db.deleteFrom("auth_throttle").where("key", "=", key).execute();
}
