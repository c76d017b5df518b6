import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { MailService } from '../../src/mail/mail.service';
import { MAIL_QUEUE } from '../../src/mail/outgoing-email';
import { QueueService } from '../../src/queue/queue.service';
import { captureLog, type LogEntry } from '../utils/log-capture';
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
