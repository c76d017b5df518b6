import { ApiProperty } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsEmail, IsString, Length, MaxLength } from 'class-validator';
import { FormBody } from './transforms';

const lower = () => Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim().toLowerCase() : value));

export class StartHandoverDto extends FormBody {
  @ApiProperty({ description: 'The next secretary’s email address' })
  @lower()
  @MaxLength(254, { message: 'Enter an email address of at most 254 characters' })
  @IsEmail({}, { message: 'Enter an email address like name@example.org' })
  email!: string;
}

export class AcceptHandoverDto extends FormBody {
  @ApiProperty({ description: 'The token from the emailed link' })
  @IsString({ message: 'The hand-over link is incomplete' })
  @Length(20, 100, { message: 'The hand-over link is incomplete' })
  token!: string;
}

export class ReassignBranchDto extends StartHandoverDto {}
