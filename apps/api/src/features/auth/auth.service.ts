import { randomUUID } from "node:crypto";
import { isCommonPassword } from "@ensemble/auth/passwords";
import {
  createSession,
  invalidateSession,
  invalidateUserSessions,
  type SessionUser,
} from "@ensemble/auth/sessions";
import { randomToken, sha256Hex } from "@ensemble/auth/tokens";
import type {
  ForgotPasswordInput,
  ResetPasswordInput,
  SignInInput,
  SignUpInput,
} from "@ensemble/contracts/auth";
import { AppError } from "@ensemble/contracts/errors";
import type { Db } from "@ensemble/db/db";
import type { Session, User } from "@ensemble/db/schema";
import type { z } from "zod";
import type { AppDeps, RequestMeta } from "../../deps.ts";
import { resetPasswordMail, verifyEmailMail } from "./auth.mails.ts";
import * as repo from "./auth.repo.ts";

type SignUp = z.output<typeof SignUpInput>;
type SignIn = z.output<typeof SignInInput>;
type Forgot = z.output<typeof ForgotPasswordInput>;
type Reset = z.output<typeof ResetPasswordInput>;

const HOUR = 3_600_000;
export const VERIFY_TOKEN_TTL_MS = 48 * HOUR;
export const RESET_TOKEN_TTL_MS = HOUR;
/** Password attempts without a success allowed before that account key is delayed. */
export const FREE_PASSWORD_ATTEMPTS = 4;
const LOCK_BASE_MS = 30_000;
const LOCK_MAX_MS = 15 * 60_000;

export interface SignedIn {
  user: SessionUser;
  token: string;
  session: Session;
}

const invalidCredentials = () =>
  new AppError("invalid_credentials", "The email address or password is wrong.");

/** Refuses passwords from the common-passwords list with a field error. */
export function assertPasswordAllowed(password: string, field: string): void {
  if (isCommonPassword(password)) {
    throw new AppError("validation_failed", "This password is too common; please choose another.", {
      fields: { [field]: "common_password" },
    });
  }
}

/** Stores a verification token for `email` (replacing any earlier one of the user). */
async function storeVerifyToken(db: Db, deps: AppDeps, userId: string, email: string, token: string) {
  await repo.replaceEmailToken(db, {
    id: randomUUID(),
    user_id: userId,
    purpose: "verify_email",
    email,
    token_hash: sha256Hex(token),
    expires_at: new Date(deps.now().getTime() + VERIFY_TOKEN_TTL_MS),
  });
}

/** Mails the verification link for a stored token. */
async function mailVerifyLink(
  deps: AppDeps,
  user: Pick<User, "display_name" | "locale">,
  email: string,
  token: string,
) {
  const link = `${deps.config.publicUrl}/verify-email?token=${token}`;
  await deliver(deps, verifyEmailMail(email, user.display_name, link, user.locale));
}

/** Issues a verification token for `email` and mails the link. */
export async function sendVerification(
  deps: AppDeps,
  user: Pick<User, "id" | "display_name" | "locale">,
  email: string,
) {
  const token = randomToken(160);
  await storeVerifyToken(deps.db, deps, user.id, email, token);
  await mailVerifyLink(deps, user, email, token);
}

/** Sends a mail; a broken mail server is logged, never turned into a lost account. */
async function deliver(deps: AppDeps, mail: Parameters<AppDeps["mailer"]["send"]>[0]) {
  try {
    await deps.mailer.send(mail);
  } catch (err) {
    deps.logger.error({ err, to: mail.to, subject: mail.subject }, "mail could not be sent");
  }
}

/** Creates an account and signs it in; the first account of the instance becomes its administrator. */
export async function signUp(deps: AppDeps, input: SignUp, meta: RequestMeta): Promise<SignedIn> {
  assertPasswordAllowed(input.password, "password");
  await deps.limits.mail(meta.ip, input.email);
  const passwordHash = await deps.hasher.hash(input.password);
  const now = deps.now();
  const verifyToken = randomToken(160);
  // user, verification token and session together, or nothing
  const result = await deps.db.transaction().execute(async (tx) => {
    const created = await repo.insertUser(tx, {
      id: randomUUID(),
      email: input.email,
      display_name: input.displayName,
      password_hash: passwordHash,
      locale: input.locale ?? null,
      created_at: now,
      updated_at: now,
    });
    if (created === "taken") {
      throw new AppError("email_taken", "An account with this email address exists already.", {
        fields: { email: "email_taken" },
      });
    }
    await storeVerifyToken(tx, deps, created.id, created.email, verifyToken);
    const { token, session } = await createSession(tx, created.id, meta, now);
    return { user: created, token, session };
  });
  await mailVerifyLink(deps, result.user, result.user.email, verifyToken);
  return result;
}

/**
 * A fixed argon2id hash of a random string: checking a password against it costs what a real
 * check costs, so an unknown address answers as late as a wrong password.
 */
const TIMING_EQUALISER_HASH =
  "$argon2id$v=19$m=19456,t=2,p=1$N4LinKEz5DC4ZH4qErR6hw$zDUjdTGP+O0pmTShKdotK19FZnYZGlmz5RDytZD8JrI";

