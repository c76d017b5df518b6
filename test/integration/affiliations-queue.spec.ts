import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { Affiliation } from '../../src/affiliations/affiliation.entity';
import { AffiliationsRepository, type QueueFilters } from '../../src/affiliations/affiliations.repository';
import { Branch } from '../../src/branches/branch.entity';
import { BranchesRepository } from '../../src/branches/branches.repository';
import { dataSourceOptions } from '../../src/database/data-source';
import { createTestDatabase, TestDatabase } from '../utils/database';
import { seedQueue } from '../factories/queue-seed';

interface PlanNode {
  'Node Type': string;
  'Relation Name'?: string;
  'Index Name'?: string;
  Plans?: PlanNode[];
}

function nodes(plan: PlanNode): PlanNode[] {
  return [plan, ...(plan.Plans ?? []).flatMap(nodes)];
}

const describePlan = (all: PlanNode[]): string[] => all.map((n) => `${n['Node Type']} ${n['Relation Name'] ?? ''} ${n['Index Name'] ?? ''}`.trim());

/** The plan of a query, as its nodes (printed with SHOW_PLANS=1). */
async function planOf(ds: DataSource, label: string, sql: string, params: unknown[]): Promise<PlanNode[]> {
  const [{ 'QUERY PLAN': plan }] = await ds.query(`EXPLAIN (FORMAT JSON) ${sql}`, params);
  const all = nodes(plan[0].Plan as PlanNode);
  if (process.env.SHOW_PLANS) process.stderr.write(`${label}: ${describePlan(all).join(' / ')}\n`);
  return all;
}

/** No sequential scan of branches or affiliations: the plan reads them through their indexes. */
function expectIndexesOnly(all: PlanNode[]): void {
  const seqScans = all.filter((n) => n['Node Type'] === 'Seq Scan' && ['affiliations', 'branches'].includes(n['Relation Name'] ?? ''));
  expect({ seqScans: seqScans.map((n) => n['Relation Name']), plan: describePlan(all) }).toEqual({ seqScans: [], plan: expect.any(Array) });
}

const BRANCHES = 10_000;

