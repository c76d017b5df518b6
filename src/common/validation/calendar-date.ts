import { Transform } from 'class-transformer';
import { registerDecorator, ValidationArguments, ValidationOptions } from 'class-validator';

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
/** Day, month and year as numbers: 14/3/2026, 14/03/2026, 14.3.2026, 14-3-2026, 14 3 2026. */
const UK_NUMERIC = /^(\d{1,2})\s*[/.\-\s]\s*(\d{1,2})\s*[/.\-\s]\s*(\d{4})$/;
/** Day, month's name and year: 14 March 2026, 14 Mar 2026, 14th March, 2026. */
const UK_WORDS = /^(\d{1,2})(?:st|nd|rd|th)?\s+([a-z]+)\.?,?\s+(\d{4})$/i;

const MONTHS = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];

/** The example every date hint and message gives, in the form people write dates in the UK. */
export const DATE_EXAMPLE = '14/3/2026';

function monthNumber(name: string): number | undefined {
  const lower = name.toLowerCase();
  if (lower.length < 3) return undefined;
  const i = MONTHS.findIndex((m) => m.startsWith(lower));
  return i === -1 ? undefined : i + 1;
}

/** "2026-03-14" when year, month and day make a real date, years 1900 to 2999; otherwise null. */
function isoDate(year: number, month: number, day: number): string | null {
  if (year < 1900 || year > 2999) return null;
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return null;
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/**
 * A date as a person types it, or as the API sends it, as "YYYY-MM-DD"; null
 * when it is not a real date. Accepts ISO (2026-03-14) and the UK's day-first
 * forms: 14/3/2026, 14/03/2026, 14.3.2026, 14 3 2026, 14 March 2026, 14 Mar 2026.
 * Never month-first: 3/14/2026 is refused, not read as 14 March.
 */
export function parseCalendarDate(value: string): string | null {
  const text = value.trim().replace(/\s+/g, ' ');
  const iso = ISO_DATE.exec(text);
  if (iso) return isoDate(Number(iso[1]), Number(iso[2]), Number(iso[3]));
  const numeric = UK_NUMERIC.exec(text);
  if (numeric) return isoDate(Number(numeric[3]), Number(numeric[2]), Number(numeric[1]));
  const words = UK_WORDS.exec(text);
  const month = words ? monthNumber(words[2]!) : undefined;
  if (words && month) return isoDate(Number(words[3]), month, Number(words[1]));
  return null;
}

/** True for a real calendar date written YYYY-MM-DD (no 2025-02-30), years 1900 to 2999. */
export function isCalendarDate(value: unknown): boolean {
  return typeof value === 'string' && ISO_DATE.test(value) && parseCalendarDate(value) === value;
}

/** "2026-03-14" → "14 March 2026", as dates are shown on pages and in messages. */
export function formatUkDate(iso: string): string {
  const m = ISO_DATE.exec(iso);
  if (!m) return iso;
  return `${Number(m[3])} ${MONTHS[Number(m[2]) - 1]!.replace(/^./, (c) => c.toUpperCase())} ${m[1]}`;
}

/**
 * A typed date field: trimmed, empty counts as not given, and any form
 * `parseCalendarDate` reads becomes "YYYY-MM-DD". What it cannot read is left
 * as typed for `@IsCalendarDate` to refuse (and for the form to show again).
 */
export const CalendarDateInput = () =>
  Transform(({ value }: { value: unknown }) => {
    if (typeof value !== 'string') return value;
    const trimmed = value.trim();
    if (trimmed === '') return undefined;
    return parseCalendarDate(trimmed) ?? trimmed;
  });

/**
 * A date: "2026-03-14" once `CalendarDateInput` has read what was typed.
 * `label` names the field in the default message.
 */
export function IsCalendarDate(options: { label?: string } = {}, validationOptions?: ValidationOptions): PropertyDecorator {
  return (object: object, propertyName: string | symbol) => {
    registerDecorator({
      name: 'isCalendarDate',
      target: object.constructor,
      propertyName: String(propertyName),
      options: validationOptions,
      validator: {
        validate: (value: unknown) => isCalendarDate(value),
        defaultMessage: (args?: ValidationArguments) => `${options.label ?? args?.property ?? 'The date'} must be a real date, like ${DATE_EXAMPLE}`,
      },
    });
  };
}
