import type { Context } from "hono";
import { deleteCookie, getCookie, setCookie } from "hono/cookie";

/** Cookie name: `__Host-` prefixed (and Secure) when served over https. */
export function sessionCookieName(secure: boolean): string {
  return secure ? "__Host-ensemble_session" : "ensemble_session";
}

/** Reads the session token from the request's cookie. */
export function readSessionCookie(c: Context, secure: boolean): string | undefined {
  return getCookie(c, sessionCookieName(secure));
}

/** Writes the session cookie: HttpOnly, SameSite=Lax, Path=/, Secure over https. */
export function writeSessionCookie(c: Context, secure: boolean, token: string, expires: Date): void {
  setCookie(c, sessionCookieName(secure), token, {
    httpOnly: true,
    sameSite: "Lax",
    path: "/",
    secure,
    expires,
  });
}

/** Removes the session cookie. */
export function clearSessionCookie(c: Context, secure: boolean): void {
  deleteCookie(c, sessionCookieName(secure), { path: "/", secure, httpOnly: true, sameSite: "Lax" });
}
