/**
 * Calendar days as the API keeps them: `YYYY-MM-DD` text, never a Date (a Date is a moment, and
 * turns into the day before or after in another time zone). Days compare as text.
 */

/** Today's date where the reader is (or in `timeZone`), as `YYYY-MM-DD`. */
export function todayIn(now: Date = new Date(), timeZone?: string): string {
  // en-CA writes dates as YYYY-MM-DD
  return new Intl.DateTimeFormat("en-CA", {
    timeZone,
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
  }).format(now);
}

function toUtc(day: string): Date {
  const [y, m, d] = day.split("-").map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d));
}

function fromUtc(date: Date): string {
  return date.toISOString().slice(0, 10);
}

/** The day `n` days after `day` (before, for negative `n`). */
export function addDays(day: string, n: number): string {
  const date = toUtc(day);
  date.setUTCDate(date.getUTCDate() + n);
  return fromUtc(date);
}

/** The Sunday that ends the week (Monday to Sunday) `day` is in. */
export function endOfWeek(day: string): string {
  const weekday = toUtc(day).getUTCDay(); // 0 Sunday … 6 Saturday
  return addDays(day, weekday === 0 ? 0 : 7 - weekday);
}

/** A calendar day in the reader's language, e.g. "05.03.2026" or "5 Mar 2026" (no time zone shift). */
export function formatDay(day: string, language: string): string {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day)) {
    return day;
  }
  return new Intl.DateTimeFormat(language === "en" ? "en-GB" : language, {
    dateStyle: "medium",
    timeZone: "UTC",
  }).format(toUtc(day));
}

/** A day with its weekday, e.g. "Do., 05.03.2026" / "Thu, 5 Mar 2026", for the next repeats. */
export function formatDayLong(day: string, language: string): string {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day)) {
    return day;
  }
  return new Intl.DateTimeFormat(language === "en" ? "en-GB" : language, {
    weekday: "short",
    day: "numeric",
    month: "short",
    year: "numeric",
    timeZone: "UTC",
  }).format(toUtc(day));
}

/** The calendar day of an ISO moment or day text (`YYYY-MM-DD…`), for the API's day fields. */
export function dayOf(value: string): string {
  return value.slice(0, 10);
}
