import { Global, Module } from '@nestjs/common';
import { QUEUE_ONE_SHOT } from './queue.service';

/**
 * Imported (beside the features) by a process that runs one job and exits,
 * such as `npm run jobs:run`: its QueueService sends jobs but starts no
 * worker, so the process never takes an email or a scheduled job meant for
 * the running instances, and never leaves one half-done when it exits.
 */
@Global()
@Module({
  providers: [{ provide: QUEUE_ONE_SHOT, useValue: true }],
  exports: [QUEUE_ONE_SHOT],
})
export class QueueOneShotModule {}
