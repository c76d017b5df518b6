import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Client } from 'pg';
import { createTestDatabase, type TestDatabase } from '../utils/database';

const root = join(__dirname, '..', '..');
const cli = join(root, 'dist', 'src', 'jobs', 'jobs-run.cli.js');

/** `npm run jobs:run -- <job>`, built, against a database of its own. */
describe('npm run jobs:run', () => {
  let db: TestDatabase;
  let client: Client;
  beforeAll(async () => {
    if (!existsSync(cli)) throw new Error('dist is missing: run `npm run build` (npm test does it first)');
    db = await createTestDatabase();
    client = new Client({ connectionString: db.url });
    await client.connect();
  });
  afterAll(async () => {
    await client?.end();
    await db?.drop();
  });

  const run = (...args: string[]) =>
    spawnSync(process.execPath, [cli, ...args], { cwd: root, encoding: 'utf8', env: { ...process.env, DATABASE_URL: db.url, NODE_ENV: 'test' }, timeout: 60_000 });
  const jobRuns = async (name: string): Promise<unknown[]> =>
    (await client.query(`SELECT actor_role, summary FROM audit_events WHERE action = 'job.run' AND subject_id = $1 ORDER BY id`, [name])).rows;

  it('runs the fee time rules once now and prints what they did in one line', async () => {
    const out = run('fees-time-rules');
    expect(out.status).toBe(0);
    expect(out.stdout).toBe('fees-time-rules: overdue=0 reminded=0 lapsed=0 renewed=0\n');
    expect(await jobRuns('fees-time-rules')).toEqual([{ actor_role: 'cli', summary: { overdue: 0, reminded: 0, lapsed: 0, renewed: 0 } }]);
  });

  it('sends the due "did they reply?" questionnaires once', async () => {
    await client.query(`INSERT INTO letter_follow_ups (kind, email, written_at, due_at) VALUES ('mp', 'due@example.org', now() - interval '15 days', now() - interval '1 day'), ('pcc', 'later@example.org', now(), now() + interval '14 days')`);
    const out = run('letter-follow-ups');
    expect(out.status).toBe(0);
    expect(out.stdout).toBe('letter-follow-ups: sent=1\n');
    expect(run('letter-follow-ups').stdout).toBe('letter-follow-ups: sent=0\n');
    expect((await client.query(`SELECT count(*)::int AS n FROM pgboss.job WHERE name = 'mail' AND data->>'to' = 'due@example.org'`)).rows).toEqual([{ n: 1 }]);
  });

  it('runs every retention rule with `retention`, and one rule by its name; a second run finds nothing', async () => {
    const past = Date.now() - 1000;
    await client.query(`INSERT INTO rate_limits (key, points, expire) VALUES ('ended-1', 1, $1), ('ended-2', 1, $1), ('running', 1, $2)`, [past, Date.now() + 3_600_000]);
    await client.query(`INSERT INTO user_tokens (purpose, token_hash, expires_at) VALUES ('admin_invite', 'a-hash-of-a-long-expired-link', now() - interval '31 days')`);

    const all = run('retention');
    expect(all.status).toBe(0);
    expect(all.stdout).toBe('retention: unverified-accounts=0 spent-tokens=1 ended-handovers=0 expired-throttles=2 audit-ips=0 sent-mail-bodies=0 signed-letters=0 unconfirmed-signatures=0 update-addresses=0 follow-up-addresses=0 reply-addresses=0\n');
    expect((await client.query('SELECT key FROM rate_limits')).rows).toEqual([{ key: 'running' }]);
    expect((await client.query('SELECT count(*)::int AS n FROM user_tokens')).rows).toEqual([{ n: 0 }]);

    await client.query(`INSERT INTO rate_limits (key, points, expire) VALUES ('ended-3', 1, $1)`, [past]);
    const one = run('retention-expired-throttles');
    expect(one.status).toBe(0);
    expect(one.stdout).toBe('retention-expired-throttles: expired-throttles=1\n');

    const again = run('retention');
    expect(again.stdout).toBe('retention: unverified-accounts=0 spent-tokens=0 ended-handovers=0 expired-throttles=0 audit-ips=0 sent-mail-bodies=0 signed-letters=0 unconfirmed-signatures=0 update-addresses=0 follow-up-addresses=0 reply-addresses=0\n');
    const applied = (await client.query(`SELECT subject_id, summary FROM audit_events WHERE action = 'retention.applied' ORDER BY id`)).rows;
    expect(applied).toEqual([
      { subject_id: 'spent-tokens', summary: { count: 1 } },
      { subject_id: 'expired-throttles', summary: { count: 2 } },
      { subject_id: 'expired-throttles', summary: { count: 1 } },
    ]);
  });

  it("takes no job from the queue and leaves the instances' schedules as they set them", async () => {
    await client.query(`SELECT pgboss.create_queue('mail', '{}'::json)`);
    const [{ id }] = (await client.query(`INSERT INTO pgboss.job (name, data) VALUES ('mail', $1) RETURNING id`, [{ to: 'waiting@example.org', subject: 'Hello', text: 'Hi' }])).rows;
    // As a running instance with RETENTION_JOB_CRON=0 5 * * * would have left them.
    await client.query(`SELECT pgboss.create_queue('retention', '{"policy": "singleton"}'::json)`);
    await client.query(
      `INSERT INTO pgboss.schedule (name, cron, timezone, data, options) VALUES ('retention', '0 5 * * *', 'Europe/London', '{}', '{}')
       ON CONFLICT (name) DO UPDATE SET cron = excluded.cron`,
    );
    const out = spawnSync(process.execPath, [cli, 'retention-audit-ips'], {
      cwd: root,
      encoding: 'utf8',
      env: { ...process.env, DATABASE_URL: db.url, NODE_ENV: 'development', RETENTION_JOB_CRON: '1 1 * * *' },
      timeout: 60_000,
    });
    expect(out.status).toBe(0);
    expect((await client.query('SELECT state::text FROM pgboss.job WHERE id = $1', [id])).rows).toEqual([{ state: 'created' }]);
    expect((await client.query(`SELECT cron FROM pgboss.schedule WHERE name = 'retention'`)).rows).toEqual([{ cron: '0 5 * * *' }]);
  });

  it('answers an unknown or missing job with the list of jobs and exit code 2, running nothing', async () => {
    for (const args of [['nonsense'], [], ['retention', 'extra']]) {
      const out = run(...args);
      expect(out.status).toBe(2);
      expect(out.stdout).toBe('');
      expect(out.stderr).toContain('usage: npm run jobs:run -- <job>');
      expect(out.stderr).toContain('jobs: fees-time-rules, retention, retention-unverified-accounts, retention-spent-tokens');
    }
    expect(run('nonsense').stderr).toMatch(/^unknown job: nonsense\n/);
    expect(await jobRuns('nonsense')).toEqual([]);
  });
});
