import type { SessionInfo } from "@ensemble/contracts/account";
import type { Session } from "@ensemble/db/schema";
import Bowser from "bowser";

/** "Firefox on Linux" from a user agent, or a neutral word when there is none. */
export function describeDevice(userAgent: string | null): string {
  if (!userAgent) {
    return "Unknown device";
  }
  const parsed = Bowser.parse(userAgent);
  const browser = parsed.browser.name;
  const os = parsed.os.name;
  if (browser && os) {
    return `${browser} on ${os}`;
  }
  return browser ?? os ?? userAgent.slice(0, 60);
}

/** One session for the "where am I signed in" list. */
export function presentSession(session: Session, currentId: string | undefined): SessionInfo {
  return {
    id: session.id,
    device: describeDevice(session.user_agent),
    ip: session.ip,
    createdAt: session.created_at.toISOString(),
    lastUsedAt: session.last_verified_at.toISOString(),
    current: session.id === currentId,
  };
}
