import { createTestApp, TestApp } from '../utils/test-app';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const scenario = require('../../bench/scenarios/admin-queue.js') as {
  name: string;
  path: string;
  headers: Record<string, string>;
  setup(ctx: { baseUrl: string; databaseUrl: string; log: (m: string) => void }): Promise<Record<string, string>>;
};

describe('the admin-queue benchmark scenario', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ listen: true });
  });
  afterAll(() => t?.close());

  it('seeds 10,000 branches, signs in an admin with both factors, and the measured route answers 200', async () => {
    const headers = await scenario.setup({ baseUrl: t.baseUrl, databaseUrl: t.db.url, log: () => undefined });
    const [{ n }] = await t.dataSource.query(`SELECT count(*)::int AS n FROM affiliations a JOIN branches b ON b.id = a.branch_id WHERE b.name LIKE 'Bench Branch %'`);
    expect(n).toBeGreaterThan(10_000);
    const res = await fetch(`${t.baseUrl}${scenario.path}`, { headers: { ...scenario.headers, ...headers } });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { total: number; items: { status: string }[] };
    expect(body.total).toBeGreaterThanOrEqual(1000);
    expect(body.items).toHaveLength(25);
    expect(body.items.every((i) => i.status === 'submitted')).toBe(true);
    // Running it again (a second bench run) neither duplicates the data nor fails.
    await scenario.setup({ baseUrl: t.baseUrl, databaseUrl: t.db.url, log: () => undefined });
    const [{ m }] = await t.dataSource.query(`SELECT count(*)::int AS m FROM branches WHERE name LIKE 'Bench Branch %'`);
    expect(m).toBe(10_000);
  }, 60_000);
});
