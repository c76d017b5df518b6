import { ApiProperty, ApiPropertyOptional, PickType } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, MaxLength } from 'class-validator';
import { IsSafeText } from '../../common/validation';
import { CreateBranchDto } from './create-branch.dto';
import { FormBody, TrimmedOrUndefined } from '../../common/dto/transforms';

/** Asks to take over an existing branch, named as at registration (its id is never revealed). */
export class CreateBranchClaimDto extends PickType(CreateBranchDto, ['_csrf', 'union', 'unionOther', 'name', 'code'] as const) {
  @ApiPropertyOptional({ description: 'Anything the admins should know' })
  @TrimmedOrUndefined()
  @IsOptional()
  @IsString()
  @MaxLength(1000, { message: 'The message can be at most 1,000 characters' })
  @IsSafeText({ multiline: true, label: 'Message' })
  message?: string;
}

/** An admin's answer to a takeover request. */
export class ClaimDecisionDto extends FormBody {
  @ApiProperty({ enum: ['approve', 'decline'] })
  @IsIn(['approve', 'decline'], { message: 'decision must be approve or decline' })
  decision!: 'approve' | 'decline';
}
