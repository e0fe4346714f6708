import { RateLimiterMemory, RateLimiterRes } from "rate-limiter-flexible";
import type { RateLimits } from "../../lib/rate-limit.ts";

/** Mention mails one person's comments may cause per hour; beyond it comments are saved unmailed. */
export const MENTION_MAILS_PER_HOUR = 30;

// One budget per app, like its RateLimits (tests build several apps in one process).
const budgets = new WeakMap<RateLimits, RateLimiterMemory>();

/**
 * Spends one of the author's hourly mention mails; answers false when they are spent. Built on
 * rate-limiter-flexible like `RateLimits`, but kept in this process: the shared limits live in
 * lib/rate-limit.ts, which this feature does not own (see the feature's report). Unlike the other
 * budgets it never refuses the request: a spent budget only silences the mails.
 */
export async function takeMentionMail(limits: RateLimits, authorId: string): Promise<boolean> {
  let budget = budgets.get(limits);
  if (!budget) {
    budget = new RateLimiterMemory({
      keyPrefix: "mention-mail",
      points: MENTION_MAILS_PER_HOUR,
      duration: 3600,
    });
    budgets.set(limits, budget);
  }
  try {
    await budget.consume(authorId);
    return true;
  } catch (err) {
    if (err instanceof RateLimiterRes) {
      return false;
    }
    throw err;
  }
}
