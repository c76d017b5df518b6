import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { MailService } from '../../src/mail/mail.service';
import { MAIL_QUEUE, type OutgoingEmail } from '../../src/mail/outgoing-email';
import { NotInTransactionError } from '../../src/queue/queue.errors';
import { QueueService } from '../../src/queue/queue.service';
import { startSmtpSink, type SmtpSink, type SunkMessage } from '../utils/smtp-sink';
import { createTestApp, type TestApp } from '../utils/test-app';

/** The fastest pg-boss allows, so each test waits as little as possible. */
const POLL_SECONDS = 0.5;
/** Long enough for the worker to have picked up anything that was there to pick up. */
const A_FEW_POLLS_MS = POLL_SECONDS * 1000 * 5;

describe('the email outbox, delivering over SMTP', () => {
  let sink: SmtpSink;
  let t: TestApp;
  let mail: MailService;
  let queue: QueueService;

  beforeAll(async () => {
    sink = await startSmtpSink();
    t = await createTestApp({
      env: { SMTP_URL: sink.url, MAIL_POLL_SECONDS: String(POLL_SECONDS), MAIL_RETRY_DELAY_SECONDS: '1' },
    });
    mail = t.app.get(MailService);
    queue = t.app.get(QueueService);
  });

  afterAll(async () => {
    await t?.close();
    await sink?.close();
  });

  /** A unique subject, so each test finds its own email among the others. */
  const email = (overrides: Partial<OutgoingEmail> = {}): OutgoingEmail => ({
    to: 'secretary@branch.example.org',
    subject: `Test ${randomUUID()}`,
    text: 'Hello',
    ...overrides,
  });
  const withSubject = (subject: string) => (m: SunkMessage) => m.subject === subject;

  async function jobsWithSubject(subject: string): Promise<number> {
    const [{ n }] = await t.dataSource.query<{ n: number }[]>(
      `SELECT count(*)::int AS n FROM pgboss.job WHERE data->>'subject' = $1`,
      [subject],
    );
    return n;
  }

  it('never sends an email queued in a transaction that rolls back', async () => {
    const rolledBack = email();
    await expect(
      t.dataSource.transaction(async (manager) => {
        await mail.queue(manager, rolledBack);
        throw new Error('the change failed');
      }),
    ).rejects.toThrow('the change failed');

    // An email queued after it arrives, so the worker has been round since...
    const later = email();
    await t.dataSource.transaction((manager) => mail.queue(manager, later));
    await sink.waitFor(withSubject(later.subject));
    // ...and a few more polls change nothing: the job was never stored.
    await sleep(A_FEW_POLLS_MS);
    expect(sink.attempts.filter(withSubject(rolledBack.subject))).toHaveLength(0);
    expect(await jobsWithSubject(rolledBack.subject)).toBe(0);
  });

  it('delivers an email queued in a committed transaction once, as written', async () => {
    const link = `http://localhost:3000/verify-email?token=${'a1B2'.repeat(16)}`;
    const sent = email({
      subject: 'Confirm your email — Affiliation Portal (fee £25)',
      text: `Hello Jo,\n\nPlease confirm your email address by opening this link:\n${link}\n\nThe campaign’s volunteers`,
      html: `<p>Please confirm: <a href="${link}">${link}</a></p>`,
    });
    const jobId = await t.dataSource.transaction((manager) => mail.queue(manager, sent));

    const received = await sink.waitFor(withSubject(sent.subject));
    expect(received.to).toEqual([sent.to]);
    expect(received.text).toBe(sent.text);
    expect(received.text).toContain(link);
    expect(received.html).toBe(sent.html);
    expect(received.from).toBe('affiliations@localhost');
    expect(received.messageId).toBe(`<${jobId}@localhost>`);

    await sleep(A_FEW_POLLS_MS);
    expect(sink.attempts.filter(withSubject(sent.subject))).toHaveLength(1);
    expect(await queue.getJob(MAIL_QUEUE, jobId)).toMatchObject({ state: 'completed', retryCount: 0 });
  });

  it('retries a delivery the server refuses for now, and delivers it exactly once', async () => {
    const sent = email({ text: 'Your invoice is ready: http://localhost:3000/branches/1/invoices' });
    sink.failNext(1);
    const jobId = await mail.queueNow(sent);

    const received = await sink.waitFor(withSubject(sent.subject), 15_000);
    expect(received.text).toBe(sent.text);

    await sleep(A_FEW_POLLS_MS);
    const tries = sink.attempts.filter(withSubject(sent.subject));
    expect(tries).toHaveLength(2);
    // The retry is the same message, recognisable as such by any server that saw the first.
    expect(tries[1].messageId).toBe(tries[0].messageId);
    expect(sink.messages.filter(withSubject(sent.subject))).toHaveLength(1);
    expect(await queue.getJob(MAIL_QUEUE, jobId)).toMatchObject({ state: 'completed', retryCount: 1 });
  });

  it('refuses to queue with a manager that is not in a transaction, rather than send regardless', async () => {
    const orphan = email();
    await expect(mail.queue(t.dataSource.manager, orphan)).rejects.toThrow(NotInTransactionError);
    expect(await jobsWithSubject(orphan.subject)).toBe(0);
  });

  it('refuses an email whose subject would inject a header, failing the caller\'s transaction', async () => {
    const injected = email({ subject: 'Hello\r\nBcc: everyone@example.org' });
    await expect(t.dataSource.transaction((manager) => mail.queue(manager, injected))).rejects.toThrow(
      /subject.*one non-empty line/,
    );
  });
});
