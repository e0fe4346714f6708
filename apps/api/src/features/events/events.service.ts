import { AppError } from "@ensemble/contracts/errors";
import type { StreamTicket } from "@ensemble/events/hub";
import type { AppDeps } from "../../deps.ts";
import type { Caller } from "../../lib/caller.ts";
import { sessionStillOpen } from "./events.repo.ts";

/**
 * Admits a live event stream for the caller, resuming after `lastEventId` (null: from now on).
 * What it delivers is decided per event by the access module's read scopes (see the hub); the
 * session is checked again while the stream is open. Refuses (429) beyond the hub's streams per
 * person, counted per process.
 */
export function openStream(
  deps: AppDeps,
  caller: Caller,
  sessionId: string,
  lastEventId: string | null,
): StreamTicket {
  const ticket = deps.eventHub.admit(caller.user.id, lastEventId, {
    verify: () => sessionStillOpen(deps.db, sessionId, deps.sessionPolicy, deps.now()),
  });
  if (ticket === "too_many") {
    throw new AppError(
      "rate_limited",
      `At most ${deps.eventHub.options.maxPerUser} live connections per person; close another tab or device.`,
      { retryAfter: 30 },
    );
  }
  if (ticket === "closed") {
    throw new AppError("busy", "The server is shutting down; please reconnect in a moment.", {
      retryAfter: 5,
    });
  }
  return ticket;
}
