import { Module } from '@nestjs/common';
import { RepliesCoreModule } from './replies-core.module';

/**
 * Issue 18 (part B): the "did they reply?" questionnaire, replies the
 * writers tell the campaign about, their moderation and the public tallies.
 * Exports LetterFollowUpsService for the letter builder.
 */
@Module({
  imports: [RepliesCoreModule],
  exports: [RepliesCoreModule],
})
export class RepliesModule {}
