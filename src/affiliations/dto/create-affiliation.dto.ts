import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Equals, IsBoolean, IsOptional, IsString, Length, Matches, ValidateIf } from 'class-validator';
import { FormBody, FormBoolean, TrimmedOrUndefined } from '../../common/dto/transforms';
import { IsSafeText } from '../../common/validation';

export class CreateAffiliationDto extends FormBody {
  @ApiProperty({ type: String, format: 'date', example: '2026-03-14', description: 'The date the branch passed the motion (YYYY-MM-DD; in the last two years)' })
  @TrimmedOrUndefined()
  @IsString({ message: 'Enter the date the motion was passed' })
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'Enter the date the motion was passed, like 2026-03-14' })
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
  @IsString({ message: 'Tell us what the branch can pay' })
  @Length(3, 1000, { message: 'Tell us what the branch can pay (3 to 1,000 characters)' })
  @IsSafeText({ multiline: true, label: 'Note' })
  payWhatYouCanNote?: string;
}
