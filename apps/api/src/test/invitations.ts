import type { TestApp } from "./harness.ts";

/** The token of the last invitation mailed to an address (from the dev outbox). */
export function inviteToken(app: TestApp, email: string): string {
  const mails = app.mails(email).filter((m) => m.text.includes("/invite/"));
  const match = mails[mails.length - 1]?.text.match(/\/invite\/([A-Za-z0-9]+)/);
  if (!match?.[1]) {
    throw new Error(`no invitation mailed to ${email}`);
  }
  return match[1];
}
