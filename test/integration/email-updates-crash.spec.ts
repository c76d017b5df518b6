import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { Client } from 'pg';
import { EmailUpdatesService } from '../../src/updates/email-updates.service';
import { EmailUpdateSender, UPDATE_BATCH_QUEUE } from '../../src/updates/email-update-sender';
import { MAIL_QUEUE } from '../../src/mail/outgoing-email';
import { QUEUE_SCHEMA } from '../../src/queue/queue.service';
import { makeApprovedAffiliation, makeSecretary } from '../factories/database.factory';
import { createTestDatabase, type TestDatabase } from '../utils/database';
import { freePort } from '../utils/own-postgres';
import { startSmtpSink, type SmtpSink } from '../utils/smtp-sink';
import { createTestApp, type TestApp } from '../utils/test-app';
import { until } from '../utils/until';

const root = join(__dirname, '..', '..');
const main = join(root, 'dist', 'src', 'main.js');
const RECIPIENTS = 8;
const SUBJECT = 'Crash-proof update';

/**
 * A real crash: the built server (`npm test` builds first) sends an update in
 * batches of one, and is killed with SIGKILL part-way. Another instance then
 * starts on the same database: the rest of the recipients get the update,
 * each exactly once, and nobody gets it twice.
 */
describe('an email update whose sending process is killed part-way', () => {
  let sink: SmtpSink;
  let db: TestDatabase;
  let child: ChildProcess | undefined;
  let restarted: TestApp | undefined;
  let sql: Client;

  const sentCount = async (): Promise<number> => (await sql.query<{ n: number }>(`SELECT sent_count AS n FROM email_updates`)).rows[0]?.n ?? 0;

  beforeAll(() => {
    if (!existsSync(main)) throw new Error('dist/src/main.js is missing: run `npm run build` (npm test does it first)');
  });
  afterAll(async () => {
    child?.kill('SIGKILL');
    await sql?.end();
    await restarted?.close();
    await sink?.close();
  });

  it('delivers the rest once after a restart, none twice', async () => {
    sink = await startSmtpSink();
    db = await createTestDatabase();
    sql = new Client({ connectionString: db.url });
    await sql.connect();

    // The update is written by one instance, whose next batch waits an hour: it sends the first recipient only, then stops.
    const writer = await createTestApp({ database: db, env: { SMTP_URL: sink.url, MAIL_POLL_SECONDS: '0.5', UPDATES_BATCH_SIZE: '1', UPDATES_BATCH_PAUSE_SECONDS: '3600' } });
    const secretaries = [];
    for (let i = 0; i < RECIPIENTS; i++) secretaries.push(await makeSecretary(writer, { email: `crash-${i}@branch.example.org` }));
    for (const secretary of secretaries) await makeApprovedAffiliation(writer, { secretary });
    const { id: updateId, recipients } = await writer.app
      .get(EmailUpdatesService)
      .create({ id: null, role: 'admin' }, { subject: SUBJECT, body: 'News that must arrive once.', audiences: ['branches'] });
    expect(recipients).toBe(RECIPIENTS);
    await sink.waitFor((m) => m.subject === SUBJECT);
    // The first batch's job, run again as after a crash between its commit and pg-boss marking it done, does nothing:
    // the update names the next batch's job now.
    const batchJobs = () => sql.query<{ id: string; state: string }>(`SELECT id, state::text FROM ${QUEUE_SCHEMA}.job WHERE name = $1 ORDER BY created_on`, [UPDATE_BATCH_QUEUE]);
    await until(async () => (await batchJobs()).rows[0]?.state === 'completed', 10_000, 'the first batch job to be marked done');
    const jobs = await batchJobs();
    expect(jobs.rows.map((j) => j.state)).toEqual(['completed', 'created']);
    expect(await writer.app.get(EmailUpdateSender).sendBatch(updateId, jobs.rows[0]!.id)).toBe(0);
    expect(await sentCount()).toBe(1);
    await writer.app.close();

    // The built server takes over at once, one email a second, and is killed part-way.
    await sql.query(`UPDATE ${QUEUE_SCHEMA}.job SET start_after = now() WHERE name = $1 AND state = 'created'`, [UPDATE_BATCH_QUEUE]);
    // A port nothing holds (a random one could be an outgoing connection's), and the server's output kept for a failure's message.
    const port = await freePort();
    child = spawn(process.execPath, [main], {
      cwd: root,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: {
        ...process.env,
        NODE_ENV: 'development',
        PORT: String(port),
        DATABASE_URL: db.url,
        SMTP_URL: sink.url,
        MAIL_POLL_SECONDS: '0.5',
        UPDATES_BATCH_SIZE: '1',
        UPDATES_BATCH_PAUSE_SECONDS: '1',
        LOG_LEVEL: 'warn',
      },
    });
    // Killed between batches, once the emails of those sent are out: the outbox itself may repeat an email whose
    // sender died between the SMTP server's "accepted" and marking it done (same Message-ID; see the mail tests), which
    // is not what this test is about.
    let output = '';
    const keep = (chunk: Buffer): void => {
      output = (output + chunk.toString()).slice(-4000);
    };
    child.stdout!.on('data', keep);
    child.stderr!.on('data', keep);
    const sentAtSink = (): number => sink.messages.filter((m) => m.subject === SUBJECT).length;
    await until(async () => (await sentCount()) >= 3 && sentAtSink() === (await sentCount()), 60_000, 'the server to send some of the update').catch(
      async (error: Error) => {
        throw new Error(`${error.message} (sent ${await sentCount()}, at the sink ${sentAtSink()}, server exited: ${child!.exitCode ?? 'no'}); its output:\n${output}`);
      },
    );
    await sleep(200);
    child.kill('SIGKILL');
    await new Promise((resolve) => child!.once('exit', resolve));
    const sentBeforeCrash = await sentCount();
    expect(sentBeforeCrash).toBeGreaterThanOrEqual(3);
    expect(sentBeforeCrash).toBeLessThan(RECIPIENTS);

    // What the dead process held (a batch or an email being sent) is left active: age it past its expiry, as the mail test does,
    // rather than wait the minute pg-boss's maintenance would.
    await sql.query(`UPDATE ${QUEUE_SCHEMA}.job SET started_on = started_on - interval '5 minutes' WHERE name = ANY($1) AND state = 'active'`, [[UPDATE_BATCH_QUEUE, MAIL_QUEUE]]);

    restarted = await createTestApp({ database: db, env: { SMTP_URL: sink.url, MAIL_POLL_SECONDS: '0.5', MAIL_RETRY_DELAY_SECONDS: '1', UPDATES_BATCH_SIZE: '2', UPDATES_BATCH_PAUSE_SECONDS: '0' } });
    const mine = () => sink.messages.filter((m) => m.subject === SUBJECT);
    await until(() => new Set(mine().flatMap((m) => m.to)).size === RECIPIENTS, 90_000, 'every recipient to get the update');
    await until(async () => (await sentCount()) === RECIPIENTS, 10_000, 'the update to be complete');
    await sleep(2000); // a few more rounds of both workers: nothing is sent twice

    const attempts = sink.attempts.filter((m) => m.subject === SUBJECT).flatMap((m) => m.to).sort();
    expect(attempts).toEqual(secretaries.map((s) => s.email).sort());
    const deliveries = await sql.query<{ sent: number; total: number }>(
      `SELECT count(*) FILTER (WHERE sent_at IS NOT NULL)::int AS sent, count(*)::int AS total FROM email_update_deliveries`,
    );
    expect(deliveries.rows[0]).toEqual({ sent: RECIPIENTS, total: RECIPIENTS });
    // And exactly one email per recipient ever entered the outbox.
    const outbox = await sql.query<{ to: string; n: number }>(
      `SELECT data->>'to' AS to, count(*)::int AS n FROM (
         SELECT data FROM ${QUEUE_SCHEMA}.job WHERE name = $1 UNION ALL SELECT data FROM ${QUEUE_SCHEMA}.archive WHERE name = $1
       ) j WHERE data->>'subject' = $2 GROUP BY 1`,
      [MAIL_QUEUE, SUBJECT],
    );
    expect(outbox.rows).toHaveLength(RECIPIENTS);
    expect(outbox.rows.every((r) => r.n === 1)).toBe(true);
    const [{ completed_at }] = (await sql.query(`SELECT completed_at FROM email_updates`)).rows;
    expect(completed_at).toBeInstanceOf(Date);
  }, 180_000);

  it('finishes on the next start an update whose batch job gave up (its last retry failed)', async () => {
    const db2 = await createTestDatabase();
    const writer = await createTestApp({ database: db2, env: { UPDATES_BATCH_SIZE: '1', UPDATES_BATCH_PAUSE_SECONDS: '3600' } });
    for (let i = 0; i < 3; i++) await makeApprovedAffiliation(writer, { secretary: await makeSecretary(writer, { email: `stalled-${i}@branch.example.org` }) });
    const { id } = await writer.app.get(EmailUpdatesService).create({ id: null, role: 'admin' }, { subject: 'Stalled', body: 'An update a long outage stopped.', audiences: ['branches'] });
    const sent = async (): Promise<number> => (await writer.dataSource.query(`SELECT sent_count AS n FROM email_updates WHERE id = $1`, [id]))[0].n;
    await until(async () => (await sent()) === 1, 10_000, 'the first batch');
    await writer.dataSource.query(`UPDATE ${QUEUE_SCHEMA}.job SET state = 'failed', completed_on = now() WHERE name = $1 AND state = 'created'`, [UPDATE_BATCH_QUEUE]);
    await writer.app.close();

    const next = await createTestApp({ database: db2, env: { UPDATES_BATCH_SIZE: '1', UPDATES_BATCH_PAUSE_SECONDS: '0' } });
    try {
      await until(async () => (await next.dataSource.query(`SELECT completed_at FROM email_updates WHERE id = $1`, [id]))[0].completed_at !== null, 20_000, 'the update to finish');
      expect((await next.dataSource.query(`SELECT sent_count FROM email_updates WHERE id = $1`, [id]))[0].sent_count).toBe(3);
      expect(await next.app.get(EmailUpdateSender).resumeStalled()).toBe(0);
    } finally {
      await next.close();
    }
  }, 60_000);
});
