import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import type { MailConfig } from '../config';
import { QueueService, type Job } from '../queue/queue.service';
import { MailRecipientsService } from './mail-recipients.service';
import { toMailMessage } from './mail-message';
import { MailDeliveryError } from './mail.errors';
import { MailTransport } from './mail.transport';
import { MAIL_QUEUE, type OutgoingEmail } from './outgoing-email';

/**
 * Takes queued emails and hands them to the transport, in this process,
 * MAIL_CONCURRENCY at a time, draining a burst without waiting between emails.
 * An attempt that throws is retried with backoff (MAIL_RETRY_LIMIT,
 * MAIL_RETRY_DELAY_SECONDS); one that succeeds is marked done at once, so the
 * window in which a crash could send it twice is as short as it can be.
 */
@Injectable()
export class MailDeliveryWorker implements OnApplicationBootstrap {
  private readonly logger = new Logger('Mail');
  private readonly config: MailConfig;

  constructor(
    private readonly queueService: QueueService,
    private readonly transport: MailTransport,
    private readonly recipients: MailRecipientsService,
    config: ConfigService,
  ) {
    this.config = config.getOrThrow<MailConfig>('mail');
  }

  /** After every module's init, so the queue exists and the transport is ready. */
  async onApplicationBootstrap(): Promise<void> {
    await this.queueService.work<OutgoingEmail>(MAIL_QUEUE, (job) => this.deliver(job), {
      pollingIntervalSeconds: this.config.pollSeconds,
      concurrency: this.config.concurrency,
    });
  }

  /**
   * What this logs is the envelope of the envelope: the job, the Message-ID and
   * the attempt. Never the address, the subject or the text, and a failure's
   * reason without the addresses a relay quotes, so the log of a production
   * instance says which emails went and when, not to whom or about what.
   */
  async deliver(job: Job<OutgoingEmail>): Promise<void> {
    const message = toMailMessage(job.id, job.data, this.config.from);
    try {
      await this.transport.deliver(message);
    } catch (error) {
      throw new MailDeliveryError(error);
    }
    try {
      await this.queueService.complete(MAIL_QUEUE, job.id);
    } catch (error) {
      // The email is out: failing the job now would send it again. pg-boss
      // completes it once this handler returns anyway.
      this.logger.error({
        msg: 'Email sent but not yet marked done',
        jobId: job.id,
        error: error instanceof Error ? error.message : String(error),
      });
    }
    if (job.data.forgetOnceSent) {
      await this.recipients.forgetJob(job.id).catch((error: unknown) =>
        this.logger.error({ msg: 'Email sent but its content not yet forgotten', jobId: job.id, error: error instanceof Error ? error.message : String(error) }),
      );
    }
    this.logger.log({ msg: 'Email handed over', jobId: job.id, messageId: message.messageId, attempt: job.retryCount + 1 });
  }
}
