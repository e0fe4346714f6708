import { type SessionPolicy, sessionExpiresAt, validateSessionToken } from "@ensemble/auth/sessions";
import { AppError } from "@ensemble/contracts/errors";
import type { Db } from "@ensemble/db/db";
import type { MiddlewareHandler } from "hono";
import { clearSessionCookie, readSessionCookie, writeSessionCookie } from "../lib/cookies.ts";
import type { AppEnv } from "../types.ts";

/** Loads the session from the cookie (if any); slides the cookie's expiry when the session renews. */
export function loadSession(
  db: Db,
  policy: SessionPolicy,
  secure: boolean,
  now: () => Date,
): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    c.set("session", null);
    c.set("user", null);
    const token = readSessionCookie(c, secure);
    if (token) {
      const before = now();
      const valid = await validateSessionToken(db, token, policy, before);
      if (valid) {
        c.set("session", valid.session);
        c.set("user", valid.user);
        if (valid.session.last_verified_at.getTime() === before.getTime()) {
          writeSessionCookie(c, secure, token, sessionExpiresAt(valid.session, policy));
        }
      } else {
        clearSessionCookie(c, secure);
      }
    }
    await next();
  };
}

/** Refuses requests without a valid session (401). */
export const requireUser: MiddlewareHandler<AppEnv> = async (c, next) => {
  if (!c.get("user")) {
    throw new AppError("unauthenticated", "Please sign in.");
  }
  await next();
};
