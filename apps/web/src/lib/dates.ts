/** The locale dates are written in: British English for "en" (day before month, 24 hours). */
function dateLocale(language: string): string {
  return language === "en" ? "en-GB" : language;
}

/*
 * One style per kind of information, so the same kind reads the same on every page:
 * - moments (audit events, sessions, when an invitation expires): formatDateTime
 * - calendar days (joined, founded, final deletion from the trash): formatDate
 */

/** A date and time in the reader's language, e.g. "23.11.2025, 10:42" or "23 Nov 2025, 10:42". */
export function formatDateTime(iso: string, language: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) {
    return iso;
  }
  return new Intl.DateTimeFormat(dateLocale(language), { dateStyle: "medium", timeStyle: "short" }).format(
    date,
  );
}

/** A calendar date in the reader's language, e.g. "23.11.2025" or "23 Nov 2025". */
export function formatDate(iso: string, language: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) {
    return iso;
  }
  return new Intl.DateTimeFormat(dateLocale(language), { dateStyle: "medium" }).format(date);
}
