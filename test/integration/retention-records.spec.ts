import { setTimeout as sleep } from 'node:timers/promises';
import { AuditService } from '../../src/audit/audit.service';
import { Clock } from '../../src/common/clock';
import { MailService } from '../../src/mail/mail.service';
import { MAIL_QUEUE } from '../../src/mail/outgoing-email';
import { QUEUE_SCHEMA, QueueService } from '../../src/queue/queue.service';
import { RETENTION_JOB_QUEUE } from '../../src/retention/retention.scheduler';
import { RETENTION_BATCH, RetentionService } from '../../src/retention/retention.service';
import { anonymousAgent } from '../utils/auth';
import { before, lastAuditId, retentionAudits } from '../utils/retention';
import { createTestApp, type TestApp } from '../utils/test-app';

/** Rules over records rather than accounts: throttles, audit addresses, the outbox. Same pattern as retention-accounts. */
describe('retention of throttles, audit addresses and sent emails', () => {
  let t: TestApp;
  let retention: RetentionService;
  let clock: Clock;
  const NOW = new Date();

  beforeAll(async () => {
    t = await createTestApp({ env: { SMTP_URL: undefined, MAIL_POLL_SECONDS: '0.5' } });
    retention = t.app.get(RetentionService);
    clock = t.app.get(Clock);
  });
  beforeEach(() => {
    jest.spyOn(clock, 'now').mockReturnValue(NOW);
  });
  afterEach(() => jest.restoreAllMocks());
  afterAll(() => t?.close());

  it('deletes throttle counters whose window has ended, in batches, and keeps running ones', async () => {
    await retention.deleteExpiredThrottles();
    const mark = await lastAuditId(t);
    // A failed sign-in counts for LOGIN_FAILURE_WINDOW_SECONDS (60 s) per account and per address.
    const { agent, csrf } = await anonymousAgent(t);
    await agent.post('/api/auth/login').set('X-CSRF-Token', csrf).send({ email: 'nobody@example.org', password: 'not the password at all' }).expect(401);
    const live = Number((await t.dataSource.query('SELECT count(*) AS n FROM rate_limits'))[0].n);
    expect(live).toBeGreaterThanOrEqual(2);
    const ended = RETENTION_BATCH * 2 + 3;
    await t.dataSource.query(`INSERT INTO rate_limits (key, points, expire) SELECT 'old:' || i, 1, $1 FROM generate_series(1, $2) AS i`, [NOW.getTime() - 1000, ended]);
    await t.dataSource.query(`INSERT INTO rate_limits (key, points, expire) VALUES ('ending-soon', 1, $1), ('no-window', 1, NULL)`, [NOW.getTime() + 1000]);

    expect(await retention.deleteExpiredThrottles()).toBe(ended);
    expect(Number((await t.dataSource.query('SELECT count(*) AS n FROM rate_limits'))[0].n)).toBe(live + 2);
    expect((await retentionAudits(t, mark)).map((a) => a.summary)).toEqual([{ count: RETENTION_BATCH }, { count: RETENTION_BATCH }, { count: 3 }]);
    expect(await retention.deleteExpiredThrottles()).toBe(0);
    expect(await retentionAudits(t, mark)).toHaveLength(3);

    // Two minutes on, the sign-in failures' window has ended too.
    jest.spyOn(clock, 'now').mockReturnValue(new Date(Date.now() + 120_000));
    expect(await retention.deleteExpiredThrottles()).toBe(live + 1);
    expect((await t.dataSource.query('SELECT key FROM rate_limits')) as unknown[]).toEqual([{ key: 'no-window' }]);
  });

  it('forgets the client address of audit events 90 days old, and keeps the events', async () => {
    await retention.forgetAuditIps();
    const mark = await lastAuditId(t);
    const audit = t.app.get(AuditService);
    const record = async (action: string, ip: string | null, daysAgo: number, hours: number): Promise<string> => {
      await audit.record(undefined, { id: '00000000-0000-4000-8000-000000000001', role: 'secretary', ip }, { action, subjectType: 'user', summary: { n: 1 } });
      const id = await lastAuditId(t);
      await t.dataSource.query('UPDATE audit_events SET created_at = $2 WHERE id = $1', [id, before(NOW, daysAgo, hours)]);
      return id;
    };
    const old = await record('test.old', '203.0.113.7', 90, 1);
    const young = await record('test.young', '203.0.113.8', 90, -1);
    const oldWithout = await record('test.old_without_ip', null, 400, 0);

    expect(await retention.forgetAuditIps()).toBe(1);
    const rows = await t.dataSource.query('SELECT id, action, actor_id, actor_role, summary, ip FROM audit_events WHERE id = ANY($1) ORDER BY id', [[old, young, oldWithout]]);
    expect(rows).toEqual([
      { id: old, action: 'test.old', actor_id: '00000000-0000-4000-8000-000000000001', actor_role: 'secretary', summary: { n: 1 }, ip: null },
      { id: young, action: 'test.young', actor_id: '00000000-0000-4000-8000-000000000001', actor_role: 'secretary', summary: { n: 1 }, ip: '203.0.113.8' },
      { id: oldWithout, action: 'test.old_without_ip', actor_id: '00000000-0000-4000-8000-000000000001', actor_role: 'secretary', summary: { n: 1 }, ip: null },
    ]);
    expect(await retentionAudits(t, mark)).toEqual([expect.objectContaining({ rule: 'audit-ips', summary: { count: 1 }, ip: null })]);
    expect(await retention.forgetAuditIps()).toBe(0);
    expect(await retentionAudits(t, mark)).toHaveLength(1);
  });

  describe('the outbox', () => {
    const stored = async (id: string): Promise<{ state: string; data: Record<string, string> }> => {
      const [row] = await t.dataSource.query(
        `SELECT state::text, data FROM ${QUEUE_SCHEMA}.job WHERE name = $1 AND id = $2
         UNION ALL SELECT state::text, data FROM ${QUEUE_SCHEMA}.archive WHERE name = $1 AND id = $2`,
        [MAIL_QUEUE, id],
      );
      return row;
    };
    const sent = async (n: number): Promise<string> => {
      const id = await t.app.get(MailService).queueNow({ to: `person-${n}@example.org`, subject: `Subject ${n}`, text: `Private text ${n}`, html: `<p>Private html ${n}</p>` });
      const deadline = Date.now() + 10_000;
      while ((await stored(id)).state !== 'completed' && Date.now() < deadline) await sleep(100);
      expect((await stored(id)).state).toBe('completed');
      return id;
    };
    const finishedAt = (id: string, at: Date, state = 'completed'): Promise<unknown> =>
      t.dataSource.query(`UPDATE ${QUEUE_SCHEMA}.job SET completed_on = $3, state = $4::${QUEUE_SCHEMA}.job_state WHERE name = $1 AND id = $2`, [MAIL_QUEUE, id, at, state]);
    const archive = (id: string): Promise<unknown> =>
      t.dataSource.query(
        `WITH moved AS (DELETE FROM ${QUEUE_SCHEMA}.job WHERE name = $1 AND id = $2 RETURNING *)
         INSERT INTO ${QUEUE_SCHEMA}.archive (id, name, priority, data, state, retry_limit, retry_count, retry_delay, retry_backoff, start_after, started_on, singleton_key, singleton_on, expire_in, created_on, completed_on, keep_until, dead_letter, policy, output)
         SELECT id, name, priority, data, state, retry_limit, retry_count, retry_delay, retry_backoff, start_after, started_on, singleton_key, singleton_on, expire_in, created_on, completed_on, keep_until, dead_letter, policy, output FROM moved`,
        [MAIL_QUEUE, id],
      );

    it('drops the text of emails 7 days after sending, live or archived, and keeps the envelope and every unsent email whole', async () => {
      await retention.dropSentMailBodies();
      const mark = await lastAuditId(t);
      const sentLongAgo = await sent(1);
      await finishedAt(sentLongAgo, before(NOW, 7, 1));
      const archivedLongAgo = await sent(2);
      await finishedAt(archivedLongAgo, before(NOW, 30));
      await archive(archivedLongAgo);
      const failedLongAgo = await sent(3);
      await finishedAt(failedLongAgo, before(NOW, 8), 'failed');
      const sentRecently = await sent(4);
      await finishedAt(sentRecently, before(NOW, 7, -1));
      // Not yet sent (held back by the queue), though queued long ago: it still needs its text.
      const waiting = (await t.app.get(QueueService).send(MAIL_QUEUE, { to: 'person-5@example.org', subject: 'Subject 5', text: 'Private text 5' }, { startAfter: 3600 }))!;
      await t.dataSource.query(`UPDATE ${QUEUE_SCHEMA}.job SET created_on = $3 WHERE name = $1 AND id = $2`, [MAIL_QUEUE, waiting, before(NOW, 30)]);

      expect(await retention.dropSentMailBodies()).toBe(3);
      expect((await stored(sentLongAgo)).data).toEqual({ to: 'person-1@example.org', subject: 'Subject 1' });
      expect((await stored(archivedLongAgo)).data).toEqual({ to: 'person-2@example.org', subject: 'Subject 2' });
      expect((await stored(failedLongAgo)).data).toEqual({ to: 'person-3@example.org', subject: 'Subject 3' });
      expect((await stored(sentRecently)).data).toEqual({ to: 'person-4@example.org', subject: 'Subject 4', text: 'Private text 4', html: '<p>Private html 4</p>' });
      expect(await stored(waiting)).toEqual({ state: 'created', data: { to: 'person-5@example.org', subject: 'Subject 5', text: 'Private text 5' } });
      expect(await retentionAudits(t, mark)).toEqual([expect.objectContaining({ rule: 'sent-mail-bodies', summary: { count: 3 }, ip: null })]);

      expect(await retention.dropSentMailBodies()).toBe(0);
      expect(await retentionAudits(t, mark)).toHaveLength(1);
    });
  });

  it('runs every rule daily through a singleton queue, UK time, and a full run after the others finds nothing left', async () => {
    const [queue] = await t.dataSource.query(`SELECT policy FROM ${QUEUE_SCHEMA}.queue WHERE name = $1`, [RETENTION_JOB_QUEUE]);
    expect(queue).toEqual({ policy: 'singleton' });
    const [schedule] = await t.dataSource.query(`SELECT cron, timezone FROM ${QUEUE_SCHEMA}.schedule WHERE name = $1`, [RETENTION_JOB_QUEUE]);
    expect(schedule).toEqual({ cron: '45 3 * * *', timezone: 'Europe/London' });

    await retention.runAll();
    const mark = await lastAuditId(t);
    expect(await retention.runAll()).toEqual({
      'unverified-accounts': 0,
      'spent-tokens': 0,
      'ended-handovers': 0,
      'expired-throttles': 0,
      'audit-ips': 0,
      'sent-mail-bodies': 0,
      'signed-letters': 0,
      'unconfirmed-signatures': 0,
      'update-addresses': 0,
      'follow-up-addresses': 0,
      'reply-addresses': 0,
    });
    expect(await lastAuditId(t)).toBe(mark);
  });
});
