import { Client } from 'pg';
import type PgBoss from 'pg-boss';
import { PublicListService } from '../../src/public-list/public-list.service';
import { QueueService } from '../../src/queue/queue.service';
import { createBranch, submitAffiliation } from '../factories/branches.factory';
import { signInAdmin, signUpSecretary, type SignedIn } from '../utils/auth';
import { withAdminClient } from '../utils/database';
import { createTestApp, TestApp } from '../utils/test-app';

const LIMITS = {
  DATABASE_STATEMENT_TIMEOUT_MS: '3000',
  DATABASE_LOCK_TIMEOUT_MS: '1500',
  DATABASE_IDLE_IN_TRANSACTION_TIMEOUT_MS: '2000',
  DATABASE_POOL_WAIT_MS: '2500',
};
/** Above the worst case of the limits (a pool wait, then a lock wait: 4 s), far below the time the lock is held. */
const BOUND_MS = 8_000;
/** Without limits every request touching the table would wait this long, until the lock is released. */
const HELD_MS = 25_000;

/**
 * One table held locked must not stall the app: requests that need it give up
 * with 503 within the configured limits, the pool does not run dry for the
 * rest, and the public list keeps being served while it cannot be rebuilt.
 */
describe('a table held locked', () => {
  let t: TestApp;
  let secretary: SignedIn;
  let admin: SignedIn;
  let branchId: string;
  let affiliationId: string;

  beforeAll(async () => {
    t = await createTestApp({ env: { ...LIMITS, PUBLIC_LIST_REFRESH_SECONDS: '60' } });
    secretary = await signUpSecretary(t);
    admin = await signInAdmin(t);
    branchId = (await createBranch(secretary, { publicName: 'Locked Out Branch' })).id;
    affiliationId = (await submitAffiliation(secretary, branchId)).id;
    await admin.agent.post(`/api/admin/affiliations/${affiliationId}/approve`).set('X-CSRF-Token', admin.csrf).send({}).expect(200);
    const deadline = Date.now() + 10_000;
    while ((await t.http().get('/api/public/affiliates')).body.total !== 1) {
      if (Date.now() > deadline) throw new Error('the branch was not listed within 10 s');
      await new Promise((r) => setTimeout(r, 25));
    }
  });
  afterAll(async () => {
    for (const name of [...Object.keys(LIMITS), 'PUBLIC_LIST_REFRESH_SECONDS']) delete process.env[name];
    await t?.close();
  });

  /** Holds `LOCK TABLE affiliations IN ACCESS EXCLUSIVE MODE` in a transaction of its own until released (or HELD_MS). */
  async function holdLock(): Promise<() => Promise<void>> {
    const locker = new Client({ connectionString: t.db.url, application_name: 'test-locker' });
    await locker.connect();
    await locker.query('BEGIN');
    await locker.query('LOCK TABLE affiliations IN ACCESS EXCLUSIVE MODE');
    let released: Promise<void> | undefined;
    const release = (): Promise<void> => (released ??= locker.query('ROLLBACK').then(() => locker.end()));
    setTimeout(() => void release(), HELD_MS).unref();
    return release;
  }

  /** The backend pid of the public list's rebuild query while it waits on a lock (polled for up to `ms`). */
  async function waitingRebuild(ms = 5_000): Promise<number | undefined> {
    const deadline = Date.now() + ms;
    while (true) {
      const pid = await withAdminClient(process.env.TEST_PG_ADMIN_URL!, async (admin) => {
        const { rows } = await admin.query<{ pid: number }>(
          `SELECT pid FROM pg_stat_activity
            WHERE datname = $1 AND application_name = 'affiliation-portal' AND wait_event_type = 'Lock' AND query LIKE '%first_approved%'`,
          [t.db.name],
        );
        return rows[0]?.pid;
      });
      if (pid !== undefined || Date.now() >= deadline) return pid;
      await new Promise((r) => setTimeout(r, 25));
    }
  }

  async function timed<T>(work: PromiseLike<T>): Promise<{ value: T; ms: number }> {
    const started = Date.now();
    const value = await work;
    return { value, ms: Date.now() - started };
  }

  it('answers 503 within the limits on routes that need the table, keeps other routes and the public list fast, and recovers', async () => {
    const release = await holdLock();
    try {
      // As the periodic refresh would: the list is stale, and its rebuild waits on the lock.
      t.app.get(PublicListService).invalidate();
      const rebuildWaiting = await waitingRebuild();
      expect(rebuildWaiting).toEqual(expect.any(Number));
      // The public list is served from the previous snapshot while that rebuild still waits.
      const publicApi = await timed(t.http().get('/api/public/affiliates'));
      const publicPage = await timed(t.http().get('/affiliates'));
      expect(await waitingRebuild(0)).toBe(rebuildWaiting);
      expect(publicApi.value.status).toBe(200);
      expect(publicApi.value.body.items.map((i: { publicName: string }) => i.publicName)).toEqual(['Locked Out Branch']);
      expect(publicPage.value.status).toBe(200);
      expect(publicPage.value.text).toContain('Locked Out Branch');

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
    const show = async (run: (sql: string) => Promise<{ rows: Record<string, string>[] }>) => ({
      statement: (await run('SHOW statement_timeout')).rows[0].statement_timeout,
      lock: (await run('SHOW lock_timeout')).rows[0].lock_timeout,
      idle: (await run('SHOW idle_in_transaction_session_timeout')).rows[0].idle_in_transaction_session_timeout,
    });
    const app = await show(async (sql) => ({ rows: await t.dataSource.query(sql) }));
    expect(app).toEqual({ statement: '3s', lock: '1500ms', idle: '2s' });
    const boss = (t.app.get(QueueService) as unknown as { boss: PgBoss }).boss;
    const queue = await show((sql) => boss.getDb().executeSql(sql) as Promise<{ rows: Record<string, string>[] }>);
    expect(queue).toEqual({ statement: '1min', lock: '1500ms', idle: '2s' });
  });
});
