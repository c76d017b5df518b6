import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { SNAPSHOT_COLUMN, SnapshotCache } from '../database/snapshot-cache';
import { ARREARS_BUCKETS, type ArrearsBucket, type ArrearsSort } from './arrears';

/** One invoice unpaid past its due date, as the arrears list shows it. */
export interface ArrearsRow {
  invoiceId: string;
  reference: string;
  branchId: string;
  branchName: string;
  publicName: string;
  union: string;
  unionOther: string | null;
  affiliationYear: number;
  amountPence: number;
  outstandingPence: number;
  dueOn: string;
  daysOverdue: number;
  bucket: ArrearsBucket;
  lastReminderAt: Date | null;
}

export interface ArrearsFilters {
  today: string;
  bucket?: ArrearsBucket;
  sort: ArrearsSort;
}

export interface ArrearsBucketTotal {
  bucket: ArrearsBucket;
  count: number;
  outstandingPence: number;
}

/** One page of the list and every bucket's totals, from one reading of the books. */
export interface ArrearsPageRows {
  rows: ArrearsRow[];
  totals: ArrearsBucketTotal[];
}

/**
 * ORDER BY for each sort, over the listed invoices (`a`: arrears' columns, and
 * `branch_name`, `union_key`, `last_reminder_at` where a sort needs them).
 * Only these fixed strings reach SQL.
 */
const ORDER_BY: Record<ArrearsSort, string> = {
  '-daysOverdue': 'a.due_on ASC, a.reference ASC',
  daysOverdue: 'a.due_on DESC, a.reference ASC',
  '-outstanding': 'a.outstanding DESC, a.due_on ASC, a.reference ASC',
  outstanding: 'a.outstanding ASC, a.due_on ASC, a.reference ASC',
  branch: 'a.branch_name ASC, a.reference ASC',
  '-branch': 'a.branch_name DESC, a.reference ASC',
  union: 'a.union_key ASC, a.branch_name ASC, a.reference ASC',
  '-union': 'a.union_key DESC, a.branch_name ASC, a.reference ASC',
  reference: 'a.reference ASC',
  '-reference': 'a.reference DESC',
  // Never reminded first: those are the ones to chase.
  lastReminder: 'a.last_reminder_at ASC NULLS FIRST, a.due_on ASC, a.reference ASC',
  '-lastReminder': 'a.last_reminder_at DESC NULLS LAST, a.due_on ASC, a.reference ASC',
};

/** The bucket of an invoice (`i`) past due, in SQL, from the one description in arrears.ts. */
const BUCKET_SQL = `CASE ${ARREARS_BUCKETS.filter((b) => b.maxDays !== null)
  .map((b) => `WHEN ($1::date - i.due_on) <= ${b.maxDays} THEN '${b.key}'`)
  .join(' ')} ELSE '${ARREARS_BUCKETS[ARREARS_BUCKETS.length - 1]!.key}' END`;

/**
 * Every invoice unpaid past its due date (`$1` is today), with what it still
 * owes, read once (`arrears`, materialised for the page and the totals alike).
 *
 * `owing` lists the branches with one, from the partial index on unpaid
 * invoices; `books` reads those branches' invoices and payments, by the
 * branch indexes (as an array, so the planner looks them up rather than scan
 * every invoice), and works out what each invoice owes by the rule of
 * ledger.ts's `allocate`, in SQL so the list can be sorted and paged by it:
 * its shortfall (its amount less what was paid against it) less the credit
 * its branch's overpayments leave for it once the branch's older invoices have
 * taken theirs. test/integration/arrears.spec.ts holds it to `allocate`.
 * Sums stay integers (an invoice's payments are pence in an integer; the
 * window sums of integers are bigints), never numeric, which costs several
 * times as much to add up. Branches are joined later, and only where needed:
 * for the page's rows, or for every row when the list is sorted by branch or union.
 */
const ARREARS_CTE = `
  WITH owing AS MATERIALIZED (
    SELECT array_agg(DISTINCT i.branch_id) AS ids FROM invoices i WHERE i.paid_at IS NULL AND i.due_on < $1::date
  ),
  paid AS (
    SELECT p.invoice_id, sum(p.amount_pence)::int AS paid FROM payments p WHERE p.branch_id = ANY((SELECT ids FROM owing)::uuid[]) GROUP BY p.invoice_id
  ),
  books AS (
    SELECT s.*, s.shortfall - least(s.shortfall, greatest(0, s.pool - s.before)) AS outstanding
      FROM (
        SELECT i.id, i.branch_id, i.reference, i.affiliation_year, i.amount_pence, i.due_on, i.paid_at,
               greatest(0, i.amount_pence - greatest(0, COALESCE(p.paid, 0))) AS shortfall,
               sum(greatest(0, COALESCE(p.paid, 0) - i.amount_pence)) OVER (PARTITION BY i.branch_id) AS pool,
               COALESCE(sum(greatest(0, i.amount_pence - greatest(0, COALESCE(p.paid, 0)))) OVER (
                 PARTITION BY i.branch_id ORDER BY i.issued_on, i.reference ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING), 0) AS before
          FROM invoices i
          LEFT JOIN paid p ON p.invoice_id = i.id
         WHERE i.branch_id = ANY((SELECT ids FROM owing)::uuid[])
      ) s
  ),
  arrears AS MATERIALIZED (
    SELECT i.id, i.branch_id, i.reference, i.affiliation_year, i.amount_pence, i.due_on, i.outstanding::int AS outstanding,
           ($1::date - i.due_on) AS days_overdue, ${BUCKET_SQL} AS bucket
      FROM books i
     WHERE i.paid_at IS NULL AND i.due_on < $1::date AND i.outstanding > 0
  )`;

