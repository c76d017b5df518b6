import { Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import type { AppConfig, RetentionConfig } from '../config';
import { QueueService } from '../queue/queue.service';
import { RetentionService } from './retention.service';

export const RETENTION_JOB_QUEUE = 'retention';

/**
 * Runs every retention rule once a day (RETENTION_JOB_CRON, UK time) through
 * the job queue: the schedule fires once across all instances, and the
 * singleton queue lets one run at a time. A run that fails is retried by the
 * queue; the next day's run catches up with anything a failed one left.
 */
@Injectable()
export class RetentionScheduler implements OnApplicationBootstrap {
  private readonly config: RetentionConfig;
  private readonly env: AppConfig['env'];

  constructor(
    private readonly queue: QueueService,
    private readonly retention: RetentionService,
    config: ConfigService,
  ) {
    this.config = config.getOrThrow<RetentionConfig>('retention');
    this.env = config.getOrThrow<AppConfig>('app').env;
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.queue.createQueue(RETENTION_JOB_QUEUE, { policy: 'singleton' });
    await this.queue.schedule(RETENTION_JOB_QUEUE, this.config.jobCron, {}, { tz: 'Europe/London' });
    // Tests run the rules directly, with a clock they control.
    if (this.env !== 'test') await this.queue.work(RETENTION_JOB_QUEUE, () => this.retention.runAll());
  }
}
