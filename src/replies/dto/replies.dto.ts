import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsDefined, IsIn, IsOptional, IsString, MaxLength } from 'class-validator';
import { PageQueryDto } from '../../common/dto/page-query.dto';
import { TrimmedOrUndefined } from '../../common/dto/transforms';
import { CalendarDateInput, DATE_EXAMPLE, FieldOrder, IsCalendarDate, IsEmailAddress, TextField } from '../../common/validation';
import { LETTER_KINDS, type LetterKind } from '../letter-kinds';
import { REPLY_STANCES, REPLY_STATUSES, type ReplyStance, type ReplyStatus } from '../reply-status';
import type { ReplyInput } from '../replies.service';

export const REPRESENTATIVE_MAX = 120;
export const AREA_MAX = 120;
export const SUMMARY_MAX = 1000;

/** A reply a writer reports: what the API takes. */
@FieldOrder('kind', 'representativeName', 'area', 'receivedOn', 'stance', 'summary', 'email')
export class SubmitReplyDto {
  @ApiProperty({ enum: LETTER_KINDS, enumName: 'LetterKind', description: 'Whom the letter went to' })
  @IsDefined({ message: 'Choose whom you wrote to' })
  @IsIn(LETTER_KINDS, { message: 'Choose whom you wrote to' })
  kind!: LetterKind;

  @ApiProperty({ maxLength: REPRESENTATIVE_MAX, description: 'Who replied (never public)', example: 'Jo Bloggs MP' })
  @TextField('Their name', REPRESENTATIVE_MAX, { missing: 'Enter the name of the person or body who replied' })
  representativeName!: string;

  @ApiPropertyOptional({
    maxLength: AREA_MAX,
    description: 'Constituency, ward or area. For `pcc`, a police force area’s key or name (GET /api/public/police-areas): PCC replies are counted per area',
    example: 'avon-and-somerset',
  })
  @TextField('Area', AREA_MAX)
  area?: string;

  @ApiProperty({ format: 'date', description: 'When the reply came (today or earlier)', example: '2026-11-30' })
  @CalendarDateInput()
  @IsDefined({ message: `Enter the date the reply came, like ${DATE_EXAMPLE}` })
  @IsCalendarDate({ label: 'The date the reply came' })
  receivedOn!: string;

  @ApiProperty({ enum: REPLY_STANCES, enumName: 'ReplyStance', description: 'How they answered' })
  @IsDefined({ message: 'Choose how they answered' })
  @IsIn(REPLY_STANCES, { message: 'Choose how they answered' })
  stance!: ReplyStance;

  @ApiPropertyOptional({ maxLength: SUMMARY_MAX, description: 'What they said, in a few lines (never public)' })
  @TextField('Summary', SUMMARY_MAX, { multiline: true })
  summary?: string;

  @ApiPropertyOptional({ format: 'email', maxLength: 254, description: 'For the campaign to follow up; never public; deleted after RETENTION_REPLY_ADDRESS_DAYS' })
  @TrimmedOrUndefined()
  @IsOptional()
  @IsEmailAddress()
  email?: string;
}

/** The form: the same, with its CSRF token and a field people never see (a honeypot). */
@FieldOrder('kind', 'representativeName', 'area', 'receivedOn', 'stance', 'summary', 'email')
export class SubmitReplyFormDto extends SubmitReplyDto {
  @IsOptional()
  @IsString()
  _csrf?: string;

  @IsOptional()
  @IsString()
  @MaxLength(500)
  website?: string;

  /** The form's police force area picker (a key); for a PCC's reply it is the area. */
  @TrimmedOrUndefined()
  @IsOptional()
  @IsString()
  @MaxLength(64)
  policeArea?: string;
}

export const replyInputOf = (dto: SubmitReplyDto): ReplyInput => ({
  kind: dto.kind,
  representativeName: dto.representativeName,
  area: dto.area,
  receivedOn: dto.receivedOn,
  stance: dto.stance,
  summary: dto.summary,
  email: dto.email,
});

export class ReplyAcceptedDto {
  @ApiProperty({ example: 'Thank you: an admin will read it before it is counted.' })
  message!: string;
}

export class AdminRepliesQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: REPLY_STATUSES, enumName: 'ReplyStatus', description: 'Only replies in this status' })
  @IsOptional()
  @IsIn(REPLY_STATUSES, { message: `status must be one of ${REPLY_STATUSES.join(', ')}` })
  status?: ReplyStatus;
}
