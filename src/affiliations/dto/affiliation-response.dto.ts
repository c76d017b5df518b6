import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { AffiliationStatus } from '../affiliation-status';
import type { Affiliation } from '../affiliation.entity';

export class AffiliationResponseDto {
  @ApiProperty() id!: string;
  @ApiProperty() branchId!: string;
  @ApiProperty() affiliationYear!: number;
  @ApiProperty() status!: AffiliationStatus;
  @ApiProperty() motionPassedOn!: string;
  @ApiProperty() endorsesStatement!: boolean;
  @ApiProperty() membershipSize!: number;
  @ApiProperty() feeBandLabel!: string;
  @ApiProperty({ description: 'Integer pence' }) feePence!: number;
  @ApiProperty() payWhatYouCan!: boolean;
  @ApiPropertyOptional({ nullable: true }) payWhatYouCanNote!: string | null;
  @ApiPropertyOptional({ nullable: true }) payWhatYouCanAgreedAt!: Date | null;
  @ApiPropertyOptional({ nullable: true }) adminMessage!: string | null;
  @ApiPropertyOptional({ nullable: true }) submittedAt!: Date | null;
  @ApiPropertyOptional({ nullable: true }) approvedAt!: Date | null;

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
