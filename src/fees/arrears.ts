/**
 * The arrears buckets, described once: how many days past its due date an
 * unpaid invoice is. Each bucket's SQL range, its label on the page, the API
 * enum and the CSV column come from this table.
 */
export const ARREARS_BUCKETS = [
  { key: '1-30', label: '1 to 30 days', minDays: 1, maxDays: 30 },
  { key: '31-60', label: '31 to 60 days', minDays: 31, maxDays: 60 },
  { key: '61-90', label: '61 to 90 days', minDays: 61, maxDays: 90 },
  { key: 'over-90', label: 'Over 90 days', minDays: 91, maxDays: null },
] as const satisfies readonly { key: string; label: string; minDays: number; maxDays: number | null }[];

export type ArrearsBucket = (typeof ARREARS_BUCKETS)[number]['key'];
export const ARREARS_BUCKET_KEYS = ARREARS_BUCKETS.map((b) => b.key) as ArrearsBucket[];

export const bucketLabel = (key: ArrearsBucket): string => ARREARS_BUCKETS.find((b) => b.key === key)!.label;

/** The only orders the arrears list offers; `-` first for descending. Each maps to one expression in ArrearsRepository. */
export const ARREARS_SORTS = [
  '-daysOverdue',
  'daysOverdue',
  '-outstanding',
  'outstanding',
  'branch',
  '-branch',
  'union',
  '-union',
  'reference',
  '-reference',
  'lastReminder',
  '-lastReminder',
] as const;
export type ArrearsSort = (typeof ARREARS_SORTS)[number];
export const DEFAULT_ARREARS_SORT: ArrearsSort = '-daysOverdue';

/** The columns a person can sort by, as `sort` names them without the sign. */
export type ArrearsSortColumn = 'daysOverdue' | 'outstanding' | 'branch' | 'union' | 'reference' | 'lastReminder';

/** An invoice gets at most one reminder in this many days, however it is sent. */
export const REMINDER_INTERVAL_DAYS = 7;
