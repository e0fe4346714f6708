import { z } from "zod";
import { CurrentPassword, DisplayName, Email, Locale, NewPassword } from "./auth.ts";

export const UpdateProfileInput = z
  .strictObject({
    displayName: DisplayName.optional(),
    locale: Locale.nullable().optional(),
  })
  .refine((v) => v.displayName !== undefined || v.locale !== undefined, {
    params: { code: "nothing_to_change" },
  });
export type UpdateProfileInput = z.input<typeof UpdateProfileInput>;

export const ChangePasswordInput = z.strictObject({
  currentPassword: CurrentPassword,
  newPassword: NewPassword,
});
export type ChangePasswordInput = z.input<typeof ChangePasswordInput>;

export const ChangeEmailInput = z.strictObject({
  newEmail: Email,
  password: CurrentPassword,
});
export type ChangeEmailInput = z.input<typeof ChangeEmailInput>;

export const DeleteAccountInput = z.strictObject({
  password: CurrentPassword,
});
export type DeleteAccountInput = z.input<typeof DeleteAccountInput>;

/** One of my signed-in browsers. */
export const SessionInfo = z.object({
  id: z.string(),
  /** Browser and operating system named in the user agent, when it names them. */
  browser: z.string().nullable(),
  os: z.string().nullable(),
  ip: z.string().nullable(),
  createdAt: z.string(),
  lastUsedAt: z.string(),
  current: z.boolean(),
});
export type SessionInfo = z.infer<typeof SessionInfo>;

export const SessionList = z.object({ sessions: z.array(SessionInfo) });
export type SessionList = z.infer<typeof SessionList>;

export const SessionIdParam = z.object({ id: z.string().min(1).max(64) });

/** What a change of email answers: the address now waiting for verification. */
export const PendingEmail = z.object({ pendingEmail: z.string() });
export type PendingEmail = z.infer<typeof PendingEmail>;
