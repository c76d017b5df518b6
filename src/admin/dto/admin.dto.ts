import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsInt, IsOptional, IsString, Length, Matches, Max, MaxLength, Min } from 'class-validator';
import { PageQueryDto } from '../../common/dto/page-query.dto';
import { FormBody, FormInteger, TrimmedOrUndefined } from '../../common/dto/transforms';
import { IsEmailAddress, IsSafeText } from '../../common/validation';

export class AddNoteDto extends FormBody {
  @ApiProperty()
  @TrimmedOrUndefined()
  @IsString({ message: 'Write the note' })
  @Length(1, 4000, { message: 'Write the note (up to 4,000 characters)' })
  @IsSafeText({ multiline: true, label: 'Note' })
  body!: string;
}

export class AgreeAmountDto extends FormBody {
  @ApiProperty({ description: 'Integer pence' })
  @FormInteger()
  @IsInt({ message: 'Enter the amount in pence as a whole number' })
  @Min(0, { message: 'The amount cannot be negative' })
  @Max(10_000_000, { message: 'The amount is too large' })
  amountPence!: number;
}

export const AUDIT_ACTION_PATTERN = /^[a-z_]+(\.[a-z_]+)*\.?$/;

export class AuditQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ description: 'An action, or a prefix ending with a dot, e.g. "affiliation."' })
  @TrimmedOrUndefined()
  @IsOptional()
  @MaxLength(64, { message: 'action can be at most 64 characters' })
  @Matches(AUDIT_ACTION_PATTERN, { message: 'action must look like affiliation.approve (or a prefix such as affiliation.)' })
  action?: string;

  @ApiPropertyOptional({ description: 'The acting user’s email address' })
  @TrimmedOrUndefined()
  @IsOptional()
  @IsEmailAddress({ label: 'actor', invalid: 'actor must be an email address' })
  actor?: string;

  @ApiPropertyOptional({ example: '2026-01-01' })
  @TrimmedOrUndefined()
  @IsOptional()
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'from must be a date like 2026-01-31' })
  from?: string;

  @ApiPropertyOptional({ example: '2026-12-31' })
  @TrimmedOrUndefined()
  @IsOptional()
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'to must be a date like 2026-12-31' })
  to?: string;
}

export class ClaimDecisionDto extends FormBody {
  @ApiProperty({ enum: ['approve', 'decline'] })
  @IsIn(['approve', 'decline'], { message: 'decision must be approve or decline' })
  decision!: 'approve' | 'decline';
}

/** The admin page's form gives pounds (and pence), e.g. "12.50". */
export class AgreeAmountFormDto extends FormBody {
  @TrimmedOrUndefined()
  @IsString({ message: 'Enter the amount agreed, like 10 or 12.50' })
  @Matches(/^£?\d{1,6}(\.\d{2})?$/, { message: 'Enter the amount agreed in pounds, like 10 or 12.50' })
  amount!: string;
}
