import type { SessionInfo } from "@ensemble/contracts/account";
import type { Session } from "@ensemble/db/schema";
import Bowser from "bowser";

/** Browser and operating system from a user agent; the web app words them per language. */
export function describeDevice(userAgent: string | null): { browser: string | null; os: string | null } {
  if (!userAgent) {
    return { browser: null, os: null };
  }
  const parsed = Bowser.parse(userAgent);
  return { browser: parsed.browser.name || null, os: parsed.os.name || null };
}

/** One session for the "where am I signed in" list. */
export function presentSession(session: Session, currentId: string | undefined): SessionInfo {
  return {
    id: session.id,
    ...describeDevice(session.user_agent),
    ip: session.ip,
    createdAt: session.created_at.toISOString(),
    lastUsedAt: session.last_verified_at.toISOString(),
    current: session.id === currentId,
  };
}