/**
 * Counts a password attempt for `key` before the password is checked, and refuses with 429 while
 * the key is locked: after `FREE_PASSWORD_ATTEMPTS` attempts without a success, each further one
 * locks the key for 30 s, doubling up to 15 min.
 */
export async function guardPasswordAttempt(deps: AppDeps, key: string): Promise<void> {
  const now = deps.now();
  const { lockedUntil } = await repo.countAttempt(deps.db, key, now, FREE_PASSWORD_ATTEMPTS, (attempts) =>
    Math.min(LOCK_MAX_MS, LOCK_BASE_MS * 2 ** (attempts - FREE_PASSWORD_ATTEMPTS - 1)),
  );
  if (lockedUntil) {
    throw new AppError("rate_limited", "Too many failed attempts. Please wait a moment and try again.", {
      retryAfter: (lockedUntil.getTime() - now.getTime()) / 1000,
    });
  }
}

/**
 * Signs in. Unknown address and wrong password answer the same, after the same work; each address
 * gets growing delays after consecutive failures (the lock also holds for the right password).
 */
export async function signIn(deps: AppDeps, input: SignIn, meta: RequestMeta): Promise<SignedIn> {
  const key = `sign-in:${input.email}`;
  await guardPasswordAttempt(deps, key);
  const user = await repo.findUserByEmail(deps.db, input.email);
  const ok = await deps.hasher.verify(user?.password_hash ?? TIMING_EQUALISER_HASH, input.password);
  if (!ok || !user) {
    throw invalidCredentials();
  }
  await repo.clearThrottle(deps.db, key);
  const { token, session } = await createSession(deps.db, user.id, meta, deps.now());
  return { user, token, session };
}

/** Ends the current session. */
export async function signOut(deps: AppDeps, sessionId: string): Promise<void> {
  await invalidateSession(deps.db, sessionId);
}

const invalidLink = () =>
  new AppError("invalid_token", "This link is invalid or has expired. Please request a new one.");

/** True for PostgreSQL's unique_violation. */
function isUniqueViolation(err: unknown): boolean {
  return typeof err === "object" && err !== null && (err as { code?: unknown }).code === "23505";
}

/**
 * Confirms an address with a single-use token. For a change of email, the new address takes
 * effect now (unless someone else took it meanwhile).
 */
export async function verifyEmail(deps: AppDeps, token: string): Promise<User> {
  const row = await repo.takeEmailToken(deps.db, sha256Hex(token), "verify_email");
  if (!row || row.expires_at <= deps.now()) {
    throw invalidLink();
  }
  const now = deps.now();
  let updated: User | undefined;
  try {
    updated = await repo.updateUser(deps.db, row.user_id, {
      email: row.email,
      email_verified_at: now,
      updated_at: now,
    });
  } catch (err) {
    if (isUniqueViolation(err)) {
      throw new AppError("email_taken", "Another account uses this email address now.");
    }
    throw err;
  }
  if (!updated) {
    throw invalidLink();
  }
  return updated;
}

/** Sends a fresh verification mail for the signed-in user's address (voiding the old link). */
export async function resendVerification(deps: AppDeps, user: SessionUser, meta: RequestMeta): Promise<void> {
  if (user.email_verified_at) {
    return;
  }
  await deps.limits.mail(meta.ip, user.email);
  await sendVerification(deps, user, user.email);
}

/** Mails a reset link if the address has an account; answers the same either way. */
export async function forgotPassword(deps: AppDeps, input: Forgot, meta: RequestMeta): Promise<void> {
  await deps.limits.mail(meta.ip, input.email);
  const user = await repo.findUserByEmail(deps.db, input.email);
  if (!user) {
    return;
  }
  const token = randomToken(160);
  await repo.replaceEmailToken(deps.db, {
    id: randomUUID(),
    user_id: user.id,
    purpose: "reset_password",
    email: user.email,
    token_hash: sha256Hex(token),
    expires_at: new Date(deps.now().getTime() + RESET_TOKEN_TTL_MS),
  });
  const link = `${deps.config.publicUrl}/reset-password?token=${token}`;
  await deliver(deps, resetPasswordMail(user.email, user.display_name, link, user.locale));
}

/**
 * Sets a new password with a single-use reset token bound to the user and their address at the
 * time; ends every session of the account. Proves the address, so it counts as verified.
 */
export async function resetPassword(deps: AppDeps, input: Reset): Promise<void> {
  assertPasswordAllowed(input.password, "password");
  // hash before taking the token, so a busy server never burns the link
  const passwordHash = await deps.hasher.hash(input.password);
  const now = deps.now();
  await deps.db.transaction().execute(async (tx) => {
    const row = await repo.takeEmailToken(tx, sha256Hex(input.token), "reset_password");
    if (!row || row.expires_at <= now) {
      throw invalidLink();
    }
    const user = await repo.findUserById(tx, row.user_id);
    if (!user || user.email !== row.email) {
      throw invalidLink();
    }
    await repo.updateUser(tx, user.id, {
      password_hash: passwordHash,
      email_verified_at: user.email_verified_at ?? now,
      updated_at: now,
    });
    await invalidateUserSessions(tx, user.id);
    await repo.clearThrottle(tx, `sign-in:${user.email}`);
  });
}
