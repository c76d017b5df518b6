import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { Client } from 'pg';
import PgBoss from 'pg-boss';
import { loadMailConfig } from '../../src/config/mail.config';
import { deliveryJobOptions, MailService } from '../../src/mail/mail.service';
import { MAIL_QUEUE, type OutgoingEmail } from '../../src/mail/outgoing-email';
import { QUEUE_SCHEMA, QueueService } from '../../src/queue/queue.service';
import { createTestDatabase } from '../utils/database';
import { captureLog, type LogEntry } from '../utils/log-capture';
import { startSmtpSink, type SmtpSink } from '../utils/smtp-sink';
import { createTestApp, type TestApp } from '../utils/test-app';

/**
 * How the outbox behaves on a bad day, with its default timings (the poll
 * interval, retry delay and expiry an operator gets): a burst of a hundred
 * emails, and a send cut short by a crash.
 */
const BURST = 100;
/** A bound, not a benchmark: one email every 2 s (the old worker) would take 200 s. */
const BURST_DEADLINE_MS = 10_000;

/** The mail settings at their defaults, whatever the shell running the tests sets; each app adds its own. */
const MAIL_DEFAULTS = { SMTP_URL: undefined, LOG_LEVEL: undefined, MAIL_POLL_SECONDS: undefined, MAIL_RETRY_DELAY_SECONDS: undefined, MAIL_RETRY_LIMIT: undefined };

const burstOf = (n: number, batch: string): OutgoingEmail[] =>
  Array.from({ length: n }, (_, i) => ({ to: `secretary-${i}@branch.example.org`, subject: `Approved ${batch} #${i}`, text: 'Your affiliation is approved.' }));

async function jobStates(t: TestApp, batch: string): Promise<Record<string, number>> {
  const rows = await t.dataSource.query<{ state: string; n: number }[]>(
    `SELECT state, count(*)::int AS n FROM ${QUEUE_SCHEMA}.job WHERE name = $1 AND data->>'subject' LIKE $2 GROUP BY state`,
    [MAIL_QUEUE, `Approved ${batch} #%`],
  );
  return Object.fromEntries(rows.map((r) => [r.state, r.n]));
}

describe('a burst of email over SMTP', () => {
  let sink: SmtpSink;
  let t: TestApp;
  beforeAll(async () => {
    sink = await startSmtpSink();
    t = await createTestApp({ env: { ...MAIL_DEFAULTS, SMTP_URL: sink.url } });
  });
  afterAll(async () => {
    await t?.close();
    await sink?.close();
  });

  it(`delivers ${BURST} emails within ${BURST_DEADLINE_MS / 1000} s, each exactly once`, async () => {
    const batch = randomUUID();
    const emails = burstOf(BURST, batch);
    const mine = (subject: string): boolean => subject.startsWith(`Approved ${batch} #`);
    // As a hundred approvals would: one transaction each.
    const mail = t.app.get(MailService);
    await Promise.all(emails.map((email) => t.dataSource.transaction((manager) => mail.queue(manager, email))));

    const deadline = Date.now() + BURST_DEADLINE_MS;
    while (sink.messages.filter((m) => mine(m.subject)).length < BURST && Date.now() < deadline) await sleep(100);
    expect(sink.messages.filter((m) => mine(m.subject)).length).toBe(BURST);

    await sleep(3000); // a few more rounds of the worker: nothing is sent twice
    const subjects = sink.attempts.filter((m) => mine(m.subject)).map((m) => m.subject);
    expect(subjects).toHaveLength(BURST);
    expect(new Set(subjects).size).toBe(BURST);
    expect(await jobStates(t, batch)).toEqual({ completed: BURST });
  });
});

describe('a burst of email written to the log', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ env: { ...MAIL_DEFAULTS, LOG_LEVEL: 'warn' } });
  });
  afterAll(() => t?.close());

  it(`writes ${BURST} emails within ${BURST_DEADLINE_MS / 1000} s, each exactly once`, async () => {
    const log = captureLog();
    try {
      const batch = randomUUID();
      const mail = t.app.get(MailService);
      await Promise.all(burstOf(BURST, batch).map((email) => mail.queueNow(email)));
      const written = (): string[] =>
        (log.entries() as (LogEntry & { email?: { subject: string } })[])
          .map((e) => e.email?.subject ?? '')
          .filter((subject) => subject.startsWith(`Approved ${batch} #`));

      const deadline = Date.now() + BURST_DEADLINE_MS;
      while (written().length < BURST && Date.now() < deadline) await sleep(100);
      expect(written()).toHaveLength(BURST);

      await sleep(3000);
      expect(written()).toHaveLength(BURST);
      expect(new Set(written()).size).toBe(BURST);
      expect(await jobStates(t, batch)).toEqual({ completed: BURST });
    } finally {
      log.restore();
    }
  });
});

describe('an email whose sending process crashed mid-send', () => {
  let sink: SmtpSink;
  let t: TestApp;
  afterAll(async () => {
    await t?.close();
    await sink?.close();
  });

  it('is sent again within a minute of the crash, once', async () => {
    sink = await startSmtpSink();
    const db = await createTestDatabase();

    // The crashed instance: it queued the email as the app does, took it for
    // sending (active, started 20 s ago) and died before marking it done.
    const crashed = new PgBoss({ connectionString: db.url, schema: QUEUE_SCHEMA, migrate: false, supervise: false, schedule: false });
    await crashed.start();
    await crashed.createQueue(MAIL_QUEUE);
    const subject = `Approved ${randomUUID()}`;
    const jobId = await crashed.send(MAIL_QUEUE, { to: 'secretary@branch.example.org', subject, text: 'Hello' }, deliveryJobOptions(loadMailConfig({})));
    const [taken] = await crashed.fetch(MAIL_QUEUE);
    expect(taken.id).toBe(jobId);
    const crashedAt = Date.now() - 20_000;
    await crashed.stop({ graceful: false });
    const client = new Client({ connectionString: db.url });
    await client.connect();
    await client.query(`UPDATE ${QUEUE_SCHEMA}.job SET started_on = started_on - interval '20 seconds' WHERE id = $1 AND state = 'active'`, [jobId]);
    await client.end();

    // Another instance (or the same one restarted) is running.
    t = await createTestApp({ database: db, env: { ...MAIL_DEFAULTS, SMTP_URL: sink.url } });
    const received = await sink.waitFor((m) => m.subject === subject, crashedAt + 60_000 - Date.now());
    expect(received.messageId).toBe(`<${jobId}@localhost>`);

    await sleep(3000);
    expect(sink.attempts.filter((m) => m.subject === subject)).toHaveLength(1);
    expect(await t.app.get(QueueService).getJob(MAIL_QUEUE, jobId as string)).toMatchObject({ state: 'completed' });
  }, 90_000);
});
