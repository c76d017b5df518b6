import { Module } from '@nestjs/common';
import { ErasureModule } from '../privacy/erasure.module';
import { RepliesCoreModule } from '../replies/replies-core.module';
import { UpdatesCoreModule } from '../updates/updates-core.module';
import { RetentionRepository } from './retention.repository';
import { RetentionScheduler } from './retention.scheduler';
import { RetentionService } from './retention.service';

/**
 * Deletes personal data once its period has passed (docs/PRIVACY.md), daily
 * through the job queue. Needs the global audit, clock, queue and mail
 * modules (MailRetention forgets what sent emails said).
 */
@Module({
  imports: [ErasureModule, UpdatesCoreModule, RepliesCoreModule],
  providers: [RetentionRepository, RetentionService, RetentionScheduler],
  exports: [RetentionService],
})
export class RetentionModule {}
