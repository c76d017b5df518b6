import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Equals, IsBoolean, IsNotEmpty, IsOptional, IsString, MaxLength, MinLength, ValidateIf } from 'class-validator';
import { FormBody, FormBoolean, TrimmedOrUndefined } from '../../common/dto/transforms';
import { CalendarDateInput, CheckedBy, IsCalendarDate, IsSafeText } from '../../common/validation';
import { AffiliationChecks } from '../affiliation-checks';

/** Whether the date is in the last two years is checked with these rules (`AffiliationChecks`), so every problem comes at once. */
@CheckedBy(AffiliationChecks)
export class CreateAffiliationDto extends FormBody {
  @ApiProperty({ type: String, format: 'date', example: '2026-03-14', description: 'The date the branch passed the motion (YYYY-MM-DD; in the last two years)' })
  @CalendarDateInput()
  @IsNotEmpty({ message: 'Enter the date the motion was passed' })
  @IsCalendarDate({ label: 'The date the motion was passed' })
  motionPassedOn!: string;

  @ApiProperty({ enum: [true], example: true, description: 'The branch endorses the campaign’s statement (must be true)' })
  @FormBoolean()
  @Equals(true, { message: 'Confirm that the branch endorses the campaign’s statement' })
  endorsesStatement!: boolean;

  @ApiPropertyOptional({ description: 'Ask to pay what the branch can instead of its band’s fee (false when left out)', example: false })
  @FormBoolean()
  @IsOptional()
  @IsBoolean({ message: 'Say whether the branch asks to pay what it can' })
  payWhatYouCan?: boolean;

  @ApiPropertyOptional({ description: 'What the branch can pay and why (needed with payWhatYouCan)', minLength: 3, maxLength: 1000 })
  @TrimmedOrUndefined()
  @ValidateIf((o: CreateAffiliationDto) => o.payWhatYouCan === true || o.payWhatYouCanNote !== undefined)
  @IsString({ message: 'Enter what the branch can pay, and why' })
  @MinLength(3, { message: 'What the branch can pay must be at least 3 characters' })
  @MaxLength(1000, { message: 'What the branch can pay must be 1,000 characters or fewer' })
  @IsSafeText({ multiline: true, label: 'Note' })
  payWhatYouCanNote?: string;
}
