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
/** Consecutive failures allowed before sign-in for that address is delayed. */
export const SIGN_IN_FREE_FAILURES = 4;
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

/** Issues a verification token for `email` and mails the link. */
export async function sendVerification(
  deps: AppDeps,
  user: Pick<User, "id" | "display_name" | "locale">,
  email: string,
) {
  const token = randomToken(160);
  await repo.replaceEmailToken(deps.db, {
    id: randomUUID(),
    user_id: user.id,
    purpose: "verify_email",
    email,
    token_hash: sha256Hex(token),
    expires_at: new Date(deps.now().getTime() + VERIFY_TOKEN_TTL_MS),
  });
  const link = `${deps.config.publicUrl}/verify-email?token=${token}`;
  await deliver(deps, verifyEmailMail(email, user.display_name, link, user.locale));
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
  const created = await repo.insertUser(deps.db, {
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
  await sendVerification(deps, created, created.email);
  const { token, session } = await createSession(deps.db, created.id, meta, now);
  return { user: created, token, session };
}

let dummyHash: Promise<string> | undefined;

/**
 * Signs in. Unknown address and wrong password answer the same, after the same work; each address
 * gets growing delays after consecutive failures (the lock also holds for the right password).
 */
export async function signIn(deps: AppDeps, input: SignIn, meta: RequestMeta): Promise<SignedIn> {
  const now = deps.now();
  const key = `sign-in:${input.email}`;
  const lockedUntil = await repo.throttleLockedUntil(deps.db, key);
  if (lockedUntil && lockedUntil > now) {
    throw new AppError("rate_limited", "Too many failed sign-ins. Please wait a moment and try again.", {
      retryAfter: (lockedUntil.getTime() - now.getTime()) / 1000,
    });
  }
  const user = await repo.findUserByEmail(deps.db, input.email);
  let ok: boolean;
  if (user) {
    ok = await deps.hasher.verify(user.password_hash, input.password);
  } else {
    dummyHash ??= deps.hasher.hash("ensemble-timing-equaliser");
    await deps.hasher.verify(await dummyHash, input.password);
    ok = false;
  }
  if (!ok || !user) {
    const failures = await repo.recordThrottleFailure(deps.db, key, now);
    if (failures > SIGN_IN_FREE_FAILURES) {
      const delay = Math.min(LOCK_MAX_MS, LOCK_BASE_MS * 2 ** (failures - SIGN_IN_FREE_FAILURES - 1));
      await repo.lockThrottle(deps.db, key, new Date(now.getTime() + delay));
    }
    throw invalidCredentials();
  }
  await repo.clearThrottle(deps.db, key);
  const { token, session } = await createSession(deps.db, user.id, meta, now);
  return { user, token, session };
}

/** Ends the current session. */
export async function signOut(deps: AppDeps, sessionId: string): Promise<void> {
  await invalidateSession(deps.db, sessionId);
}

/**
 * Confirms an address with a single-use token. For a change of email, the new address takes
 * effect now (unless someone else took it meanwhile).
 */
export async function verifyEmail(deps: AppDeps, token: string): Promise<User> {
  const row = await repo.takeEmailToken(deps.db, sha256Hex(token));
  const invalid = new AppError(
    "invalid_token",
    "This link is invalid or has expired. Please request a new one.",
  );
  if (!row || row.purpose !== "verify_email" || row.expires_at <= deps.now()) {
    throw invalid;
  }
  const user = await repo.findUserById(deps.db, row.user_id);
  if (!user) {
    throw invalid;
  }
  if (row.email !== user.email) {
    const other = await repo.findUserByEmail(deps.db, row.email);
    if (other) {
      throw new AppError("email_taken", "Another account uses this email address now.");
    }
  }
  const now = deps.now();
  const updated = await repo.updateUser(deps.db, user.id, {
    email: row.email,
    email_verified_at: now,
    updated_at: now,
  });
  if (!updated) {
    throw invalid;
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
  const row = await repo.takeEmailToken(deps.db, sha256Hex(input.token));
  const invalid = new AppError(
    "invalid_token",
    "This link is invalid or has expired. Please request a new one.",
  );
  if (!row || row.purpose !== "reset_password" || row.expires_at <= deps.now()) {
    throw invalid;
  }
  const user = await repo.findUserById(deps.db, row.user_id);
  if (!user || user.email !== row.email) {
    throw invalid;
  }
  const now = deps.now();
  await repo.updateUser(deps.db, user.id, {
    password_hash: await deps.hasher.hash(input.password),
    email_verified_at: user.email_verified_at ?? now,
    updated_at: now,
  });
  await invalidateUserSessions(deps.db, user.id);
  await repo.clearThrottle(deps.db, `sign-in:${user.email}`);
}
