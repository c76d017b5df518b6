import { Global, Module } from '@nestjs/common';
import { QueueService } from './queue.service';

/**
 * The job queue, for every feature: transactional email now, scheduled fee
 * jobs later. Global so a feature injects QueueService without importing this.
 * Needs the app's TypeORM DataSource (DatabaseModule.forRoot).
 */
@Global()
@Module({
  providers: [QueueService],
  exports: [QueueService],
})
export class QueueModule {}
