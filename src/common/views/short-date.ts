const SHORT = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'Europe/London' });
const HOUR_MS = 3_600_000;
/** Days written so far, by UTC hour; cleared when full. */
const written = new Map<number, string>();

/**
 * "7 Dec 2026", as a table of many columns shows a day (the pages' `date` helper writes the month in full).
 * Formatting by time zone (Intl) costs microseconds, more than the rest of a table row, and a table repeats
 * its days, so each hour is formatted once: the UK's offset from UTC is whole hours, so all of one UTC hour
 * falls on one UK day.
 */
export function shortDate(value: Date | string | null | undefined): string {
  if (!value) return '';
  const d = value instanceof Date ? value : new Date(value);
  const time = d.getTime();
  if (Number.isNaN(time)) return '';
  const hour = Math.floor(time / HOUR_MS);
  let text = written.get(hour);
  if (text === undefined) {
    if (written.size >= 4096) written.clear();
    text = SHORT.format(d);
    written.set(hour, text);
  }
  return text;
}
