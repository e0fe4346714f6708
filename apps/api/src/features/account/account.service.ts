import { invalidateUserSessions, type SessionUser } from "@ensemble/auth/sessions";
import type { ChangeEmailInput, ChangePasswordInput, UpdateProfileInput } from "@ensemble/contracts/account";
import { AppError } from "@ensemble/contracts/errors";
import type { Session, User } from "@ensemble/db/schema";
import type { z } from "zod";
import type { AppDeps, RequestMeta } from "../../deps.ts";
import { emailChangeNoticeMail } from "../auth/auth.mails.ts";
import * as authRepo from "../auth/auth.repo.ts";
import { assertPasswordAllowed, guardPasswordAttempt, sendVerification } from "../auth/auth.service.ts";
import * as repo from "./account.repo.ts";

type ProfilePatch = z.output<typeof UpdateProfileInput>;
type PasswordChange = z.output<typeof ChangePasswordInput>;
type EmailChange = z.output<typeof ChangeEmailInput>;

/**
 * Loads the full user row (with password hash) and checks a password against it; attempts are
 * throttled per account like sign-ins, so a stolen session cannot guess the password.
 */
async function confirmPassword(
  deps: AppDeps,
  userId: string,
  password: string,
  field: string,
): Promise<User> {
  const key = `password:${userId}`;
  await guardPasswordAttempt(deps, key);
  const user = await authRepo.findUserById(deps.db, userId);
  if (!user) {
    throw new AppError("unauthenticated", "Please sign in.");
  }
  if (!(await deps.hasher.verify(user.password_hash, password))) {
    throw new AppError("wrong_password", "The password is wrong.", { fields: { [field]: "wrong_password" } });
  }
  await authRepo.clearThrottle(deps.db, key);
  return user;
}

/** Changes display name and/or language. */
export async function updateProfile(deps: AppDeps, user: SessionUser, patch: ProfilePatch): Promise<User> {
  const updated = await authRepo.updateUser(deps.db, user.id, {
    ...(patch.displayName !== undefined ? { display_name: patch.displayName } : {}),
    ...(patch.locale !== undefined ? { locale: patch.locale } : {}),
    updated_at: deps.now(),
  });
  if (!updated) {
    throw new AppError("unauthenticated", "Please sign in.");
  }
  return updated;
}

/** Changes the password after checking the current one; every other session ends. */
export async function changePassword(
  deps: AppDeps,
  user: SessionUser,
  session: Session,
  input: PasswordChange,
): Promise<void> {
  await confirmPassword(deps, user.id, input.currentPassword, "currentPassword");
  assertPasswordAllowed(input.newPassword, "newPassword");
  const passwordHash = await deps.hasher.hash(input.newPassword);
  await deps.db.transaction().execute(async (tx) => {
    await authRepo.updateUser(tx, user.id, { password_hash: passwordHash, updated_at: deps.now() });
    await invalidateUserSessions(tx, user.id, session.id);
  });
}

/**
 * Starts a change of email: checks the password, mails a link to the new address (which counts
 * only once confirmed) and a notice to the old one.
 */
export async function changeEmail(
  deps: AppDeps,
  user: SessionUser,
  input: EmailChange,
  meta: RequestMeta,
): Promise<string> {
  await deps.limits.mail(meta.ip, user.id);
  const full = await confirmPassword(deps, user.id, input.password, "password");
  if (input.newEmail === full.email) {
    throw new AppError("validation_failed", "This is already your email address.", {
      fields: { newEmail: "unchanged" },
    });
  }
  if (await authRepo.findUserByEmail(deps.db, input.newEmail)) {
    throw new AppError("email_taken", "An account with this email address exists already.", {
      fields: { newEmail: "email_taken" },
    });
  }
  await sendVerification(deps, full, input.newEmail);
  try {
    await deps.mailer.send(emailChangeNoticeMail(full.email, full.display_name, input.newEmail, full.locale));
  } catch (err) {
    deps.logger.error({ err }, "email change notice could not be sent");
  }
  return input.newEmail;
}

/** My sessions. */
export async function listSessions(deps: AppDeps, user: SessionUser): Promise<Session[]> {
  return repo.listSessions(deps.db, user.id);
}

/** Ends one of my sessions; someone else's session is "not found". */
export async function revokeSession(deps: AppDeps, user: SessionUser, sessionId: string): Promise<void> {
  if (!(await repo.deleteOwnSession(deps.db, user.id, sessionId))) {
    throw new AppError("not_found", "There is no such session.");
  }
}

/** Ends every session but the current one; returns how many ended. */
export function signOutOthers(deps: AppDeps, user: SessionUser, session: Session): Promise<number> {
  return invalidateUserSessions(deps.db, user.id, session.id);
}

/** Deletes my account and everything that is only mine (DSGVO Art. 17), after a password check. */
export async function deleteAccount(deps: AppDeps, user: SessionUser, password: string): Promise<void> {
  await confirmPassword(deps, user.id, password, "password");
  await deps.db.transaction().execute(async (tx) => {
    // An organisation never loses its last owner: others must be handed ownership first; an
    // organisation with nobody else in it goes with its only member.
    await repo.lockOwnedOrganisations(tx, user.id);
    for (const org of await repo.soleOwnerships(tx, user.id)) {
      if (org.members > 1) {
        throw new AppError(
          "last_owner",
          "Hand over ownership of your organisations before you delete your account.",
        );
      }
      // a solo organisation that coordinates partners would take their whole network with it
      if (await repo.coordinatesPartners(tx, org.id)) {
        throw new AppError(
          "last_owner",
          "Your organisation coordinates a network with partners: hand it over before you delete your account.",
        );
      }
      await repo.deleteOrganisation(tx, org.id);
    }
    await authRepo.deleteUser(tx, user.id);
  });
}
