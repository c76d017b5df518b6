import { Injectable } from '@nestjs/common';
import { unionName } from '../branches/unions';
import { Clock } from '../common/clock';
import type { Page } from '../common/openapi/page.dto';
import { penceToDecimal } from '../common/money';
import { bucketLabel, DEFAULT_ARREARS_SORT, type ArrearsBucket, type ArrearsSort } from './arrears';
import { ArrearsRepository, type ArrearsRow } from './arrears.repository';
import { toCsv } from './csv-export';
import { nextReminderFrom } from './invoice-reminders.service';

export interface ArrearsItem extends ArrearsRow {
  unionName: string;
  bucketLabel: string;
  /** When the next reminder may be sent; null: now. */
  nextReminderFrom: Date | null;
}

export interface ArrearsBucketSummary {
  bucket: ArrearsBucket;
  label: string;
  count: number;
  outstandingPence: number;
}

export interface ArrearsQuery {
  bucket?: ArrearsBucket;
  sort?: ArrearsSort;
  page?: number;
  pageSize?: number;
}

export interface ArrearsPage extends Page<ArrearsItem> {
  buckets: ArrearsBucketSummary[];
  /** Every bucket together. */
  all: { count: number; outstandingPence: number };
}

export const ARREARS_PAGE_SIZE = 50;

/** The treasurer's arrears list: who owes what past its due date, by how long, and when they were last reminded. */
@Injectable()
export class ArrearsService {
  constructor(
    private readonly arrears: ArrearsRepository,
    private readonly clock: Clock,
  ) {}

  async page(query: ArrearsQuery): Promise<ArrearsPage> {
    const today = this.clock.today();
    const page = query.page ?? 1;
    const pageSize = query.pageSize ?? ARREARS_PAGE_SIZE;
    const { rows, totals } = await this.arrears.page({ today, bucket: query.bucket, sort: query.sort ?? DEFAULT_ARREARS_SORT }, { page, pageSize });
    const buckets = totals.map((t) => ({ bucket: t.bucket, label: bucketLabel(t.bucket), count: t.count, outstandingPence: t.outstandingPence }));
    const all = { count: buckets.reduce((n, b) => n + b.count, 0), outstandingPence: buckets.reduce((n, b) => n + b.outstandingPence, 0) };
    const total = query.bucket ? buckets.find((b) => b.bucket === query.bucket)!.count : all.count;
    const now = this.clock.now().getTime();
    return { items: rows.map((r) => item(r, now)), total, page, pageSize, buckets, all };
  }

  /** The whole list (one bucket, or all), in the order asked, as RFC 4180 CSV with formula cells made inert. */
  async csv(query: Pick<ArrearsQuery, 'bucket' | 'sort'>): Promise<string> {
    const rows = await this.arrears.find({ today: this.clock.today(), bucket: query.bucket, sort: query.sort ?? DEFAULT_ARREARS_SORT });
    return toCsv(
      ['Reference', 'Branch', 'Public name', 'Union', 'Year', 'Outstanding', 'Due on', 'Days overdue', 'Bucket', 'Last reminder'],
      rows.map((r) => [
        r.reference,
        r.branchName,
        r.publicName,
        unionName(r.union, r.unionOther),
        r.affiliationYear,
        penceToDecimal(r.outstandingPence),
        r.dueOn,
        r.daysOverdue,
        bucketLabel(r.bucket),
        r.lastReminderAt ? new Date(r.lastReminderAt).toISOString() : '',
      ]),
    );
  }
}

/**
 * A row as the list shows it. Built field by field (not spread): a page is
 * read from memory on most views (SnapshotCache), so this runs for every
 * row of every view, and a literal of one shape is several times quicker.
 */
function item(r: ArrearsRow, now: number): ArrearsItem {
  const next = r.lastReminderAt ? nextReminderFrom(new Date(r.lastReminderAt)) : null;
  return {
    invoiceId: r.invoiceId,
    reference: r.reference,
    branchId: r.branchId,
    branchName: r.branchName,
    publicName: r.publicName,
    union: r.union,
    unionOther: r.unionOther,
    affiliationYear: r.affiliationYear,
    amountPence: r.amountPence,
    outstandingPence: r.outstandingPence,
    dueOn: r.dueOn,
    daysOverdue: r.daysOverdue,
    bucket: r.bucket,
    lastReminderAt: r.lastReminderAt,
    unionName: unionName(r.union, r.unionOther),
    bucketLabel: bucketLabel(r.bucket),
    nextReminderFrom: next && next.getTime() > now ? next : null,
  };
}
