import { IsIn, IsOptional, IsString, Matches } from 'class-validator';
import { FOLLOW_UP_ANSWERS, type FollowUpAnswer } from '../follow-up-answer';

/** The questionnaire page's one button. */
export class FollowUpAnswerFormDto {
  @IsOptional()
  @IsString()
  _csrf?: string;

  @IsString({ message: 'The link is incomplete' })
  @Matches(/^[A-Za-z0-9_-]{43}$/, { message: 'The link is incomplete or mistyped: copy the whole link from the email' })
  token!: string;

  @IsIn(FOLLOW_UP_ANSWERS, { message: 'Choose an answer' })
  answer!: FollowUpAnswer;
}
