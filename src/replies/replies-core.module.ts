import { Module } from '@nestjs/common';
import { LetterFollowUpsRepository } from './letter-follow-ups.repository';
import { LetterFollowUpsService } from './letter-follow-ups.service';
import { RepliesRepository } from './replies.repository';

/**
 * The questionnaire's requests alone (no pages): for the letter builder that
 * stores them, the job that sends them and the retention rule that forgets
 * their addresses, without the replies' pages.
 */
@Module({
  providers: [LetterFollowUpsRepository, LetterFollowUpsService, RepliesRepository],
  exports: [LetterFollowUpsService, RepliesRepository],
})
export class RepliesCoreModule {}
