import { Injectable, OnModuleInit } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import type { EntityManager } from 'typeorm';
import type { MailConfig } from '../config';
import { QueueService, type SendOptions } from '../queue/queue.service';
import { assertDeliverable } from './mail-message';
import { MAIL_QUEUE, type OutgoingEmail } from './outgoing-email';
import { SMTP_ATTEMPT_LIMIT_MS } from './smtp.transport';

/**
 * Longer than any SMTP attempt can take (SMTP_ATTEMPT_LIMIT_MS), so pg-boss
 * never gives up on a send that is still going and starts a second one; and no
 * longer, because it is also how long a send cut short by a crash (its job left
 * active) waits before it is retried: this, then at most the queue's
 * maintenance interval, then the first retry delay — within a minute.
 */
export const DELIVERY_EXPIRE_SECONDS = SMTP_ATTEMPT_LIMIT_MS / 1000 + 10;

/** Retries and expiry of every delivery job (also what a test's stand-in for a crashed instance uses). */
export function deliveryJobOptions(mail: MailConfig): SendOptions {
  return {
    retryLimit: mail.retryLimit,
    retryDelay: mail.retryDelaySeconds,
    retryBackoff: true,
    expireInSeconds: DELIVERY_EXPIRE_SECONDS,
  };
}

/**
 * The outbox. Features queue emails here; the delivery worker sends them.
 * Queue inside the transaction that makes the change the email reports, so an
 * email is sent exactly when that change is committed.
 */
@Injectable()
export class MailService implements OnModuleInit {
  private readonly jobOptions: SendOptions;

  constructor(
    private readonly queueService: QueueService,
    config: ConfigService,
  ) {
    this.jobOptions = deliveryJobOptions(config.getOrThrow<MailConfig>('mail'));
  }

  /** Before any bootstrap hook or request can queue an email. */
  async onModuleInit(): Promise<void> {
    await this.queueService.createQueue(MAIL_QUEUE);
  }

  /**
   * Queues `email` in the caller's transaction (`manager` from
   * `dataSource.transaction()`): if the transaction rolls back, the email never
   * existed. Resolves to the job id.
   */
  queue(manager: EntityManager, email: OutgoingEmail): Promise<string> {
    return this.enqueue(email, manager);
  }

  /** Queues `email` on its own, for an email that reports no database change. */
  queueNow(email: OutgoingEmail): Promise<string> {
    return this.enqueue(email);
  }

  private async enqueue(email: OutgoingEmail, manager?: EntityManager): Promise<string> {
    assertDeliverable(email);
    const data: OutgoingEmail = { to: email.to, subject: email.subject, text: email.text };
    if (email.html !== undefined) data.html = email.html;
    if (email.forgetOnceSent) data.forgetOnceSent = true;
    if (email.listUnsubscribe !== undefined) data.listUnsubscribe = email.listUnsubscribe;
    const id = await this.queueService.send(MAIL_QUEUE, data, this.jobOptions, manager);
    // The mail queue has the standard policy, which never refuses a job.
    if (!id) throw new Error('The mail queue refused a job');
    return id;
  }
}
