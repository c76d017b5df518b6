import { ApiProperty } from '@nestjs/swagger';
import type { SchemaObject } from '@nestjs/swagger';
import { REFERENCE_PATTERN } from '../payment-reference';
import { MAX_STATEMENT_LINES } from '../statement-csv';
import { STATEMENT_ROW_STATUSES, type StatementImportResult, type StatementPreview, type StatementRowStatus } from '../statement-import.service';

/** One line of the bank's file, matched to an invoice by its reference (check character included) or not. */
export class StatementLineDto {
  @ApiProperty({ type: 'integer', minimum: 2, example: 2, description: 'The line in the file (1 names the columns): what to send back in `lines`' })
  line!: number;

  @ApiProperty({ type: String, format: 'date', example: '2026-03-14' })
  date!: string;

  @ApiProperty({ example: 'BGC PSOOL-2026-0042-K UNISON' })
  description!: string;

  @ApiProperty({ type: 'integer', example: 2500, description: 'Integer pence: positive for money in, negative for money out' })
  amountPence!: number;

  @ApiProperty({ type: String, nullable: true, example: 'TX-1', description: 'The bank’s id for the transaction, when the file has one' })
  transactionId!: string | null;

  @ApiProperty({ type: String, nullable: true, pattern: REFERENCE_PATTERN, example: 'PSOOL-2026-0042-K', description: 'The invoice’s reference found in the description, when it names an invoice' })
  reference!: string | null;

  @ApiProperty({ type: String, format: 'uuid', nullable: true })
  invoiceId!: string | null;

  @ApiProperty({ type: String, format: 'uuid', nullable: true })
  branchId!: string | null;

  @ApiProperty({ type: String, nullable: true, example: 'Unite Bristol Central' })
  publicName!: string | null;

  @ApiProperty({ example: 'TX-1', description: 'The bank reference the payment would be stored with: the transaction id, else the description' })
  bankReference!: string;

  @ApiProperty({
    enum: STATEMENT_ROW_STATUSES,
    enumName: 'StatementLineStatus',
    example: 'matched',
    description: 'matched (can be recorded), unmatched (no invoice has the reference), already_recorded, or not_a_payment (money out)',
  })
  status!: StatementRowStatus;

  @ApiProperty({ example: 'Matched' })
  statusLabel!: string;
}

/** How many lines have each status. */
export class StatementCountsDto {
  @ApiProperty({ type: 'integer', minimum: 0, example: 1 })
  matched!: number;

  @ApiProperty({ type: 'integer', minimum: 0, example: 0 })
  unmatched!: number;

  @ApiProperty({ type: 'integer', minimum: 0, example: 0 })
  already_recorded!: number;

  @ApiProperty({ type: 'integer', minimum: 0, example: 0 })
  not_a_payment!: number;
}

/** What a bank statement would record: nothing is stored by a preview. */
export class StatementPreviewResultDto {
  @ApiProperty({ type: [StatementLineDto], description: `Every line of the file, in order (at most ${MAX_STATEMENT_LINES})` })
  rows!: StatementLineDto[];

  @ApiProperty({ type: StatementCountsDto })
  counts!: StatementCountsDto;

  static from(p: StatementPreview): StatementPreviewResultDto {
    return { rows: p.rows.map((r) => ({ ...r })), counts: { ...p.counts } };
  }
}

export class StatementImportResultDto {
  @ApiProperty({ type: 'integer', minimum: 0, example: 1, description: 'Lines that became payments' })
  recorded!: number;

  @ApiProperty({ type: 'integer', minimum: 0, example: 0, description: 'Lines chosen but not recorded: already in the ledger, unmatched, or dated in the future' })
  skipped!: number;

  static from(r: StatementImportResult): StatementImportResultDto {
    return { recorded: r.recorded, skipped: r.skipped };
  }
}

/** The bank's file as a multipart upload (the `csv` text field does as well). */
const FILE_FIELD: SchemaObject = { type: 'string', format: 'binary', description: 'The CSV file exported from the bank (at most 2 MB; UTF-8, or Windows-1252 as older exports are)' };

export const STATEMENT_PREVIEW_UPLOAD: SchemaObject = {
  type: 'object',
  required: ['file'],
  properties: { file: FILE_FIELD },
};

export const STATEMENT_IMPORT_UPLOAD: SchemaObject = {
  type: 'object',
  required: ['file', 'lines'],
  properties: {
    file: FILE_FIELD,
    lines: { type: 'array', items: { type: 'integer', minimum: 2 }, description: 'The line numbers to record, one field per line (lines=2&lines=4)' },
  },
};
