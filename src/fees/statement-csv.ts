import { CsvError, parse } from 'csv-parse/sync';
import { isCalendarDate } from '../common/validation';
import { StatementInvalidError } from './fees.errors';
import { parsePounds } from '../common/money';

/** A bank statement line as read from the bank's CSV export. */
export interface StatementLine {
  /** The line in the file (1 is the header). */
  line: number;
  date: string;
  description: string;
  /** Positive for money in; negative for money out. */
  amountPence: number;
  /** The bank's id for the transaction when the export has one. */
  transactionId: string | null;
}

export const MAX_STATEMENT_LINES = 5000;

/**
 * Column headings the common UK bank exports use, lowercased. A file needs a
 * date, a description (or reference), and either one signed amount or a
 * "paid in" column.
 */
const HEADINGS = {
  date: ['date', 'transaction date', 'posting date', 'value date', 'posted date'],
  description: ['description', 'reference', 'narrative', 'details', 'transaction description', 'memo', 'payee', 'transaction details'],
  amount: ['amount', 'value', 'amount (gbp)', 'amount(gbp)', 'transaction amount'],
  paidIn: ['paid in', 'credit', 'credit amount', 'money in', 'paid in (£)', 'credits'],
  paidOut: ['paid out', 'debit', 'debit amount', 'money out', 'paid out (£)', 'debits'],
  transactionId: ['transaction id', 'transaction reference', 'bank reference', 'fitid', 'id', 'transaction number'],
};

function column(headers: string[], names: string[]): number {
  return headers.findIndex((h) => names.includes(h));
}

/** "14/03/2026", "14-03-2026", "14.03.2026" (UK order) or "2026-03-14" → "2026-03-14". */
export function parseStatementDate(value: string): string | null {
  const v = value.trim();
  let iso: string | null = null;
  const uk = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(v);
  if (uk) iso = `${uk[3]}-${uk[2]!.padStart(2, '0')}-${uk[1]!.padStart(2, '0')}`;
  else if (/^\d{4}-\d{2}-\d{2}$/.test(v)) iso = v;
  return iso && isCalendarDate(iso) ? iso : null;
}

/** "25.00", "£1,250.00", "-12.50", "(12.50)", "" (none) → pence; undefined when malformed. */
export function parseStatementAmount(value: string): number | null | undefined {
  let v = value.trim().replace(/\s/g, '');
  if (v === '') return null;
  let sign = 1;
  if (/^\(.*\)$/.test(v)) {
    sign = -1;
    v = v.slice(1, -1);
  }
  if (v.startsWith('-') || v.startsWith('−')) {
    sign = -sign;
    v = v.slice(1);
  } else if (v.startsWith('+')) v = v.slice(1);
  const pence = parsePounds(v);
  return pence === null ? undefined : sign * pence;
}

/**
 * Reads a bank's CSV export. Anything malformed — a broken quote, a row with
 * the wrong number of cells, a date or amount that cannot be read — refuses
 * the whole file, naming the line and the reason; nothing from it is used.
 */
export function parseStatement(text: string): StatementLine[] {
  let records: { record: string[]; info: { lines: number } }[];
  try {
    records = parse(text.replace(/^\uFEFF/, ''), {
      bom: true,
      info: true,
      skip_empty_lines: true,
      relax_column_count: false,
      trim: true,
      max_record_size: 10_000,
    }) as unknown as { record: string[]; info: { lines: number } }[];
  } catch (error) {
    if (error instanceof CsvError) {
      const line = (error as CsvError & { lines?: number }).lines ?? null;
      throw new StatementInvalidError(line, csvReason(error));
    }
    throw error;
  }
  if (records.length === 0) throw new StatementInvalidError(null, 'The file is empty');
  const headerLine = records[0]!.info.lines;
  const headers = records[0]!.record.map((h) => h.trim().toLowerCase());
  const at = {
    date: column(headers, HEADINGS.date),
    description: column(headers, HEADINGS.description),
    amount: column(headers, HEADINGS.amount),
    paidIn: column(headers, HEADINGS.paidIn),
    paidOut: column(headers, HEADINGS.paidOut),
    transactionId: column(headers, HEADINGS.transactionId),
  };
  if (at.date < 0) throw new StatementInvalidError(headerLine, 'The first line must name the columns, and none of them is the date (e.g. "Date")');
  if (at.description < 0) throw new StatementInvalidError(headerLine, 'No column holds the description or reference (e.g. "Description")');
  if (at.amount < 0 && at.paidIn < 0) throw new StatementInvalidError(headerLine, 'No column holds the amount (e.g. "Amount" or "Paid in")');
  if (records.length - 1 > MAX_STATEMENT_LINES) throw new StatementInvalidError(null, `The file has more than ${MAX_STATEMENT_LINES} lines; import it in parts`);

  return records.slice(1).map(({ record, info }) => {
    const line = info.lines;
    const date = parseStatementDate(record[at.date] ?? '');
    if (!date) throw new StatementInvalidError(line, `"${shorten(record[at.date])}" is not a date (expected DD/MM/YYYY or YYYY-MM-DD)`);
    let amountPence: number | null | undefined;
    if (at.amount >= 0) {
      amountPence = parseStatementAmount(record[at.amount] ?? '');
      if (amountPence === undefined || amountPence === null) throw new StatementInvalidError(line, `"${shorten(record[at.amount])}" is not an amount of money`);
    } else {
      const paidIn = parseStatementAmount(record[at.paidIn] ?? '');
      const paidOut = at.paidOut >= 0 ? parseStatementAmount(record[at.paidOut] ?? '') : null;
      if (paidIn === undefined) throw new StatementInvalidError(line, `"${shorten(record[at.paidIn])}" is not an amount of money`);
      if (paidOut === undefined) throw new StatementInvalidError(line, `"${shorten(record[at.paidOut])}" is not an amount of money`);
      if (paidIn === null && paidOut === null) throw new StatementInvalidError(line, 'Neither "paid in" nor "paid out" has an amount');
      amountPence = paidIn !== null ? Math.abs(paidIn) : -Math.abs(paidOut!);
    }
    const transactionId = at.transactionId >= 0 ? (record[at.transactionId] ?? '').trim() || null : null;
    return { line, date, description: (record[at.description] ?? '').trim(), amountPence, transactionId };
  });
}

function csvReason(error: CsvError): string {
  switch (error.code) {
    case 'CSV_RECORD_INCONSISTENT_FIELDS_LENGTH':
      return 'This line has a different number of columns from the first line';
    case 'CSV_QUOTE_NOT_CLOSED':
      return 'A quoted value is never closed';
    case 'CSV_INVALID_CLOSING_QUOTE':
    case 'CSV_NON_TRIMABLE_CHAR_AFTER_CLOSING_QUOTE':
      return 'A quote is followed by other characters';
    case 'CSV_MAX_RECORD_SIZE':
      return 'This line is too long';
    default:
      return 'This line cannot be read as CSV';
  }
}

function shorten(value: string | undefined): string {
  const v = (value ?? '').replace(/[\u0000-\u001f\u007f]/g, ' ');
  return v.length > 40 ? `${v.slice(0, 40)}…` : v;
}
