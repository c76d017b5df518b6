import { BadInputError } from '../common/errors/domain-error';
import { assertNoNul } from '../common/http/input-guard';

/** The part of a multer file the import reads (memory storage). */
export interface UploadedCsv {
  buffer: Buffer;
  size: number;
}

/** The upload limit for a bank statement sent as multipart. */
export const STATEMENT_UPLOAD_LIMITS = { fileSize: 2_000_000, files: 1, fields: 10, fieldSize: 200_000, parts: 12 };

/**
 * The statement's text, from the upload or the `csv` field. UTF-8 as most
 * banks export it; a file that is not valid UTF-8 is read as Windows-1252,
 * which older exports (with "£") use.
 */
export function statementText(file: UploadedCsv | undefined, csv: string | undefined): string {
  if (file) {
    const text = decode(file.buffer);
    // Multipart is parsed after the input guard has run, so the file gets the same rule here.
    assertNoNul(text, 'file', 'The file');
    return text;
  }
  if (typeof csv === 'string' && csv.trim() !== '') {
    assertNoNul(csv, 'csv', 'The statement');
    return csv;
  }
  throw new BadInputError({ csv: ['Choose the CSV file exported from the bank, or paste its contents'] });
}

function decode(buffer: Buffer): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(buffer);
  } catch {
    return new TextDecoder('windows-1252').decode(buffer);
  }
}
