import { pruneEvents } from "@ensemble/events/retention";
import type { AppDeps } from "../../deps.ts";

const HOUR = 3_600_000;

/** Deletes live events older than EVENT_RETENTION_HOURS (see @ensemble/events/retention). */
export async function pruneOldEvents(deps: AppDeps): Promise<number> {
  const cutoff = new Date(deps.now().getTime() - deps.config.eventRetentionHours * HOUR);
  return pruneEvents(deps.db, cutoff);
}

/** Prunes the event log now and then hourly; returns the stop function. */
export function scheduleEventPrune(deps: AppDeps): () => void {
  const run = async () => {
    try {
      const pruned = await pruneOldEvents(deps);
      if (pruned > 0) {
        deps.logger.info({ pruned }, "pruned old live events");
      }
    } catch (err) {
      deps.logger.error({ err }, "pruning live events failed");
    }
  };
  void run();
  const timer = setInterval(run, HOUR);
  timer.unref();
  return () => clearInterval(timer);
}
