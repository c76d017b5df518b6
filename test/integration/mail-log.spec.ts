import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { MailService } from '../../src/mail/mail.service';
import { MAIL_QUEUE } from '../../src/mail/outgoing-email';
import { QueueService } from '../../src/queue/queue.service';
import { captureLog, type LogEntry } from '../utils/log-capture';
import { startSmtpSink, type SmtpSink } from '../utils/smtp-sink';
import { createTestApp, type TestApp } from '../utils/test-app';

interface MailEntry extends LogEntry {
  email?: { to: string; from: string; subject: string; text: string; html?: string; messageId: string };
}

describe('the email outbox with SMTP_URL unset', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ env: { SMTP_URL: undefined, LOG_LEVEL: 'warn', MAIL_POLL_SECONDS: '0.5' } });
  });
  afterAll(() => t?.close());

  it('writes each email to the log in full, links included, as one entry from Mail', async () => {
    const log = captureLog();
    try {
      const link = `http://localhost:3000/reset-password?token=${randomUUID()}${randomUUID()}`;
      const subject = `Reset your password ${randomUUID()}`;
      const text = `Someone asked to reset the password for this address.\n\nTo choose a new one, open:\n${link}\n\nIf it was not you, ignore this email.`;
      const jobId = await t.dataSource.transaction((manager) =>
        t.app.get(MailService).queue(manager, { to: 'treasurer@branch.example.org', subject, text }),
      );

      const deadline = Date.now() + 10_000;
      let entries = (log.entries() as MailEntry[]).filter((e) => e.email?.subject === subject);
      while (entries.length === 0 && Date.now() < deadline) {
        await sleep(100);
        entries = (log.entries() as MailEntry[]).filter((e) => e.email?.subject === subject);
      }
      await sleep(2000); // a few more polls: still one entry

      entries = (log.entries() as MailEntry[]).filter((e) => e.email?.subject === subject);
      expect(entries).toHaveLength(1);
      expect(entries[0]).toMatchObject({
        level: 30,
        context: 'Mail',
        email: { to: 'treasurer@branch.example.org', subject, text, messageId: `<${jobId}@localhost>` },
      });
      expect(entries[0].email?.text).toContain(link);
      expect(await t.app.get(QueueService).getJob(MAIL_QUEUE, jobId)).toMatchObject({ state: 'completed' });
    } finally {
      log.restore();
    }
  });
});

describe('the email outbox with SMTP_URL set', () => {
  let sink: SmtpSink;
  let t: TestApp;
  beforeAll(async () => {
    sink = await startSmtpSink();
    t = await createTestApp({ env: { SMTP_URL: sink.url, LOG_LEVEL: 'warn', MAIL_POLL_SECONDS: '0.5', MAIL_RETRY_LIMIT: '0' } });
  });
  afterAll(async () => {
    await t?.close();
    await sink?.close();
  });

  /** Queues an email whose every part is a unique marker, so a trace of any of them in the log shows. */
  const queueMarked = (to: string): Promise<{ jobId: string; subject: string; text: string }> => {
    const subject = `Your branch ${randomUUID()}`;
    const text = `Private words ${randomUUID()}, link http://localhost:3000/reset-password?token=${randomUUID()}`;
    return t.dataSource
      .transaction((manager) => t.app.get(MailService).queue(manager, { to, subject, text, html: `<p>${text}</p>` }))
      .then((jobId) => ({ jobId, subject, text }));
  };

  it('logs that an email went (job id, Message-ID, attempt), never its address, subject or text', async () => {
    const log = captureLog();
    try {
      const to = `secretary-${randomUUID()}@branch.example.org`;
      const { jobId, subject, text } = await queueMarked(to);
      await sink.waitFor((m) => m.subject === subject);
      const deadline = Date.now() + 5_000;
      const handedOver = (): LogEntry | undefined => log.entries().find((e) => e.msg === 'Email handed over' && e.jobId === jobId);
      while (!handedOver() && Date.now() < deadline) await sleep(50);

      expect(handedOver()).toMatchObject({ level: 30, context: 'Mail', jobId, messageId: `<${jobId}@localhost>`, attempt: 1 });
      for (const secret of [to, to.split('@')[0]!, subject, text]) expect(log.raw()).not.toContain(secret);
    } finally {
      log.restore();
    }
  });

  it("logs a relay's refusal with the addresses it quotes taken out, and keeps them out of the failed job too", async () => {
    const log = captureLog();
    try {
      const to = `gone-${randomUUID()}@branch.example.org`;
      sink.rejectRecipient(to);
      const { jobId } = await queueMarked(to);
      const queue = t.app.get(QueueService);
      const deadline = Date.now() + 10_000;
      while ((await queue.getJob(MAIL_QUEUE, jobId))?.state !== 'failed' && Date.now() < deadline) await sleep(100);
      const job = await queue.getJob(MAIL_QUEUE, jobId);
      expect(job).toMatchObject({ state: 'failed' });

      const failure = log.entries().find((e) => e.msg === 'Job failed' && e.jobId === jobId);
      expect(failure).toMatchObject({ queue: MAIL_QUEUE, attempt: 1, retriesLeft: 0 });
      expect(failure?.error).toMatch(/550 5\.1\.1 <\[address\]>: Recipient address rejected/);
      expect(log.raw()).not.toContain(to.split('@')[0]!);
      expect(JSON.stringify(job?.output)).not.toContain(to.split('@')[0]!);
    } finally {
      log.restore();
    }
  });
});