describe(`the admin queue and branch list queries on realistic data (${BRANCHES.toLocaleString('en-GB')} branches)`, () => {
  let db: TestDatabase;
  let ds: DataSource;
  let repo: AffiliationsRepository;
  let branches: BranchesRepository;

  beforeAll(async () => {
    db = await createTestDatabase();
    ds = await new DataSource(dataSourceOptions(db.url, 2)).initialize();
    await seedQueue(ds, BRANCHES);
    await ds.query('ANALYZE');
    repo = new AffiliationsRepository(ds.getRepository(Affiliation));
    branches = new BranchesRepository(ds.getRepository(Branch));
  }, 120_000);
  afterAll(async () => {
    await ds?.destroy();
    await db?.drop();
  });

  const base: QueueFilters = { sort: 'submittedAt', page: 1, pageSize: 25 };
  const cases: [string, Partial<QueueFilters>][] = [
    ['status=submitted, oldest first', { status: 'submitted' }],
    ['status=submitted, newest first', { status: 'submitted', sort: '-submittedAt' }],
    ['status=submitted in one region, newest first', { status: 'submitted', region: 'wales', sort: '-submittedAt' }],
    ['status=submitted by name', { status: 'submitted', sort: 'publicName' }],
    ['every status, oldest first', {}],
    ['every status by name', { sort: 'publicName' }],
    ['status=submitted, page 5', { status: 'submitted', page: 5 }],
    ['status=submitted, searched by a branch number', { status: 'submitted', q: '000123' }],
    ['status=submitted, searched by words of a branch name', { status: 'submitted', q: 'seed branch 0012' }],
    ['status=submitted, searched by a union name', { status: 'submitted', q: 'journalists' }],
    ['status=submitted, searched by union and branch, by name', { status: 'submitted', q: 'unison 0007', sort: 'publicName' }],
    ['every status, searched by words of a branch name, by name', { q: 'seed branch 00777', sort: 'publicName' }],
    ['every status, searched by union and branch name, newest first', { q: 'national union 0042', sort: '-submittedAt' }],
  ];

  it.each(cases)('uses indexes, not a sequential scan of branches or affiliations: %s', async (label, f) => {
    const { sql, params } = repo.queueQuerySql({ ...base, ...f });
    expectIndexesOnly(await planOf(ds, label, sql, params));
  });

  it('searches branch names through their text search index', async () => {
    const { sql, params } = repo.queueQuerySql({ ...base, status: 'submitted', q: 'seed branch 000123' });
    const all = await planOf(ds, 'text search', sql, params);
    expect(all.map((n) => n['Index Name']).filter(Boolean)).toContain('ix_branches_search');
  });

  it('finds the next affiliation waiting for a decision from the status index, in its order', async () => {
    const { sql, params } = repo.oldestAwaitingDecisionSql();
    const all = await planOf(ds, 'next waiting', sql, params);
    expectIndexesOnly(all);
    expect(all.map((n) => n['Index Name'])).toContain('ix_affiliations_status_submitted_at');
    expect(all.map((n) => n['Node Type'])).not.toContain('Sort');
  });

  it.each<[string, string | undefined]>([
    ['every branch by name', undefined],
    ['searched by a branch number', '000123'],
    ['searched by words of a branch name', 'seed branch 0012'],
    ['searched by a union name', 'journalists'],
    ['searched by union and branch', 'unison 00012'],
  ])('lists branches for admins through indexes: %s', async (label, q) => {
    const { sql, params } = branches.adminPageSql(q, 1, 25);
    expectIndexesOnly(await planOf(ds, `branches: ${label}`, sql, params));
  });

  it('finds branches by the beginnings of words of their name or their union’s, every word matching', async () => {
    const byName = await branches.findPageForAdmin('Seed BRANCH 000123', 1, 25);
    expect(byName.items.map((b) => b.publicName)).toEqual([expect.stringMatching(/ Seed Branch 000123$/)]);
    expect(byName.total).toBe(1);
    const byPrefix = await branches.findPageForAdmin('00012', 1, 25);
    expect(byPrefix.total).toBe(10);
    const byUnion = await branches.findPageForAdmin('Journalists', 1, 100);
    expect(byUnion.total).toBeGreaterThan(0);
    expect(byUnion.items.every((b) => b.union === 'nuj')).toBe(true);
    // Text search's own syntax is only punctuation between words here.
    expect((await branches.findPageForAdmin("000123 & !seed | 'x':*", 1, 25)).total).toBe(0);
    expect((await branches.findPageForAdmin('seed:* & 000123', 1, 25)).total).toBe(1);
  });

  it('searches the queue by branch or union name with the other filters', async () => {
    const page = await repo.findQueueForAdmin({ ...base, status: 'submitted', q: 'unison', pageSize: 100 });
    expect(page.total).toBeGreaterThan(0);
    expect(page.items.every((i) => i.status === 'submitted' && i.union === 'unison')).toBe(true);
  });

  it('returns the page the filters ask for', async () => {
    const page = await repo.findQueueForAdmin({ ...base, status: 'submitted', region: 'wales', sort: '-submittedAt' });
    expect(page.items.length).toBeGreaterThan(0);
    expect(page.items.every((i) => i.status === 'submitted' && i.region === 'wales')).toBe(true);
    const times = page.items.map((i) => new Date(i.submittedAt!).getTime());
    expect([...times].sort((a, b) => b - a)).toEqual(times);
  });

  it('reads the queue again once a change is committed elsewhere, and past its last page still counts', async () => {
    const filters: QueueFilters = { ...base, status: 'submitted', sort: '-submittedAt' };
    const before = await repo.findQueueForAdmin(filters);
    expect(await repo.findQueueForAdmin(filters)).toEqual(before);
    // Another connection (another instance, a CLI, psql) sends one more for review, newest of all.
    const [{ id }] = await ds.query(`SELECT id FROM affiliations WHERE status = 'approved' ORDER BY id LIMIT 1`);
    const other = new Client({ connectionString: db.url });
    await other.connect();
    try {
      await other.query(`UPDATE affiliations SET status = 'submitted', submitted_at = now() + interval '1 day' WHERE id = $1`, [id]);
      const after = await repo.findQueueForAdmin(filters);
      expect({ total: after.total, first: after.items[0]?.id }).toEqual({ total: before.total + 1, first: id });
      expect(await repo.findQueueForAdmin({ ...filters, page: 1000 })).toEqual({ total: before.total + 1, items: [] });
    } finally {
      await other.query(`UPDATE affiliations SET status = 'approved', submitted_at = now() - interval '1 day' WHERE id = $1`, [id]);
      await other.end();
    }
    expect((await repo.findQueueForAdmin(filters)).total).toBe(before.total);
  });
});
