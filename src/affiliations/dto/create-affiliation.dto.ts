import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Equals, IsBoolean, IsOptional, IsString, Length, Matches, ValidateIf } from 'class-validator';
import { FormBody, FormBoolean, TrimmedOrUndefined } from '../../common/dto/transforms';
import { IsSafeText } from '../../common/validation';

export class CreateAffiliationDto extends FormBody {
  @ApiProperty({ example: '2026-03-14', description: 'The date the branch passed the motion' })
  @TrimmedOrUndefined()
  @IsString({ message: 'Enter the date the motion was passed' })
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'Enter the date the motion was passed, like 2026-03-14' })
  motionPassedOn!: string;

  @ApiProperty({ example: true, description: 'The branch endorses the campaign’s statement' })
  @FormBoolean()
  @Equals(true, { message: 'Confirm that the branch endorses the campaign’s statement' })
  endorsesStatement!: boolean;

  @ApiPropertyOptional({ description: 'Ask to pay what the branch can instead of its band’s fee' })
  @FormBoolean()
  @IsOptional()
  @IsBoolean({ message: 'Say whether the branch asks to pay what it can' })
  payWhatYouCan?: boolean;

  @ApiPropertyOptional({ description: 'What the branch can pay and why (needed with payWhatYouCan)' })
  @TrimmedOrUndefined()
  @ValidateIf((o: CreateAffiliationDto) => o.payWhatYouCan === true || o.payWhatYouCanNote !== undefined)
  @IsString({ message: 'Tell us what the branch can pay' })
  @Length(3, 1000, { message: 'Tell us what the branch can pay (3 to 1,000 characters)' })
  @IsSafeText({ multiline: true, label: 'Note' })
  payWhatYouCanNote?: string;
}
