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
 * Inserts a user; the first user of an empty instance becomes instance administrator. Call inside
 * a transaction: the transaction-scoped advisory lock makes "first" exact under concurrent sign-ups.
 */
export async function insertUser(
  tx: Db,
  values: Omit<NewUser, "is_instance_admin">,
): Promise<User | "taken"> {
  await sql`select pg_advisory_xact_lock(727001)`.execute(tx);
  const existing = await tx
    .selectFrom("users")
    .select("id")
    .where("email", "=", values.email)
    .executeTakeFirst();
  if (existing) {
    return "taken";
  }
  const any = await tx.selectFrom("users").select("id").limit(1).executeTakeFirst();
  return tx
    .insertInto("users")
    .values({ ...values, is_instance_admin: !any })
    .returningAll()
    .executeTakeFirstOrThrow();
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

/**
 * Removes and returns the token with this hash and purpose: a token can be taken exactly once,
 * and a token of another purpose is left alone.
 */
export function takeEmailToken(
  db: Db,
  tokenHash: string,
  purpose: EmailToken["purpose"],
): Promise<EmailToken | undefined> {
  return db
    .deleteFrom("email_tokens")
    .where("token_hash", "=", tokenHash)
    .where("purpose", "=", purpose)
    .returningAll()
    .executeTakeFirst();
}

/**
 * Counts one attempt for the key before any password is checked, under a row lock so parallel
 * attempts are counted one by one. Returns the lock-out end if the key is locked now (the attempt
 * is then not counted); otherwise counts it and, once more than `freeAttempts` have been made
 * without a success, locks the key for `delayMs(attempts)` from now.
 */
export async function countAttempt(
  db: Db,
  key: string,
  now: Date,
  freeAttempts: number,
  delayMs: (attempts: number) => number,
): Promise<{ lockedUntil: Date | null }> {
  return db.transaction().execute(async (tx) => {
    await tx
      .insertInto("auth_throttle")
      .values({ key, failures: 0, updated_at: now })
      .onConflict((oc) => oc.column("key").doNothing())
      .execute();
    const row = await tx
      .selectFrom("auth_throttle")
      .select(["failures", "locked_until"])
      .where("key", "=", key)
      .forUpdate()
      .executeTakeFirstOrThrow();
    if (row.locked_until && row.locked_until > now) {
      return { lockedUntil: row.locked_until };
    }
    const attempts = row.failures + 1;
    const lockedUntil =
      attempts > freeAttempts ? new Date(now.getTime() + delayMs(attempts)) : row.locked_until;
    await tx
      .updateTable("auth_throttle")
      .set({ failures: attempts, locked_until: lockedUntil, updated_at: now })
      .where("key", "=", key)
      .execute();
    return { lockedUntil: null };
  });
}

/** Deletes throttle rows untouched since `before` and not locked any more. */
export async function purgeThrottle(db: Db, before: Date): Promise<void> {
  await db
    .deleteFrom("auth_throttle")
    .where("updated_at", "<", before)
    .where((eb) => eb.or([eb("locked_until", "is", null), eb("locked_until", "<", before)]))
    .execute();
}

/** Forgets the failures of the key (after a successful sign-in). */
export async function clearThrottle(db: Db, key: string): Promise<void> {
  await db.deleteFrom("auth_throttle").where("key", "=", key).execute();
}

/** Deletes mail tokens that have expired. */
export async function purgeEmailTokens(db: Db, now: Date): Promise<void> {
  await db.deleteFrom("email_tokens").where("expires_at", "<=", now).execute();
}
