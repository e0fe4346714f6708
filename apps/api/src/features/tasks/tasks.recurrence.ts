import { createRequire } from "node:module";
import { AppError } from "@ensemble/contracts/errors";
import type { Options } from "rrule";

// rrule ships CommonJS for Node (its ES build is for bundlers): load it as such, typed by its declarations
const require = createRequire(import.meta.url);
const { RRule, Frequency } = require("rrule") as typeof import("rrule");

/**
 * Repeating tasks: an RFC 5545 RRULE (without DTSTART) whose dates are calendar days. When a
 * repeating task is done, its next occurrence is the first date of the rule after the task's due
 * date (or start date, or the day it was done), with the rule started on that same day.
 *
 * rrule walks the calendar one period at a time and stops only at a matching date past UNTIL or
 * at the year 9999, so a rule that never matches (`FREQ=DAILY;BYMONTH=2;BYMONTHDAY=30`) costs
 * seconds of CPU per request, UNTIL or not. Every computation here is therefore bounded by a
 * number of periods that depends on the frequency (about 5 years of days, 11 of weeks, 33 of
 * months, 200 of years: tens of milliseconds at worst); a rule whose next date lies beyond it
 * counts as one that does not repeat.
 */

/** The last day a task date may have (as the contract's CalendarDay). */
const LAST_DAY = "2199-12-31";

/** How many periods rrule may walk per computation, per frequency. */
const PERIOD_BUDGET: Record<number, number> = {
  [Frequency.DAILY]: 2000,
  [Frequency.WEEKLY]: 600,
  [Frequency.MONTHLY]: 400,
  [Frequency.YEARLY]: 200,
};

class BudgetSpent extends Error {}

/**
 * The rule's parsed options, counting how often rrule's loop reads `interval` (twice per period:
 * there is no other hook into its loop) and stopping it once the budget is spent.
 */
function budgeted<T extends object>(options: T, periods: number): T {
  let reads = 0;
  return new Proxy(options, {
    get(target, key, receiver) {
      if (key === "interval" && ++reads > periods * 2 + 4) {
        throw new BudgetSpent();
      }
      return Reflect.get(target, key, receiver);
    },
  });
}

function invalid(code: "invalid_recurrence" | "no_occurrences"): AppError {
  return new AppError(
    "validation_failed",
    code === "invalid_recurrence"
      ? "The repeat rule is not one the app can use."
      : "The repeat rule has no further date.",
    { fields: { recurrence: code } },
  );
}

/** A day `YYYY-MM-DD` as the UTC midnight rrule works with ("floating" dates). */
function dayToDate(day: string): Date {
  const [y, m, d] = day.split("-").map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d));
}

function dateToDay(date: Date): string {
  return date.toISOString().slice(0, 10);
}

/** The day `days` after `day` (negative: before). */
export function addDays(day: string, days: number): string {
  const date = dayToDate(day);
  date.setUTCDate(date.getUTCDate() + days);
  return dateToDay(date);
}

/** Whole days from `a` to `b`. */
export function daysBetween(a: string, b: string): number {
  return Math.round((dayToDate(b).getTime() - dayToDate(a).getTime()) / 86_400_000);
}

/** Parses a rule's text into rrule options, or throws 422 `invalid_recurrence`. */
function parse(text: string): Partial<Options> {
  const body = text.trim().replace(/^RRULE:/i, "");
  if (/[\r\n]/.test(body) || /(^|;)\s*(DTSTART|TZID|COUNT|BYHOUR|BYMINUTE|BYSECOND)\s*=/i.test(body)) {
    throw invalid("invalid_recurrence");
  }
  let options: Partial<Options>;
  try {
    options = RRule.parseString(body);
  } catch {
    throw invalid("invalid_recurrence");
  }
  if (
    options.freq === undefined ||
    !(options.freq in PERIOD_BUDGET) ||
    options.dtstart ||
    options.tzid ||
    options.count !== undefined ||
    (options.interval !== undefined && (options.interval < 1 || options.interval > 1000))
  ) {
    throw invalid("invalid_recurrence");
  }
  return options;
}

/** The rule started on `anchor`, ending at its UNTIL or the last day a task may have. */
function ruleFrom(options: Partial<Options>, anchor: string) {
  const last = dayToDate(LAST_DAY);
  const until = options.until && options.until < last ? options.until : last;
  try {
    const rule = new RRule({ ...options, dtstart: dayToDate(anchor), until });
    rule.options = budgeted(rule.options, PERIOD_BUDGET[options.freq as number] ?? 1);
    return rule;
  } catch {
    throw invalid("invalid_recurrence");
  }
}

/** Up to `n` dates of the rule after `anchor` (the rule started on `anchor`), within the budget. */
function datesAfter(options: Partial<Options>, anchor: string, n: number): string[] {
  const rule = ruleFrom(options, anchor);
  const found: string[] = [];
  try {
    rule.all((date) => {
      const day = dateToDay(date);
      if (day > anchor) {
        found.push(day);
      }
      return found.length < n;
    });
  } catch (err) {
    if (!(err instanceof BudgetSpent)) {
      throw invalid("invalid_recurrence");
    }
  }
  return found;
}

/**
 * Checks a rule as given by a client and answers it in its canonical form (e.g.
 * `FREQ=MONTHLY;INTERVAL=3`), or throws 422: `invalid_recurrence` for what cannot be used,
 * `no_occurrences` when it has no date after `anchor` (an UNTIL in the past, a 30 February).
 */
export function normalizeRecurrence(text: string, anchor: string): string {
  const options = parse(text);
  if (datesAfter(options, anchor, 1).length === 0) {
    throw invalid("no_occurrences");
  }
  return RRule.optionsToString(options).replace(/^RRULE:/, "");
}

/** The next date of a stored rule after `anchor` (null: none within the horizon, or an unusable rule). */
export function nextOccurrence(rule: string, anchor: string): string | null {
  return upcomingOccurrences(rule, anchor, 1)[0] ?? null;
}

/** Up to `n` next dates of a stored rule after `anchor` (none for an unusable rule). */
export function upcomingOccurrences(rule: string, anchor: string, n: number): string[] {
  try {
    return datesAfter(parse(rule), anchor, n);
  } catch {
    return [];
  }
}

/** The day a task's repetition counts from: its due date, else its start date, else `today`. */
export function anchorOf(
  task: { due_date: string | null; start_date: string | null },
  today: string,
): string {
  return task.due_date ?? task.start_date ?? today;
}

/**
 * The dates of the next occurrence of a task: the anchor moves to the rule's next date and the
 * other date keeps its distance to it (a task without dates gets the next date as its due date).
 * Null when the rule has no next date.
 */
export function nextDates(
  rule: string,
  task: { due_date: string | null; start_date: string | null },
  today: string,
): { start_date: string | null; due_date: string | null } | null {
  const anchor = anchorOf(task, today);
  const next = nextOccurrence(rule, anchor);
  if (!next) {
    return null;
  }
  if (!task.due_date && !task.start_date) {
    return { start_date: null, due_date: next };
  }
  const shift = daysBetween(anchor, next);
  const start = task.start_date ? addDays(task.start_date, shift) : null;
  const due = task.due_date ? addDays(task.due_date, shift) : null;
  if ((start && start < "1900-01-01") || (due && due > LAST_DAY) || (start && start > LAST_DAY)) {
    return null;
  }
  return { start_date: start, due_date: due };
}
