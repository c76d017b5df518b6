import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, Matches, MaxLength } from 'class-validator';
import { PageQueryDto } from '../../common/dto/page-query.dto';
import { TrimmedOrUndefined } from '../../common/dto/transforms';
import { CalendarDateInput, IsCalendarDate, IsEmailAddress } from '../../common/validation';

export const AUDIT_ACTION_PATTERN = /^[a-z_]+(\.[a-z_]+)*\.?$/;

export class AuditQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ description: 'An action, or a prefix ending with a dot, e.g. `affiliation.`', maxLength: 64, pattern: AUDIT_ACTION_PATTERN.source, example: 'affiliation.' })
  @TrimmedOrUndefined()
  @IsOptional()
  @MaxLength(64, { message: 'action can be at most 64 characters' })
  @Matches(AUDIT_ACTION_PATTERN, { message: 'action must look like affiliation.approve (or a prefix such as affiliation.)' })
  action?: string;

  @ApiPropertyOptional({ format: 'email', description: 'The acting user’s email address' })
  @TrimmedOrUndefined()
  @IsOptional()
  @IsEmailAddress({ label: 'actor', invalid: 'actor must be an email address' })
  actor?: string;

  @ApiPropertyOptional({ type: String, format: 'date', example: '2026-01-01', description: 'From this day (UK time), inclusive' })
  @CalendarDateInput()
  @IsOptional()
  @IsCalendarDate({ label: 'The start date' })
  from?: string;

  @ApiPropertyOptional({ type: String, format: 'date', example: '2026-12-31', description: 'To this day (UK time), inclusive' })
  @CalendarDateInput()
  @IsOptional()
  @IsCalendarDate({ label: 'The end date' })
  to?: string;
}
