import { deleteExpiredSessions } from "@ensemble/auth/sessions";
import type { AppDeps } from "../../deps.ts";
import { purgeEmailTokens, purgeThrottle } from "./auth.repo.ts";

const DAY = 86_400_000;

/** Removes expired sessions and mail tokens, and sign-in counters idle for a day (DSGVO: keep no more than needed). */
export async function purgeExpiredAuthData(deps: AppDeps): Promise<void> {
  const now = deps.now();
  await deleteExpiredSessions(deps.db, deps.sessionPolicy, now);
  await purgeEmailTokens(deps.db, now);
  await purgeThrottle(deps.db, new Date(now.getTime() - DAY));
}

/** Runs the purge now and then hourly; returns a function that stops it. */
export function schedulePurge(deps: AppDeps): () => void {
  const run = () =>
    purgeExpiredAuthData(deps).catch((err: unknown) =>
      deps.logger.error({ err }, "purging expired auth data failed"),
    );
  void run();
  const timer = setInterval(run, 3_600_000);
  timer.unref();
  return () => clearInterval(timer);
}
