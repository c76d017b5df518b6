import { Injectable, Logger, OnApplicationBootstrap, OnModuleInit } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { DataSource, type EntityManager } from 'typeorm';
import type { AppConfig, UpdatesConfig } from '../config';
import { MIN_MAIL_POLL_SECONDS } from '../config/mail.config';
import { MailService } from '../mail/mail.service';
import { QueueService, type Job, type SendOptions } from '../queue/queue.service';
import { EmailUpdatesRepository } from './email-updates.repository';
import { updateEmail } from './update-content';
import { newUnsubscribeToken } from './update-tokens';

/** One job per batch; the next batch's job is queued by the transaction that sends this one. */
export const UPDATE_BATCH_QUEUE = 'email-update-batch';

interface BatchJob {
  updateId: string;
}

/**
 * A batch is one short transaction: far below this, so a batch cut short by a
 * crash is retried within about a minute and a half (this, pg-boss's
 * maintenance interval, the retry delay), never while it may still be running.
 */
const BATCH_EXPIRE_SECONDS = 60;

/** As the outbox's: ten retries from 5 s, doubling, ride out a database outage of an hour or two; a restart resumes after that. */
const BATCH_JOB: SendOptions = { retryLimit: 10, retryDelay: 5, retryBackoff: true, expireInSeconds: BATCH_EXPIRE_SECONDS };

/**
 * Sends an update's deliveries through the outbox, UPDATES_BATCH_SIZE at a
 * time, as a chain of jobs: the update names the one job that may send its
 * next batch (batch_job_id). Each batch is one transaction that locks the
 * update's row and checks it is that job, locks its unsent deliveries (SKIP
 * LOCKED), marks each sent with its token hash only if it was not
 * (`... AND sent_at IS NULL`), queues its email in the outbox (MailService),
 * adds to the update's count, and queues and names the job for the next
 * batch, at least UPDATES_BATCH_PAUSE_SECONDS later. A crash rolls the batch
 * back whole: nothing of it was queued, and its job is retried; a batch that
 * committed is never sent again, and its job, run again, stops at once. So
 * each recipient's email enters the outbox exactly once, at the pace set.
 */
@Injectable()
export class EmailUpdateSender implements OnModuleInit, OnApplicationBootstrap {
  private readonly logger = new Logger('Updates');
  private readonly config: UpdatesConfig;
  private readonly publicUrl: string;

  constructor(
    private readonly dataSource: DataSource,
    private readonly repository: EmailUpdatesRepository,
    private readonly queue: QueueService,
    private readonly mail: MailService,
    config: ConfigService,
  ) {
    this.config = config.getOrThrow<UpdatesConfig>('updates');
    this.publicUrl = config.getOrThrow<AppConfig>('app').publicUrl;
  }

  async onModuleInit(): Promise<void> {
    await this.queue.createQueue(UPDATE_BATCH_QUEUE);
  }

  async onApplicationBootstrap(): Promise<void> {
    const poll = Math.min(2, Math.max(MIN_MAIL_POLL_SECONDS, this.config.pauseSeconds));
    const workers = await this.queue.work<BatchJob>(UPDATE_BATCH_QUEUE, (job) => this.run(job), { pollingIntervalSeconds: poll });
    // Only an instance that works the queue (not the one-shot jobs CLI) picks up what a long outage left stalled;
    // failing to (the database is unavailable just now) must not stop it starting.
    if (workers.length > 0) {
      await this.resumeStalled().catch((error: unknown) =>
        this.logger.error({ msg: 'Could not check for stalled email updates', error: error instanceof Error ? error.message : String(error) }),
      );
    }
  }

  /**
   * Gives each update whose batch job gave up (its last retry failed, in a
   * long outage) a new one, so a restart finishes every update. Each is
   * checked again under its row lock: instances starting together resume it once.
   */
  async resumeStalled(): Promise<number> {
    let resumed = 0;
    for (const id of await this.repository.findStalled(UPDATE_BATCH_QUEUE)) {
      const done = await this.dataSource.transaction(async (manager) => {
        const update = await this.repository.lockForBatch(manager, id);
        if (!update || update.completedAt) return false;
        if (!(await this.repository.findStalled(UPDATE_BATCH_QUEUE, manager)).includes(id)) return false;
        await this.chain(manager, id, 0);
        return true;
      });
      if (done) resumed += 1;
    }
    if (resumed > 0) this.logger.warn({ msg: 'Stalled email updates resumed', count: resumed });
    return resumed;
  }

  /** Queues the first batch, in the transaction that creates the update. */
  async start(manager: EntityManager, updateId: string): Promise<void> {
    await this.chain(manager, updateId, 0);
  }

  private async run(job: Job<BatchJob>): Promise<void> {
    const sent = await this.sendBatch(job.data.updateId, job.id);
    if (sent > 0) this.logger.log({ msg: 'Update batch queued', updateId: job.data.updateId, emails: sent });
  }

  /** Sends one batch of the update as job `jobId`; resolves to how many emails it queued. */
  async sendBatch(updateId: string, jobId: string): Promise<number> {
    return this.dataSource.transaction(async (manager) => {
      const update = await this.repository.lockForBatch(manager, updateId);
      // Gone, finished, or this job is not the update's current one (its batch committed before a crash and the next is queued).
      if (!update || update.completedAt || update.batchJobId !== jobId) return 0;
      const pending = await this.repository.lockUnsent(manager, updateId, this.config.batchSize);
      let sent = 0;
      for (const delivery of pending) {
        const { token, hash } = newUnsubscribeToken();
        if (!(await this.repository.markSent(manager, delivery.id, hash))) continue;
        await this.mail.queue(manager, updateEmail(update, delivery.email, delivery.audience, `${this.publicUrl}/unsubscribe/${token}`));
        sent += 1;
      }
      const left = await this.repository.recordBatch(manager, updateId, sent);
      if (left > 0) await this.chain(manager, updateId, this.config.pauseSeconds);
      else await this.repository.setBatchJob(manager, updateId, null);
      return sent;
    });
  }

  /** Queues the job for the update's next batch, `after` seconds from now, and names it on the update. */
  private async chain(manager: EntityManager, updateId: string, after: number): Promise<void> {
    const jobId = await this.queue.send(UPDATE_BATCH_QUEUE, { updateId }, { ...BATCH_JOB, startAfter: after }, manager);
    // The queue has the standard policy, which never refuses a job.
    if (!jobId) throw new Error('The update batch queue refused a job');
    await this.repository.setBatchJob(manager, updateId, jobId);
  }
}
