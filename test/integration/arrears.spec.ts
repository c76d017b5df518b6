import { DataSource } from 'typeorm';
import { londonDate } from '../../src/common/clock';
import { dataSourceOptions } from '../../src/database/data-source';
import { ARREARS_BUCKET_KEYS, ARREARS_SORTS } from '../../src/fees/arrears';
import { ArrearsRepository, type ArrearsFilters } from '../../src/fees/arrears.repository';
import { FeesLedgerService } from '../../src/fees/fees-ledger.service';
import { seedArrears } from '../factories/arrears-seed';
import { seedQueue } from '../factories/queue-seed';
import { createTestDatabase, TestDatabase } from '../utils/database';

interface PlanNode {
  'Node Type': string;
  'Relation Name'?: string;
  'Index Name'?: string;
  Plans?: PlanNode[];
}

const nodes = (plan: PlanNode): PlanNode[] => [plan, ...(plan.Plans ?? []).flatMap(nodes)];
const TABLES = ['invoices', 'payments', 'invoice_reminders', 'branches'];

describe('the arrears query at 10,000 branches', () => {
  let db: TestDatabase;
  let ds: DataSource;
  let repo: ArrearsRepository;
  const today = londonDate(new Date());

  beforeAll(async () => {
    db = await createTestDatabase();
    ds = await new DataSource(dataSourceOptions(db.url, 2)).initialize();
    await seedQueue(ds, 10_000);
    await seedArrears(ds);
    await ds.query('ANALYZE');
    repo = new ArrearsRepository(ds);
  }, 180_000);
  afterAll(async () => {
    await ds?.destroy();
    await db?.drop();
  });

  async function plan(sql: string, params: unknown[]): Promise<string[]> {
    const [{ 'QUERY PLAN': json }] = await ds.query(`EXPLAIN (FORMAT JSON) ${sql}`, params);
    return nodes(json[0].Plan as PlanNode).map((n) => `${n['Node Type']} ${n['Relation Name'] ?? ''} ${n['Index Name'] ?? ''}`.trim());
  }
  const seqScans = (steps: string[]) => steps.filter((s) => TABLES.some((t) => s === `Seq Scan ${t}`));

  it('has realistic books: thousands of invoices, a few hundred in arrears in every bucket', async () => {
    const [{ invoices, arrears }] = await ds.query(
      `SELECT count(*)::int AS invoices, count(*) FILTER (WHERE paid_at IS NULL AND due_on < $1)::int AS arrears FROM invoices`,
      [today],
    );
    expect(invoices).toBeGreaterThan(15_000);
    expect(arrears).toBeGreaterThan(500);
    expect(arrears).toBeLessThan(invoices / 5);
    const { totals } = await repo.page({ today, sort: '-daysOverdue' }, { page: 1, pageSize: 50 });
    expect(totals.every((b) => b.count > 0)).toBe(true);
  });

  const cases: [string, Partial<ArrearsFilters>][] = [
    ...ARREARS_SORTS.map((sort): [string, Partial<ArrearsFilters>] => [`sorted by ${sort}`, { sort }]),
    ...ARREARS_BUCKET_KEYS.map((bucket): [string, Partial<ArrearsFilters>] => [`bucket ${bucket}`, { bucket }]),
  ];

  it.each(cases)('uses indexes, not a sequential scan of invoices, payments, reminders or branches: %s', async (_label, f) => {
    const { sql, params } = repo.pageSql({ today, sort: '-daysOverdue', ...f }, { page: 3, pageSize: 50 });
    const steps = await plan(sql, params);
    if (process.env.SHOW_PLANS) process.stderr.write(`${_label}: ${steps.join(' / ')}\n`);
    expect({ seqScans: seqScans(steps), plan: steps }).toEqual({ seqScans: [], plan: expect.any(Array) });
    expect(steps.some((s) => s.endsWith('ix_invoices_unpaid_due_on'))).toBe(true);
  });

  it('owes, for every invoice listed, what the ledger’s allocation says (credit and part-payments included)', async () => {
    const rows = await repo.find({ today, sort: '-daysOverdue' });
    const ledger = new FeesLedgerService(ds);
    const branches = [...new Set(rows.map((r) => r.branchId))];
    const expected = new Map<string, number>();
    for (const branchId of branches) for (const i of (await ledger.balance(branchId)).invoices) expected.set(i.id, i.outstandingPence);
    const differing = rows.filter((r) => expected.get(r.invoiceId) !== r.outstandingPence).map((r) => `${r.reference}: ${r.outstandingPence} ≠ ${expected.get(r.invoiceId)}`);
    expect(differing).toEqual([]);
    // The seed holds both kinds that make the sum more than amount minus payments.
    expect(rows.some((r) => r.outstandingPence < r.amountPence - 1000)).toBe(true);
    expect(rows.some((r) => r.outstandingPence === r.amountPence - 1000)).toBe(true);
    const { totals, rows: first } = await repo.page({ today, sort: '-daysOverdue' }, { page: 1, pageSize: 50 });
    expect(first).toEqual(rows.slice(0, 50));
    const past = await repo.page({ today, sort: '-daysOverdue' }, { page: 1000, pageSize: 50 });
    expect(past).toEqual({ rows: [], totals });
    expect(totals.reduce((n, b) => n + b.count, 0)).toBe(rows.length);
    expect(totals.reduce((n, b) => n + b.outstandingPence, 0)).toBe(rows.reduce((n, r) => n + r.outstandingPence, 0));
  });

  it('reads the page again once the books change (an invoice paid), however the change was made', async () => {
    const f: ArrearsFilters = { today, sort: '-daysOverdue' };
    const before = await repo.page(f, { page: 1, pageSize: 50 });
    const paid = before.rows[0]!;
    const [{ id: paymentId }] = await ds.query(
      `INSERT INTO payments (invoice_id, branch_id, amount_pence, received_on, method, bank_reference, source)
       VALUES ($1, $2, $3, $4, 'bank_transfer', 'TEST PAID IN FULL', 'manual') RETURNING id`,
      [paid.invoiceId, paid.branchId, paid.outstandingPence, today],
    );
    try {
      const after = await repo.page(f, { page: 1, pageSize: 50 });
      expect(after.rows.map((r) => r.invoiceId)).not.toContain(paid.invoiceId);
      const bucket = (p: typeof before, key: string) => p.totals.find((t) => t.bucket === key)!;
      expect(bucket(after, paid.bucket)).toEqual({
        bucket: paid.bucket,
        count: bucket(before, paid.bucket).count - 1,
        outstandingPence: bucket(before, paid.bucket).outstandingPence - paid.outstandingPence,
      });
    } finally {
      // The ledger is append-only: the payment is reversed, as an admin would.
      await ds.query(
        `INSERT INTO payments (invoice_id, branch_id, amount_pence, received_on, method, bank_reference, reverses_payment_id, source)
         VALUES ($1, $2, $3, $4, 'bank_transfer', 'TEST REVERSAL', $5, 'manual')`,
        [paid.invoiceId, paid.branchId, -paid.outstandingPence, today, paymentId],
      );
    }
    expect(await repo.page(f, { page: 1, pageSize: 50 })).toEqual(before);
  });
});
