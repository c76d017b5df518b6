import { ApiProperty, ApiPropertyOptional, IntersectionType } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { ArrayMaxSize, ArrayNotEmpty, IsArray, IsIn, IsOptional, IsUUID, ValidateIf } from 'class-validator';
import { UNION_KEY } from '../../branches/dto/reference.dto';
import { PageQueryDto } from '../../common/dto/page-query.dto';
import { FormBody, TrimmedOrUndefined } from '../../common/dto/transforms';
import { ErrorResponseDto } from '../../common/openapi/error-response.dto';
import { PageOf } from '../../common/openapi/page.dto';
import { ARREARS_BUCKET_KEYS, ARREARS_SORTS, DEFAULT_ARREARS_SORT, REMINDER_INTERVAL_DAYS, type ArrearsBucket, type ArrearsSort } from '../arrears';
import type { ArrearsBucketSummary, ArrearsItem, ArrearsPage } from '../arrears.service';
import { REMINDER_KINDS, type ReminderKind } from '../invoice-reminder.entity';
import type { SentReminder } from '../invoice-reminders.service';
import { REFERENCE_PATTERN } from '../payment-reference';

const BUCKET = { enum: ARREARS_BUCKET_KEYS, enumName: 'ArrearsBucket' };

/** Which arrears, in which order: the list's filter, also the export's. */
export class ArrearsFilterDto {
  @ApiPropertyOptional({ ...BUCKET, description: 'Only invoices this many days past due: 1-30, 31-60, 61-90 or over-90' })
  @TrimmedOrUndefined()
  @IsOptional()
  @IsIn(ARREARS_BUCKET_KEYS, { message: `bucket must be one of ${ARREARS_BUCKET_KEYS.join(', ')}` })
  bucket?: ArrearsBucket;

  @ApiPropertyOptional({
    enum: ARREARS_SORTS,
    enumName: 'ArrearsSort',
    default: DEFAULT_ARREARS_SORT,
    description: 'The order; `-` first for descending. `-daysOverdue` (the default) puts the longest overdue first; `lastReminder` those never reminded first',
  })
  @TrimmedOrUndefined()
  @IsOptional()
  @IsIn(ARREARS_SORTS, { message: `sort must be one of ${ARREARS_SORTS.join(', ')}` })
  sort?: ArrearsSort;
}

export class ArrearsQueryDto extends IntersectionType(PageQueryDto, ArrearsFilterDto) {}

/** An invoice unpaid past its due date. */
export class ArrearsItemDto {
  @ApiProperty({ format: 'uuid' })
  invoiceId!: string;

  @ApiProperty({ pattern: REFERENCE_PATTERN, example: 'PSOOL-2026-0042-K' })
  reference!: string;

  @ApiProperty({ format: 'uuid' })
  branchId!: string;

  @ApiProperty({ example: 'Bristol Central', description: 'The branch’s name as registered' })
  branchName!: string;

  @ApiProperty({ example: 'Unite Bristol Central', description: 'The branch’s public name' })
  publicName!: string;

  @ApiProperty({ ...UNION_KEY, example: 'unite' })
  union!: string;

  @ApiProperty({ example: 'Unite the Union', description: 'The union’s name (for `other`, the name the branch gave)' })
  unionName!: string;

  @ApiProperty({ type: 'integer', example: 2026 })
  affiliationYear!: number;

  @ApiProperty({ type: 'integer', minimum: 0, example: 2500, description: 'The invoice’s amount, integer pence' })
  amountPence!: number;

  @ApiProperty({ type: 'integer', minimum: 1, example: 2500, description: 'Still to pay after payments and the branch’s credit, integer pence' })
  outstandingPence!: number;

  @ApiProperty({ type: String, format: 'date', example: '2026-03-14' })
  dueOn!: string;

  @ApiProperty({ type: 'integer', minimum: 1, example: 45, description: 'Days since the due date (UK calendar days)' })
  daysOverdue!: number;

  @ApiProperty({ ...BUCKET, example: '31-60' })
  bucket!: ArrearsBucket;

  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: 'When the last reminder was sent (by an admin or the time rules); null: never' })
  lastReminderAt!: Date | null;

  @ApiProperty({
    type: String,
    format: 'date-time',
    nullable: true,
    description: `When another reminder may be sent (one every ${REMINDER_INTERVAL_DAYS} days); null: now`,
  })
  nextReminderFrom!: Date | null;

  static from(i: ArrearsItem): ArrearsItemDto {
    return {
      invoiceId: i.invoiceId,
      reference: i.reference,
      branchId: i.branchId,
      branchName: i.branchName,
      publicName: i.publicName,
      union: i.union,
      unionName: i.unionName,
      affiliationYear: i.affiliationYear,
      amountPence: i.amountPence,
      outstandingPence: i.outstandingPence,
      dueOn: i.dueOn,
      daysOverdue: i.daysOverdue,
      bucket: i.bucket,
      lastReminderAt: i.lastReminderAt,
      nextReminderFrom: i.nextReminderFrom,
    };
  }
}

