import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { AFFILIATION_STATUSES, type AffiliationStatus } from '../affiliation-status';
import type { Affiliation } from '../affiliation.entity';

export class AffiliationResponseDto {
  @ApiProperty() id!: string;
  @ApiProperty() branchId!: string;
  @ApiProperty() affiliationYear!: number;
  @ApiProperty({ enum: AFFILIATION_STATUSES }) status!: AffiliationStatus;
  @ApiProperty() motionPassedOn!: string;
  @ApiProperty() endorsesStatement!: boolean;
  @ApiProperty() membershipSize!: number;
  @ApiProperty() feeBandLabel!: string;
  @ApiProperty({ description: 'Integer pence' }) feePence!: number;
  @ApiProperty() payWhatYouCan!: boolean;
  @ApiPropertyOptional({ type: String, nullable: true }) payWhatYouCanNote!: string | null;
  @ApiPropertyOptional({ type: Date, nullable: true }) payWhatYouCanAgreedAt!: Date | null;
  @ApiPropertyOptional({ type: String, nullable: true }) adminMessage!: string | null;
  @ApiPropertyOptional({ type: Date, nullable: true }) submittedAt!: Date | null;
  @ApiPropertyOptional({ type: Date, nullable: true }) approvedAt!: Date | null;

  static from(a: Affiliation): AffiliationResponseDto {
    return {
      id: a.id,
      branchId: a.branchId,
      affiliationYear: a.affiliationYear,
      status: a.status,
      motionPassedOn: a.motionPassedOn,
      endorsesStatement: a.endorsesStatement,
      membershipSize: a.membershipSize,
      feeBandLabel: a.feeBandLabel,
      feePence: a.feePence,
      payWhatYouCan: a.payWhatYouCan,
      payWhatYouCanNote: a.payWhatYouCanNote,
      payWhatYouCanAgreedAt: a.payWhatYouCanAgreedAt,
      adminMessage: a.adminMessage,
      submittedAt: a.submittedAt,
      approvedAt: a.approvedAt,
    };
  }
}
