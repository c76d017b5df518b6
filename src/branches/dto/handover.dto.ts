import { ApiProperty } from '@nestjs/swagger';
import { IsString, Length } from 'class-validator';
import { IsEmailAddress } from '../../common/validation';
import { FormBody } from '../../common/dto/transforms';

export class StartHandoverDto extends FormBody {
  @ApiProperty({ format: 'email', description: 'The next secretary’s email address', example: 'next.secretary@example.org' })
  @IsEmailAddress({ missing: 'Enter the next secretary’s email address' })
  email!: string;
}

/** A hand-over invitation was emailed (its link works once, for that address's account). */
export class HandoverSentDto {
  @ApiProperty({ enum: ['sent'], example: 'sent' }) status!: 'sent';
}

export class AcceptHandoverDto extends FormBody {
  @ApiProperty({ description: 'The token from the emailed link', minLength: 20, maxLength: 100 })
  @IsString({ message: 'The hand-over link is incomplete' })
  @Length(20, 100, { message: 'The hand-over link is incomplete' })
  token!: string;
}

export class ReassignBranchDto extends FormBody {
  @ApiProperty({ format: 'email', description: 'The email address of the secretary account to give the branch to', example: 'next.secretary@example.org' })
  @IsEmailAddress({ missing: 'Enter the email address of their account' })
  email!: string;
}
