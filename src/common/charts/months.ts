import type { ChartDatum } from './chart-figure';

/** A calendar month, "YYYY-MM". */
export type Month = string;

/** The `count` months up to and including the month of `today` ("YYYY-MM-DD"), oldest first. */
export function monthsEndingAt(today: string, count: number): Month[] {
  const year = Number(today.slice(0, 4));
  const month = Number(today.slice(5, 7)) - 1;
  return Array.from({ length: count }, (_, i) => {
    const d = new Date(Date.UTC(year, month - (count - 1 - i), 1));
    return d.toISOString().slice(0, 7);
  });
}

/** The first day of `month` and of the month after it ("YYYY-MM-DD"): the bounds of a query over `months`. */
export function monthBounds(months: readonly Month[]): { fromDay: string; toDay: string } {
  const last = months[months.length - 1]!;
  const after = new Date(Date.UTC(Number(last.slice(0, 4)), Number(last.slice(5, 7)), 1));
  return { fromDay: `${months[0]!}-01`, toDay: after.toISOString().slice(0, 10) };
}

const LABEL = new Intl.DateTimeFormat('en-GB', { month: 'short', year: 'numeric', timeZone: 'UTC' });

/** "2025-05" → "May 2025". */
export function monthLabel(month: Month): string {
  return LABEL.format(new Date(`${month}-01T00:00:00Z`)).replace('Sept', 'Sep');
}

/** One datum per month, in order, zero where `values` has none. */
export function monthlySeries(months: readonly Month[], values: ReadonlyMap<Month, number>): ChartDatum[] {
  return months.map((m) => ({ label: monthLabel(m), value: values.get(m) ?? 0 }));
}
