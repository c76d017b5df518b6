import { Client } from 'pg';
import type PgBoss from 'pg-boss';
import { PublicListService } from '../../src/public-list/public-list.service';
import { QueueService } from '../../src/queue/queue.service';
import { makeApprovedAffiliation } from '../factories/database.factory';
import { signInAdmin, signUpSecretary, type SignedIn } from '../utils/auth';
import { withAdminClient } from '../utils/database';
import { createTestApp, TestApp } from '../utils/test-app';

/** Without limits every request touching the table would wait this long, until the lock is released. */
const HELD_MS = 25_000;

interface Fixture {
  t: TestApp;
  secretary: SignedIn;
  admin: SignedIn;
  branchId: string;
  affiliationId: string;
}

/** An app with these limits and one listed branch, its affiliation approved. */
async function fixture(limits: Record<string, string>): Promise<Fixture> {
  const t = await createTestApp({ env: { ...limits, PUBLIC_LIST_REFRESH_SECONDS: '60' } });
  const secretary = await signUpSecretary(t);
  const admin = await signInAdmin(t);
  const { affiliation } = await makeApprovedAffiliation(t, { secretary: secretary.user, admin: admin.user, branch: { publicName: 'Locked Out Branch' } });
  const { branchId, id: affiliationId } = affiliation;
  const deadline = Date.now() + 10_000;
  while ((await t.http().get('/api/public/affiliates')).body.total !== 1) {
    if (Date.now() > deadline) throw new Error('the branch was not listed within 10 s');
    await new Promise((r) => setTimeout(r, 25));
  }
  return { t, secretary, admin, branchId, affiliationId };
}

/** Holds `LOCK TABLE affiliations IN ACCESS EXCLUSIVE MODE` in a transaction of its own until released (or HELD_MS). */
async function holdLock(t: TestApp): Promise<() => Promise<void>> {
  const locker = new Client({ connectionString: t.db.url, application_name: 'test-locker' });
  await locker.connect();
  await locker.query('BEGIN');
  await locker.query('LOCK TABLE affiliations IN ACCESS EXCLUSIVE MODE');
  let released: Promise<void> | undefined;
  const release = (): Promise<void> => (released ??= locker.query('ROLLBACK').then(() => locker.end()));
  setTimeout(() => void release(), HELD_MS).unref();
  return release;
}

async function timed<T>(work: PromiseLike<T>): Promise<{ value: T; ms: number }> {
  const started = Date.now();
  const value = await work;
  return { value, ms: Date.now() - started };
}

/**
 * One table held locked must not stall the app: requests that need it give up
 * with 503 within the configured limits, and the pool does not run dry for the rest.
 */
