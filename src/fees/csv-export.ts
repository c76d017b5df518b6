import { stringify } from 'csv-stringify/sync';
import type { Response } from 'express';
import { attachmentDisposition } from '../documents/content-disposition';

/**
 * A cell a spreadsheet would run as a formula or command starts with one of
 * these (OWASP "CSV injection"); such a cell gets a leading apostrophe, which
 * spreadsheets show as text.
 */
const FORMULA_START = /^[=+\-@\t\r]/;

export function neutraliseCell(value: unknown): string {
  if (value === null || value === undefined) return '';
  const text = value instanceof Date ? value.toISOString() : String(value);
  return FORMULA_START.test(text) ? `'${text}` : text;
}

/**
 * RFC 4180 CSV: CRLF line ends, every cell quoted when it holds a comma,
 * quote or line break (quotes doubled), a header row, and every cell made
 * inert. Numbers are written by the caller as plain text (e.g. "25.00"), so a
 * negative amount is exported as "-25.00" and neutralised like any other
 * cell starting with "-": re-parse with that in mind.
 */
export function toCsv(header: string[], rows: unknown[][]): string {
  return stringify([header, ...rows.map((r) => r.map(neutraliseCell))], { record_delimiter: '\r\n', quoted_match: /[",\r\n]/ });
}

/** Sends an export as a download: RFC 4180 with a header row, never cached, never content-sniffed. */
export function sendCsv(res: Response, filename: string, csv: string): void {
  res.setHeader('Content-Type', 'text/csv; charset=utf-8; header=present');
  res.setHeader('Content-Disposition', attachmentDisposition(filename));
  res.setHeader('Cache-Control', 'no-store');
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.end(csv);
}
