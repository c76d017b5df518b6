import { ApiProperty } from '@nestjs/swagger';
import { IsString, MaxLength, MinLength } from 'class-validator';
import { FormBody, TrimmedOrUndefined } from '../../common/dto/transforms';
import { IsSafeText } from '../../common/validation';

/** Approve, reinstate, withdraw, resubmit: nothing to say but the CSRF token of a form. */
export class EmptyActionDto extends FormBody {}

/** Why an affiliation is rejected or suspended. */
export class ReasonDto extends FormBody {
  @ApiProperty({ description: 'Sent to the branch secretary', minLength: 3, maxLength: 2000, example: 'The motion was passed by the committee, not a branch meeting.' })
  @TrimmedOrUndefined()
  @IsString({ message: 'Enter the reason, which is sent to the branch secretary' })
  @MinLength(3, { message: 'The reason must be at least 3 characters' })
  @MaxLength(2000, { message: 'The reason must be 2,000 characters or fewer' })
  @IsSafeText({ multiline: true, label: 'Reason' })
  reason!: string;
}

/** What an affiliation sent back for changes needs. */
export class RequestChangesDto extends FormBody {
  @ApiProperty({ description: 'What needs changing; sent to the branch secretary', minLength: 3, maxLength: 2000, example: 'Please give the date of the meeting.' })
  @TrimmedOrUndefined()
  @IsString({ message: 'Enter what needs changing' })
  @MinLength(3, { message: 'What needs changing must be at least 3 characters' })
  @MaxLength(2000, { message: 'What needs changing must be 2,000 characters or fewer' })
  @IsSafeText({ multiline: true, label: 'Message' })
  message!: string;
}
