import { DocumentKind, PlaceholderSpec, PlaceholderValues, placeholderSpecs } from './document-kinds';
import { PlaceholderValueError } from './documents.errors';
import { cleanLines, cleanText } from './xml-text';

/** What a missing value leaves in the document: a line to write on by hand. */
export const BLANKS: Record<PlaceholderSpec['type'], string> = {
  text: '______________________________',
  multiline: '______________________________',
  date: '____________________',
  money: '£__________',
  amount: '£__________',
};

/** Each placeholder's text, as lines (one, except for a multi-line value). */
export type ResolvedValues = Record<string, string[]>;

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
// Formatters are costly to create (toLocaleDateString makes one per call): make them once.
const CALENDAR_DATE = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
const LONDON_DATE = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'Europe/London' });
const POUNDS = new Intl.NumberFormat('en-GB', { style: 'currency', currency: 'GBP' });

/** Between the day, month and year of a date in a document, so a date never breaks over two lines. */
const NO_BREAK_SPACE = '\u00a0';

/** "2025-03-14" or a Date → "14 March 2025", its spaces non-breaking (the calendar date, whatever the server's zone). */
export function formatDate(value: Date | string, placeholder = 'date'): string {
  return calendarDate(value, placeholder).replace(/ /g, NO_BREAK_SPACE);
}

function calendarDate(value: Date | string, placeholder: string): string {
  let date: Date;
  if (value instanceof Date) {
    date = value;
  } else {
    const m = ISO_DATE.exec(value.trim());
    date = m ? new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]))) : new Date(Number.NaN);
    if (m && date.getUTCDate() !== Number(m[3])) date = new Date(Number.NaN);
    if (Number.isNaN(date.getTime())) throw new PlaceholderValueError(placeholder, `${placeholder} must be a real date written YYYY-MM-DD`);
    return CALENDAR_DATE.format(date);
  }
  if (Number.isNaN(date.getTime())) throw new PlaceholderValueError(placeholder, `${placeholder} must be a valid date`);
  return LONDON_DATE.format(date);
}

/** 2500 → "£25", 1250 → "£12.50", 125000 → "£1,250". */
export function formatPence(pence: number, placeholder = 'amount'): string {
  if (!Number.isSafeInteger(pence) || pence < 0) throw new PlaceholderValueError(placeholder, `${placeholder} must be a whole number of pence, 0 or more`);
  const pounds = POUNDS.format(pence / 100);
  return pounds.replace(/\.00$/, '');
}

/** 2500 → "£25.00", 125050 → "£1,250.50": pounds and pence, as an invoice writes every amount. */
export function formatAmount(pence: number, placeholder = 'amount'): string {
  if (!Number.isSafeInteger(pence) || pence < 0) throw new PlaceholderValueError(placeholder, `${placeholder} must be a whole number of pence, 0 or more`);
  return POUNDS.format(pence / 100);
}

function resolveOne(name: string, spec: PlaceholderSpec, value: unknown): string[] {
  if (value === undefined || value === null || value === '') return [BLANKS[spec.type]];
  let lines: string[];
  switch (spec.type) {
    case 'text':
      if (typeof value !== 'string') throw new PlaceholderValueError(name, `${name} must be text`);
      lines = [cleanText(value)];
      break;
    case 'multiline':
      if (typeof value !== 'string') throw new PlaceholderValueError(name, `${name} must be text`);
      lines = cleanLines(value);
      break;
    case 'date':
      if (!(value instanceof Date) && typeof value !== 'string') throw new PlaceholderValueError(name, `${name} must be a date`);
      lines = [formatDate(value, name)];
      break;
    case 'money':
      if (typeof value !== 'number') throw new PlaceholderValueError(name, `${name} must be a number of pence`);
      lines = [formatPence(value, name)];
      break;
    case 'amount':
      if (typeof value !== 'number') throw new PlaceholderValueError(name, `${name} must be a number of pence`);
      lines = [formatAmount(value, name)];
      break;
  }
  return lines.length === 0 || (lines.length === 1 && lines[0] === '') ? [BLANKS[spec.type]] : lines;
}

/**
 * Turns typed values into the literal text of each placeholder: cleaned of
 * characters XML cannot hold, formatted, with a blank line for anything
 * missing. Names outside the kind's set are refused.
 */
export function resolveValues<K extends DocumentKind>(kind: K, values: PlaceholderValues<K>): ResolvedValues {
  const specs = placeholderSpecs(kind);
  const given = values as Record<string, unknown>;
  for (const name of Object.keys(given)) {
    if (!Object.hasOwn(specs, name)) throw new PlaceholderValueError(name, `${name} is not a placeholder of the ${kind} template`);
  }
  const out: ResolvedValues = {};
  for (const [name, spec] of Object.entries(specs)) out[name] = resolveOne(name, spec, given[name]);
  return out;
}

/**
 * Whether a value was given (rather than left as a line to fill in by hand):
 * what a template's ```if and ```unless blocks ask.
 */
export function isFilled(kind: DocumentKind, resolved: ResolvedValues, name: string): boolean {
  const spec = placeholderSpecs(kind)[name];
  const lines = resolved[name];
  return !!spec && !!lines && !(lines.length === 1 && lines[0] === BLANKS[spec.type]);
}

/** The fee bands as a generic motion lists them, one a line: "Up to 500 members: £25". */
export function feeBandsText(bands: readonly { label: string; amountPence: number }[]): string {
  return bands.map((band) => `${band.label}: ${formatPence(band.amountPence)}`).join('\n');
}

/** The text of one resolved value on one line, e.g. for a file name. */
export function valueText(resolved: ResolvedValues, name: string): string {
  return (resolved[name] ?? []).join(', ');
}
