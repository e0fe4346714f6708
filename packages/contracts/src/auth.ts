import { z } from "zod";
import { codePoints, hasControlCharacters } from "./text.ts";

export const PASSWORD_MIN = 10;
export const PASSWORD_MAX = 256;
export const DISPLAY_NAME_MAX = 80;
export const EMAIL_MAX = 254;

/** An email address as typed; the API stores it trimmed and lower-cased. */
export const Email = z
  .string()
  .trim()
  .max(EMAIL_MAX)
  .pipe(z.email())
  .transform((v) => v.toLowerCase());

/** A new password: 10 to 256 characters, taken exactly as typed (no trimming, no rules). */
export const NewPassword = z.string().superRefine((value, ctx) => {
  const n = codePoints(value);
  if (n < PASSWORD_MIN) {
    ctx.addIssue({ code: "custom", params: { code: "too_short" }, message: "too short" });
  } else if (n > PASSWORD_MAX) {
    ctx.addIssue({ code: "custom", params: { code: "too_long" }, message: "too long" });
  }
});

/** A password given to prove who one is; bounded so nobody hashes megabytes. */
export const CurrentPassword = z.string().min(1).max(1024);

export const DisplayName = z
  .string()
  .trim()
  .min(1)
  .refine((v) => codePoints(v) <= DISPLAY_NAME_MAX, { params: { code: "too_long" } })
  .refine((v) => !hasControlCharacters(v), { params: { code: "invalid_characters" } });

export const Locale = z.enum(["de", "en"]);
export type Locale = z.infer<typeof Locale>;

export const SignUpInput = z.strictObject({
  email: Email,
  displayName: DisplayName,
  password: NewPassword,
  locale: Locale.optional(),
});
export type SignUpInput = z.input<typeof SignUpInput>;

export const SignInInput = z.strictObject({
  email: z
    .string()
    .trim()
    .min(1)
    .max(EMAIL_MAX)
    .transform((v) => v.toLowerCase()),
  password: CurrentPassword,
});
export type SignInInput = z.input<typeof SignInInput>;

export const TokenInput = z.strictObject({
  token: z.string().min(1).max(200),
});
export type TokenInput = z.input<typeof TokenInput>;

export const ForgotPasswordInput = z.strictObject({ email: Email });
export type ForgotPasswordInput = z.input<typeof ForgotPasswordInput>;

export const ResetPasswordInput = z.strictObject({
  token: z.string().min(1).max(200),
  password: NewPassword,
});
export type ResetPasswordInput = z.input<typeof ResetPasswordInput>;

/** The signed-in person as the web app sees them. */
export const Me = z.object({
  id: z.string(),
  email: z.string(),
  emailVerified: z.boolean(),
  displayName: z.string(),
  isInstanceAdmin: z.boolean(),
  locale: Locale.nullable(),
  createdAt: z.string(),
});
export type Me = z.infer<typeof Me>;

export const MeResponse = z.object({ user: Me });
export type MeResponse = z.infer<typeof MeResponse>;

export const OkResponse = z.object({ ok: z.literal(true) });
export type OkResponse = z.infer<typeof OkResponse>;