/** How many invoices are in one bucket and what they owe. */
export class ArrearsBucketDto {
  @ApiProperty({ ...BUCKET, example: '1-30' })
  bucket!: ArrearsBucket;

  @ApiProperty({ example: '1 to 30 days' })
  label!: string;

  @ApiProperty({ type: 'integer', minimum: 0, example: 3 })
  count!: number;

  @ApiProperty({ type: 'integer', minimum: 0, example: 7500, description: 'Integer pence' })
  outstandingPence!: number;

  static from(b: ArrearsBucketSummary): ArrearsBucketDto {
    return { bucket: b.bucket, label: b.label, count: b.count, outstandingPence: b.outstandingPence };
  }
}

/** One page of the arrears list, with every bucket's count and total whatever the filter. */
export class ArrearsPageDto extends PageOf(ArrearsItemDto) {
  @ApiProperty({ type: [ArrearsBucketDto], description: 'Every bucket, in order of days overdue, zero ones included' })
  buckets!: ArrearsBucketDto[];

  static from(p: ArrearsPage): ArrearsPageDto {
    return { items: p.items.map((i) => ArrearsItemDto.from(i)), total: p.total, page: p.page, pageSize: p.pageSize, buckets: p.buckets.map((b) => ArrearsBucketDto.from(b)) };
  }
}

/** A reminder queued for the branch's secretary. */
export class InvoiceReminderDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ format: 'uuid' })
  invoiceId!: string;

  @ApiProperty({ pattern: REFERENCE_PATTERN, example: 'PSOOL-2026-0042-K' })
  reference!: string;

  @ApiProperty({ enum: REMINDER_KINDS, enumName: 'ReminderKind', example: 'manual', description: 'manual: an admin sent it; automatic: the time rules did (FEES_AUTO_REMINDER)' })
  kind!: ReminderKind;

  @ApiProperty({ type: String, format: 'date-time' })
  remindedAt!: Date;

  @ApiProperty({ type: String, format: 'date-time', description: `The earliest another reminder may go (${REMINDER_INTERVAL_DAYS} days later)` })
  nextReminderFrom!: Date;

  static from(r: SentReminder): InvoiceReminderDto {
    return { id: r.id, invoiceId: r.invoiceId, reference: r.reference, kind: r.kind, remindedAt: r.remindedAt, nextReminderFrom: r.nextReminderFrom };
  }
}

/** The 409 of a reminder asked for too soon, or for an invoice that cannot have one. */
export class ReminderRefusedDto extends ErrorResponseDto {
  @ApiPropertyOptional({ type: String, format: 'date-time', description: 'When the invoice was last reminded about (only when that is why)' })
  lastReminderAt?: string;

  @ApiPropertyOptional({ type: String, format: 'date-time', description: 'The earliest another reminder may go (only with `lastReminderAt`)' })
  nextReminderFrom?: string;
}

/** The most invoices one batch of reminders takes: a page of the list, twice over. */
export const MAX_REMINDERS_AT_ONCE = 100;

/** A form's repeated field (`ids=a&ids=b`, or one value, or none) as a list; `a,b` in a query string too. */
const ListOf = (separator?: string) =>
  Transform(({ value }: { value: unknown }) => {
    const list = value === undefined || value === '' ? [] : Array.isArray(value) ? value : [value];
    return separator ? list.flatMap((v) => (typeof v === 'string' ? v.split(separator).filter(Boolean) : [v])) : list;
  });

/** The arrears page: the list's query, and which invoices the reminders just sent were for (to say what happened). */
export class ArrearsPageQueryDto extends ArrearsQueryDto {
  @ListOf(',')
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(MAX_REMINDERS_AT_ONCE)
  @IsUUID('all', { each: true, message: 'sent must list invoice ids' })
  sent?: string[];

  @ListOf(',')
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(MAX_REMINDERS_AT_ONCE)
  @IsUUID('all', { each: true, message: 'refused must list invoice ids' })
  refused?: string[];
}

/**
 * The arrears page's one form: a row's own button sends `one`; the button
 * under the table sends the ticked `ids`. The list's filter, order and page
 * come back with it, to return to the same view.
 */
export class RemindersFormDto extends IntersectionType(FormBody, ArrearsQueryDto) {
  @ListOf()
  @ValidateIf((o: RemindersFormDto) => o.one === undefined)
  @ArrayNotEmpty({ message: 'Select at least one invoice to send a reminder about' })
  @IsArray({ message: 'Select at least one invoice to send a reminder about' })
  @ArrayMaxSize(MAX_REMINDERS_AT_ONCE, { message: `Select at most ${MAX_REMINDERS_AT_ONCE} invoices at a time` })
  @IsUUID('all', { each: true, message: 'Select invoices from the list' })
  ids!: string[];

  @TrimmedOrUndefined()
  @IsOptional()
  @IsUUID('all', { message: 'Choose an invoice from the list' })
  one?: string;
}
