import type { AppDeps } from "../../deps.ts";
import { purgeTrashedProjects } from "./projects.service.ts";

/** Purges projects trashed more than 30 days ago, now and then hourly; returns the stop function. */
export function scheduleTrashPurge(deps: AppDeps): () => void {
  const run = async () => {
    try {
      const purged = await purgeTrashedProjects(deps);
      if (purged > 0) {
        deps.logger.info({ purged }, "purged projects from the trash");
      }
    } catch (err) {
      deps.logger.error({ err }, "purging the project trash failed");
    }
  };
  void run();
  const timer = setInterval(run, 3_600_000);
  timer.unref();
  return () => clearInterval(timer);
}
