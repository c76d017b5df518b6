import { ApiProperty } from '@nestjs/swagger';
import { IsString, Length } from 'class-validator';
import { IsEmailAddress } from '../../common/validation';
import { FormBody } from '../../common/dto/transforms';

export class StartHandoverDto extends FormBody {
  @ApiProperty({ description: 'The next secretary’s email address' })
  @IsEmailAddress()
  email!: string;
}

export class AcceptHandoverDto extends FormBody {
  @ApiProperty({ description: 'The token from the emailed link' })
  @IsString({ message: 'The hand-over link is incomplete' })
  @Length(20, 100, { message: 'The hand-over link is incomplete' })
  token!: string;
}

export class ReassignBranchDto extends StartHandoverDto {}
