import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsNotEmpty, IsOptional, IsString, MaxLength } from 'class-validator';
import { CalendarDateInput, IsCalendarDate, IsSafeText } from '../../common/validation';

const trim = ({ value }: { value: unknown }): unknown => (typeof value === 'string' ? value.trim() : value);

export const UNION_MAX = 100;
export const BRANCH_NAME_MAX = 120;

/** The public form that personalises the model motion. Nothing in it is stored. */
export class ModelMotionFormDto {
  @ApiProperty({ example: 'Unite', maxLength: UNION_MAX, description: 'The union’s name as it should read in the motion (free text: any union, not only the listed keys)' })
  @Transform(trim)
  @IsString({ message: 'Enter your union' })
  @IsNotEmpty({ message: 'Enter your union' })
  @MaxLength(UNION_MAX, { message: `Union must be ${UNION_MAX} characters or fewer` })
  @IsSafeText({ label: 'Union' })
  union!: string;

  @ApiProperty({ example: 'Bristol Central', maxLength: BRANCH_NAME_MAX, description: 'The branch’s name as it should read in the motion' })
  @Transform(trim)
  @IsString({ message: "Enter your branch's name" })
  @IsNotEmpty({ message: "Enter your branch's name" })
  @MaxLength(BRANCH_NAME_MAX, { message: `Branch name must be ${BRANCH_NAME_MAX} characters or fewer` })
  @IsSafeText({ label: 'Branch name' })
  branchName!: string;

  @ApiPropertyOptional({ type: String, format: 'date', example: '2025-03-14', description: 'The date of the meeting; leave out (or empty) to fill it in by hand' })
  @CalendarDateInput()
  @IsOptional()
  @IsCalendarDate({ label: 'Meeting date' })
  meetingDate?: string;

  /** The CSRF token a form post carries; checked by middleware, not here. */
  @ApiPropertyOptional({ description: 'The CSRF token, for a form post (other clients send X-CSRF-Token)' })
  @IsOptional()
  @IsString()
  _csrf?: string;
}
