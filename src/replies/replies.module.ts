import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { PoliceAreasModule } from '../police-areas/police-areas.module';
import { AdminRepliesController } from './admin-replies.controller';
import { AdminRepliesPageController } from './admin-replies.page.controller';
import { LetterFollowUpsScheduler } from './letter-follow-ups.scheduler';
import { RepliesController } from './replies.controller';
import { RepliesCoreModule } from './replies-core.module';
import { RepliesPageController } from './replies.page.controller';
import { RepliesService } from './replies.service';

/**
 * Issue 18 (part B): the "did they reply?" questionnaire, replies the
 * writers tell the campaign about, their moderation and the public tallies.
 * Exports LetterFollowUpsService (through RepliesCoreModule) for the letter builder.
 */
@Module({
  imports: [AuditModule, PoliceAreasModule, RepliesCoreModule],
  controllers: [RepliesController, AdminRepliesController, RepliesPageController, AdminRepliesPageController],
  providers: [RepliesService, LetterFollowUpsScheduler],
  exports: [RepliesCoreModule],
})
export class RepliesModule {}
