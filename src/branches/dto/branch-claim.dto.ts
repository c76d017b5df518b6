import { ApiProperty, ApiPropertyOptional, PickType } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, MaxLength } from 'class-validator';
import { IsSafeText } from '../../common/validation';
import { CLAIM_STATUSES, type ClaimStatus } from '../branch-claim.entity';
import type { PendingClaimRow } from '../branch-secretaries.service';
import { CreateBranchDto } from './create-branch.dto';
import { FormBody, TrimmedOrUndefined } from '../../common/dto/transforms';

/** Asks to take over an existing branch, named as at registration (its id is never revealed). */
export class CreateBranchClaimDto extends PickType(CreateBranchDto, ['_csrf', 'union', 'unionOther', 'name', 'code'] as const) {
  @ApiPropertyOptional({ description: 'Anything the admins should know', maxLength: 1000, example: 'I was elected secretary at our AGM in March.' })
  @TrimmedOrUndefined()
  @IsOptional()
  @IsString({ message: 'Enter the message as text' })
  @MaxLength(1000, { message: 'The message must be 1,000 characters or fewer' })
  @IsSafeText({ multiline: true, label: 'Message' })
  message?: string;
}

/** The one answer to a takeover request, whether or not such a branch exists. */
export class ClaimReceivedDto {
  @ApiProperty({ enum: ['received'], example: 'received' }) status!: 'received';
  @ApiProperty({ description: 'What happens next, in words to show the person' }) message!: string;
}

export const CLAIM_DECISIONS = ['approve', 'decline'] as const;

/** An admin's answer to a takeover request. */
export class ClaimDecisionDto extends FormBody {
  @ApiProperty({ enum: CLAIM_DECISIONS, enumName: 'ClaimDecision', example: 'approve', description: '`approve` gives the requester the branch' })
  @IsIn(CLAIM_DECISIONS, { message: 'decision must be approve or decline' })
  decision!: (typeof CLAIM_DECISIONS)[number];
}

/** A takeover request after an admin's decision. */
export class ClaimDecisionResultDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ enum: CLAIM_STATUSES, enumName: 'ClaimStatus', example: 'approved' }) status!: ClaimStatus;
}

/** A takeover request waiting for an admin, with who asked (admins only). */
export class TakeoverRequestDto {
  @ApiProperty({ format: 'uuid', description: 'The request (POST /api/admin/claims/{id} decides it)' }) id!: string;
  @ApiProperty({ type: String, format: 'date-time' }) createdAt!: Date;
  @ApiProperty({ type: String, nullable: true, description: 'What the requester wrote' }) message!: string | null;
  @ApiProperty({ format: 'uuid' }) branchId!: string;
  @ApiProperty({ example: 'UNISON Leeds City Branch' }) publicName!: string;
  @ApiProperty({ example: 'Sam Secretary' }) requesterName!: string;
  @ApiProperty({ format: 'email', example: 'sam@example.org' }) requesterEmail!: string;

  static from(r: PendingClaimRow): TakeoverRequestDto {
    return {
      id: r.id,
      createdAt: r.createdAt,
      message: r.message,
      branchId: r.branchId,
      publicName: r.publicName,
      requesterName: r.requesterName,
      requesterEmail: r.requesterEmail,
    };
  }
}
