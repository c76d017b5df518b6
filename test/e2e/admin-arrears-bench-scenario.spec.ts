import { createTestApp, TestApp } from '../utils/test-app';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const scenario = require('../../bench/scenarios/admin-arrears.js') as {
  name: string;
  path: string;
  headers: Record<string, string>;
  setup(ctx: { baseUrl: string; databaseUrl: string; log: (m: string) => void }): Promise<Record<string, string>>;
};

describe('the admin-arrears benchmark scenario', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ listen: true });
  });
  afterAll(() => t?.close());

  it('seeds the books of 10,000 branches, signs in an admin, and the measured page answers 200 with a full page of arrears', async () => {
    const headers = await scenario.setup({ baseUrl: t.baseUrl, databaseUrl: t.db.url, log: () => undefined });
    const arrears = async () => (await t.dataSource.query(`SELECT count(*)::int AS n FROM invoices WHERE paid_at IS NULL AND due_on < current_date`))[0].n;
    expect(await arrears()).toBeGreaterThan(500);
    const res = await fetch(`${t.baseUrl}${scenario.path}`, { headers: { ...scenario.headers, ...headers } });
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html.match(/<tr>\s*<td class="arrears-select">/g)).toHaveLength(50);
    // A second bench run neither duplicates the books nor fails.
    const before = await t.dataSource.query('SELECT (SELECT count(*) FROM invoices) AS i, (SELECT count(*) FROM payments) AS p, (SELECT count(*) FROM invoice_reminders) AS r');
    await scenario.setup({ baseUrl: t.baseUrl, databaseUrl: t.db.url, log: () => undefined });
    expect(await t.dataSource.query('SELECT (SELECT count(*) FROM invoices) AS i, (SELECT count(*) FROM payments) AS p, (SELECT count(*) FROM invoice_reminders) AS r')).toEqual(before);
  }, 90_000);
});
