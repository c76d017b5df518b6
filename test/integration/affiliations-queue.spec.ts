import { DataSource } from 'typeorm';
import { Affiliation } from '../../src/affiliations/affiliation.entity';
import { AffiliationsRepository, type QueueFilters } from '../../src/affiliations/affiliations.repository';
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

describe('the admin queue query on realistic data', () => {
  let db: TestDatabase;
  let ds: DataSource;
  let repo: AffiliationsRepository;

  beforeAll(async () => {
    db = await createTestDatabase();
    ds = await new DataSource(dataSourceOptions(db.url, 2)).initialize();
    await seedQueue(ds, 6000);
    await ds.query('ANALYZE');
    repo = new AffiliationsRepository(ds.getRepository(Affiliation));
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
  ];

  it.each(cases)('uses indexes, not a sequential scan of branches or affiliations: %s', async (_label, f) => {
    const { sql, params } = repo.queueQuerySql({ ...base, ...f });
    const [{ 'QUERY PLAN': plan }] = await ds.query(`EXPLAIN (FORMAT JSON) ${sql}`, params);
    const all = nodes(plan[0].Plan as PlanNode);
    if (process.env.SHOW_PLANS) process.stderr.write(`${_label}: ${all.map((n) => `${n['Node Type']} ${n['Relation Name'] ?? ''} ${n['Index Name'] ?? ''}`).join(' / ')}\n`);
    const seqScans = all.filter((n) => n['Node Type'] === 'Seq Scan' && ['affiliations', 'branches'].includes(n['Relation Name'] ?? ''));
    expect({ seqScans: seqScans.map((n) => n['Relation Name']), plan: all.map((n) => `${n['Node Type']} ${n['Relation Name'] ?? ''} ${n['Index Name'] ?? ''}`.trim()) }).toEqual({
      seqScans: [],
      plan: expect.any(Array),
    });
  });

  it('returns the page the filters ask for', async () => {
    const page = await repo.findQueueForAdmin({ ...base, status: 'submitted', region: 'wales', sort: '-submittedAt' });
    expect(page.items.length).toBeGreaterThan(0);
    expect(page.items.every((i) => i.status === 'submitted' && i.region === 'wales')).toBe(true);
    const times = page.items.map((i) => new Date(i.submittedAt!).getTime());
    expect([...times].sort((a, b) => b - a)).toEqual(times);
  });
});
