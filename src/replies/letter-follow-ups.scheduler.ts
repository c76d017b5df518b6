import { Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import type { AppConfig } from '../config';
import { QueueService } from '../queue/queue.service';
import { LetterFollowUpsService } from './letter-follow-ups.service';

export const FOLLOW_UPS_JOB_QUEUE = 'letter-follow-ups';
/** Every hour at 20 past (UK time): a questionnaire goes within the hour it falls due, in daytime or not. */
export const FOLLOW_UPS_JOB_CRON = '20 * * * *';

/**
 * Sends the due questionnaires through the job queue, like the daily jobs:
 * the schedule fires once across all instances and the singleton queue lets
 * one run at a time; each questionnaire is marked sent in the transaction
 * that queues its email, so a retried run sends nothing twice.
 */
@Injectable()
export class LetterFollowUpsScheduler implements OnApplicationBootstrap {
  private readonly env: AppConfig['env'];

  constructor(
    private readonly queue: QueueService,
    private readonly followUps: LetterFollowUpsService,
    config: ConfigService,
  ) {
    this.env = config.getOrThrow<AppConfig>('app').env;
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.queue.createQueue(FOLLOW_UPS_JOB_QUEUE, { policy: 'singleton' });
    await this.queue.schedule(FOLLOW_UPS_JOB_QUEUE, FOLLOW_UPS_JOB_CRON, {}, { tz: 'Europe/London' });
    // Tests send them directly, with a clock they control.
    if (this.env !== 'test') await this.queue.work(FOLLOW_UPS_JOB_QUEUE, async () => ({ sent: await this.followUps.sendDue() }));
  }
}
