import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
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
  lastReminder: '"lastReminderAt" ASC NULLS FIRST, a.due_on ASC, a.reference ASC',
  '-lastReminder': '"lastReminderAt" DESC NULLS LAST, a.due_on ASC, a.reference ASC',
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
 */
const ARREARS_CTE = `
  WITH owing AS MATERIALIZED (
    SELECT array_agg(DISTINCT i.branch_id) AS ids FROM invoices i WHERE i.paid_at IS NULL AND i.due_on < $1::date
  ),
  paid AS (
    SELECT p.invoice_id, sum(p.amount_pence) AS paid FROM payments p WHERE p.branch_id = ANY((SELECT ids FROM owing)::uuid[]) GROUP BY p.invoice_id
  ),
  books AS (
    SELECT s.*, (s.shortfall - least(s.shortfall, greatest(0, s.pool - s.before)))::int AS outstanding
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
    SELECT i.*, b.name AS branch_name, b.public_name, b.union, b.union_other, b.union_key,
           ($1::date - i.due_on) AS days_overdue, ${BUCKET_SQL} AS bucket
      FROM books i
      JOIN branches b ON b.id = i.branch_id
     WHERE i.paid_at IS NULL AND i.due_on < $1::date AND i.outstanding > 0
  )`;

const ROW_SELECT = `
  SELECT a.id AS "invoiceId", a.reference, a.branch_id AS "branchId", a.branch_name AS "branchName", a.public_name AS "publicName",
         a.union, a.union_other AS "unionOther", a.affiliation_year AS "affiliationYear", a.amount_pence AS "amountPence",
         a.outstanding AS "outstandingPence", to_char(a.due_on, 'YYYY-MM-DD') AS "dueOn", a.days_overdue AS "daysOverdue", a.bucket,
         (SELECT max(r.reminded_at) FROM invoice_reminders r WHERE r.invoice_id = a.id) AS "lastReminderAt"
    FROM arrears a`;

const TOTALS = `SELECT COALESCE(json_agg(x), '[]') FROM (
  SELECT a.bucket, count(*)::int AS count, sum(a.outstanding)::int AS "outstandingPence" FROM arrears a GROUP BY a.bucket) x`;

/** Named queries for the arrears list. Dates come back as "YYYY-MM-DD" text, never shifted by a time zone. */
@Injectable()
export class ArrearsRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** The rows of one bucket (or all), in the order asked, as SQL after the CTE (the bucket, if any, added to `params`). */
  private rowsSql(f: ArrearsFilters, params: unknown[]): string {
    const where = f.bucket ? ` WHERE a.bucket = $${params.push(f.bucket)}` : '';
    return `${ROW_SELECT}${where} ORDER BY ${ORDER_BY[f.sort]}`;
  }

  /** One page and every bucket's totals: its SQL and parameters (also for EXPLAIN in the tests). */
  pageSql(f: ArrearsFilters, page: { page: number; pageSize: number }): { sql: string; params: unknown[] } {
    const params: unknown[] = [f.today];
    const rows = this.rowsSql(f, params);
    const limit = `LIMIT $${params.push(page.pageSize)} OFFSET $${params.push((page.page - 1) * page.pageSize)}`;
    // The totals row always comes, with the page's rows beside it (none past the last page).
    return {
      sql: `${ARREARS_CTE} SELECT (${TOTALS}) AS totals, p.* FROM (SELECT 1) one LEFT JOIN LATERAL (${rows} ${limit}) p ON true`,
      params,
    };
  }

  async page(f: ArrearsFilters, page: { page: number; pageSize: number }): Promise<ArrearsPageRows> {
    const { sql, params } = this.pageSql(f, page);
    const result: (ArrearsRow & { totals: ArrearsBucketTotal[] })[] = await this.dataSource.query(sql, params);
    const totals = result[0]?.totals ?? [];
    return {
      rows: result.filter((r) => r.invoiceId !== null).map(({ totals: _totals, ...row }) => row),
      totals: ARREARS_BUCKETS.map((b) => totals.find((t) => t.bucket === b.key) ?? { bucket: b.key, count: 0, outstandingPence: 0 }),
    };
  }

  /** The whole list (one bucket, or all), in the order asked: for the export. */
  find(f: ArrearsFilters): Promise<ArrearsRow[]> {
    const params: unknown[] = [f.today];
    return this.dataSource.query(`${ARREARS_CTE} ${this.rowsSql(f, params)}`, params);
  }
}