describe('a table held locked', () => {
  const LIMITS = {
    DATABASE_STATEMENT_TIMEOUT_MS: '3000',
    DATABASE_LOCK_TIMEOUT_MS: '1000',
    DATABASE_IDLE_IN_TRANSACTION_TIMEOUT_MS: '2000',
    DATABASE_POOL_WAIT_MS: '5000',
  };
  /** Above the worst case of the limits, far below the time the lock is held. */
  const BOUND_MS = 8_000;
  let f: Fixture;

  beforeAll(async () => {
    f = await fixture(LIMITS);
  });
  afterAll(() => f?.t.close());

  it('answers 503 within the limits on routes that need the table, keeps other routes answering, and recovers', async () => {
    const { t, secretary, admin, branchId, affiliationId } = f;
    const release = await holdLock(t);
    try {
      // More requests needing the table than the pool (5) has connections.
      const blocked = Array.from({ length: 8 }, (_, i) =>
        timed(i % 2 ? secretary.agent.get(`/api/branches/${branchId}/affiliations`) : admin.agent.get('/api/admin/affiliations')),
      );
      await new Promise((r) => setTimeout(r, 100));
      const me = await timed(secretary.agent.get('/api/me'));
      for (const { value: res, ms } of await Promise.all(blocked)) {
        expect({ status: res.status, fast: ms < BOUND_MS }).toEqual({ status: 503, fast: true });
        expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
        expect(res.body.message).toMatch(/temporarily unavailable/);
      }
      expect({ status: me.value.status, fast: me.ms < BOUND_MS }).toEqual({ status: 200, fast: true });
      // A change that needs the table gives up too.
      const write = await timed(admin.agent.post(`/api/admin/affiliations/${affiliationId}/suspend`).set('X-CSRF-Token', admin.csrf).send({ reason: 'Testing' }));
      expect({ status: write.value.status, fast: write.ms < BOUND_MS }).toEqual({ status: 503, fast: true });
    } finally {
      await release();
    }
    await secretary.agent.get(`/api/branches/${branchId}/affiliations`).expect(200);
    await admin.agent.get('/api/admin/affiliations').expect(200);
  });

  it('ends a transaction left idle on a pooled connection, releasing its locks', async () => {
    const { t, secretary, branchId } = f;
    const runner = t.dataSource.createQueryRunner();
    await runner.connect();
    try {
      // A handler that forgot its transaction, holding a lock.
      await runner.startTransaction();
      await runner.query('LOCK TABLE affiliations IN ACCESS EXCLUSIVE MODE');
      const meanwhile = await timed(secretary.agent.get(`/api/branches/${branchId}/affiliations`));
      expect({ status: meanwhile.value.status, fast: meanwhile.ms < BOUND_MS }).toEqual({ status: 503, fast: true });
      // The server ends it after the idle limit, and the table is free again.
      await new Promise((r) => setTimeout(r, Number(LIMITS.DATABASE_IDLE_IN_TRANSACTION_TIMEOUT_MS) + 500));
      await secretary.agent.get(`/api/branches/${branchId}/affiliations`).expect(200);
      await expect(runner.query('SELECT 1')).rejects.toThrow();
    } finally {
      await runner.release().catch(() => undefined);
    }
  });

  it('bounds the job queue’s own pool as well, with room for its housekeeping', async () => {
    const { t } = f;
    const show = async (run: (sql: string) => Promise<{ rows: Record<string, string>[] }>) => ({
      statement: (await run('SHOW statement_timeout')).rows[0].statement_timeout,
      lock: (await run('SHOW lock_timeout')).rows[0].lock_timeout,
      idle: (await run('SHOW idle_in_transaction_session_timeout')).rows[0].idle_in_transaction_session_timeout,
    });
    expect(await show(async (sql) => ({ rows: await t.dataSource.query(sql) }))).toEqual({ statement: '3s', lock: '1s', idle: '2s' });
    const boss = (t.app.get(QueueService) as unknown as { boss: PgBoss }).boss;
    const queue = await show((sql) => boss.getDb().executeSql(sql, []) as Promise<{ rows: Record<string, string>[] }>);
    expect(queue).toEqual({ statement: '1min', lock: '1s', idle: '2s' });
  });
});

/**
 * The public list never makes a request wait for its rebuild: with the table
 * locked (and a lock limit long enough to watch), the rebuild waits and the
 * list is served from the previous snapshot meanwhile.
 */
describe('the public list while its tables are locked', () => {
  const LIMITS = { DATABASE_STATEMENT_TIMEOUT_MS: '20000', DATABASE_LOCK_TIMEOUT_MS: '15000' };
  let f: Fixture;

  beforeAll(async () => {
    f = await fixture(LIMITS);
  });
  afterAll(() => f?.t.close());

  /** The backend pid of the public list's rebuild query while it waits on a lock (polled for up to `ms`). */
  async function waitingRebuild(ms: number): Promise<number | undefined> {
    const deadline = Date.now() + ms;
    while (true) {
      const pid = await withAdminClient(process.env.TEST_PG_ADMIN_URL!, async (admin) => {
        const { rows } = await admin.query<{ pid: number }>(
          `SELECT pid FROM pg_stat_activity
            WHERE datname = $1 AND application_name = 'affiliation-portal' AND wait_event_type = 'Lock' AND query LIKE '%first_approved%'`,
          [f.t.db.name],
        );
        return rows[0]?.pid;
      });
      if (pid !== undefined || Date.now() >= deadline) return pid;
      await new Promise((r) => setTimeout(r, 25));
    }
  }

  it('keeps serving the previous list while the rebuild waits', async () => {
    const { t } = f;
    const release = await holdLock(t);
    try {
      // As the periodic refresh would: the list is stale, and its rebuild waits on the lock.
      t.app.get(PublicListService).invalidate();
      const rebuild = await waitingRebuild(5_000);
      expect(rebuild).toEqual(expect.any(Number));
      const api = await t.http().get('/api/public/affiliates');
      const page = await t.http().get('/affiliates');
      const feed = await t.http().get('/affiliates/feed.atom');
      // Answered while that rebuild still waits: nobody waited for it.
      expect(await waitingRebuild(0)).toBe(rebuild);
      expect(api.status).toBe(200);
      expect(api.body.items.map((i: { publicName: string }) => i.publicName)).toEqual(['Locked Out Branch']);
      expect(page.status).toBe(200);
      expect(page.text).toContain('Locked Out Branch');
      expect(feed.status).toBe(200);
    } finally {
      await release();
    }
  });
});
