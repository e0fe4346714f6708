import type { APIRequestContext } from "@playwright/test";
import { expect } from "@playwright/test";
import { linkFromMail } from "./outbox.ts";

export const PASSWORD = "Kulturnetz Bochum 2026!";

/** A unique address per call, so specs never collide on a reused database. */
export function uniqueEmail(tag: string): string {
  return `${tag}-${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}@example.org`;
}

/**
 * Signs a new account up through the API (the fixture way in, instead of clicking through the
 * form every time); the request context shares its cookies with the page it belongs to.
 */
export async function signUpViaApi(
  request: APIRequestContext,
  baseURL: string,
  account: { email: string; displayName: string; password?: string },
): Promise<void> {
  const res = await request.post("/api/auth/sign-up", {
    headers: { origin: baseURL },
    data: { email: account.email, displayName: account.displayName, password: account.password ?? PASSWORD },
  });
  expect(res.status()).toBe(201);
}

/** Signs an existing account in through the API. */
export async function signInViaApi(
  request: APIRequestContext,
  baseURL: string,
  email: string,
  password = PASSWORD,
): Promise<void> {
  const res = await request.post("/api/auth/sign-in", {
    headers: { origin: baseURL },
    data: { email, password },
  });
  expect(res.status()).toBe(200);
}

/** Confirms an account's address with the link from its verification mail (the dev outbox). */
export async function confirmEmailViaOutbox(
  request: APIRequestContext,
  baseURL: string,
  email: string,
): Promise<void> {
  const link = await linkFromMail(email, "/verify-email");
  const token = new URL(link).searchParams.get("token");
  const res = await request.post("/api/auth/verify-email", { headers: { origin: baseURL }, data: { token } });
  expect(res.status()).toBe(200);
}