const LAST_REMINDER = '(SELECT max(r.reminded_at) FROM invoice_reminders r WHERE r.invoice_id = a.id)';

/** A listed invoice (`a`, numbered `n` in the order asked) with its branch (`b`), as ArrearsRow. */
const ROW_COLUMNS = `
  a.id AS "invoiceId", a.reference, a.branch_id AS "branchId", b.name AS "branchName", b.public_name AS "publicName",
  b.union, b.union_other AS "unionOther", a.affiliation_year AS "affiliationYear", a.amount_pence AS "amountPence",
  a.outstanding AS "outstandingPence", to_char(a.due_on, 'YYYY-MM-DD') AS "dueOn", a.days_overdue AS "daysOverdue", a.bucket,
  ${LAST_REMINDER} AS "lastReminderAt", a.n`;

const TOTALS = `SELECT COALESCE(json_agg(x), '[]') FROM (
  SELECT a.bucket, count(*)::int AS count, sum(a.outstanding)::int AS "outstandingPence" FROM arrears a GROUP BY a.bucket) x`;

/** Pages kept while the books do not change: the few views a treasurer goes back and forth between. */
const PAGES_KEPT = 16;

type NumberedRow = ArrearsRow & { n: string };

/** Named queries for the arrears list. Dates come back as "YYYY-MM-DD" text, never shifted by a time zone. */
@Injectable()
export class ArrearsRepository {
  private readonly pages: SnapshotCache<ArrearsPageRows>;

  constructor(private readonly dataSource: DataSource) {
    this.pages = new SnapshotCache(dataSource, PAGES_KEPT);
  }

  /**
   * The listed invoices of one bucket (or all), in the order asked, numbered (`n`), with their branch; as SQL
   * after the CTE (the bucket and the page, if any, added to `params`). Sorted and paged before branches are
   * joined for the rows shown, unless the order itself is by branch or union; the last reminder, likewise.
   */
  private rowsSql(f: ArrearsFilters, params: unknown[], page?: { page: number; pageSize: number }): string {
    const order = ORDER_BY[f.sort];
    const byBranch = /a\.(branch_name|union_key)\b/.test(order);
    const columns = ['a.*', ...(byBranch ? ['b.name AS branch_name', 'b.union_key'] : []), ...(order.includes('a.last_reminder_at') ? [`${LAST_REMINDER} AS last_reminder_at`] : [])];
    const where = f.bucket ? ` WHERE a.bucket = $${params.push(f.bucket)}` : '';
    const listed = `SELECT ${columns.join(', ')} FROM arrears a${byBranch ? ' JOIN branches b ON b.id = a.branch_id' : ''}${where}`;
    const limit = page ? ` LIMIT $${params.push(page.pageSize)} OFFSET $${params.push((page.page - 1) * page.pageSize)}` : '';
    return `SELECT ${ROW_COLUMNS}
      FROM (SELECT a.*, row_number() OVER (ORDER BY ${order}) AS n FROM (SELECT * FROM (${listed}) a ORDER BY ${order}${limit}) a) a
      JOIN branches b ON b.id = a.branch_id
     ORDER BY a.n`;
  }

  /** One page and every bucket's totals: its SQL and parameters (also for EXPLAIN in the tests). */
  pageSql(f: ArrearsFilters, page: { page: number; pageSize: number }): { sql: string; params: unknown[] } {
    const params: unknown[] = [f.today];
    const rows = this.rowsSql(f, params, page);
    // One row at least, the first with the totals and the snapshot read, the page's rows beside them (none past the last page).
    const first = 'COALESCE(p.n, 1) = 1';
    return {
      sql: `${ARREARS_CTE}
        SELECT CASE WHEN ${first} THEN (${TOTALS}) END AS totals, CASE WHEN ${first} THEN ${SNAPSHOT_COLUMN} END AS snapshot, p.*
          FROM (SELECT 1) one LEFT JOIN LATERAL (${rows}) p ON true
         ORDER BY p.n`,
      params,
    };
  }

  /** One page and every bucket's totals; read again only once something has committed since (SnapshotCache). */
  page(f: ArrearsFilters, page: { page: number; pageSize: number }): Promise<ArrearsPageRows> {
    const key = JSON.stringify([f.today, f.bucket ?? null, f.sort, page.page, page.pageSize]);
    return this.pages.read(key, async () => {
      const { sql, params } = this.pageSql(f, page);
      const result: (NumberedRow & { totals: ArrearsBucketTotal[] | null; snapshot: string | null })[] = await this.dataSource.query(sql, params);
      const totals = result[0]!.totals!;
      return {
        snapshot: result[0]!.snapshot!,
        value: {
          rows: result.filter((r) => r.invoiceId !== null).map(({ totals: _t, snapshot: _s, n: _n, ...row }) => row),
          totals: ARREARS_BUCKETS.map((b) => totals.find((t) => t.bucket === b.key) ?? { bucket: b.key, count: 0, outstandingPence: 0 }),
        },
      };
    });
  }

  /** The whole list (one bucket, or all), in the order asked: for the export. */
  async find(f: ArrearsFilters): Promise<ArrearsRow[]> {
    const params: unknown[] = [f.today];
    const rows: NumberedRow[] = await this.dataSource.query(`${ARREARS_CTE} ${this.rowsSql(f, params)}`, params);
    return rows.map(({ n: _n, ...row }) => row);
  }
}
