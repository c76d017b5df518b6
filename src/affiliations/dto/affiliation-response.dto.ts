import { ApiProperty } from '@nestjs/swagger';
import { AFFILIATION_STATUSES, type AffiliationStatus } from '../affiliation-status';
import type { Affiliation } from '../affiliation.entity';

/** How the API documents an affiliation's status wherever it appears: one named enum. */
export const AFFILIATION_STATUS = { enum: AFFILIATION_STATUSES, enumName: 'AffiliationStatus' };

export class AffiliationResponseDto {
  @ApiProperty({ format: 'uuid', example: '9b1d2c3e-4f5a-4b6c-8d7e-0f1a2b3c4d5e' }) id!: string;
  @ApiProperty({ format: 'uuid' }) branchId!: string;
  @ApiProperty({ type: 'integer', example: 2026, description: 'The affiliation year (a calendar year)' }) affiliationYear!: number;
  @ApiProperty({ ...AFFILIATION_STATUS, example: 'submitted' }) status!: AffiliationStatus;
  @ApiProperty({ type: String, format: 'date', example: '2026-03-14', description: 'The date the branch passed the motion' }) motionPassedOn!: string;
  @ApiProperty({ example: true }) endorsesStatement!: boolean;
  @ApiProperty({ type: 'integer', example: 350, description: 'The membership the fee was worked out from' }) membershipSize!: number;
  @ApiProperty({ example: 'Up to 500 members' }) feeBandLabel!: string;
  @ApiProperty({ type: 'integer', minimum: 0, example: 2500, description: 'The fee, in whole pence' }) feePence!: number;
  @ApiProperty({ example: false, description: 'The branch asked to pay what it can' }) payWhatYouCan!: boolean;
  @ApiProperty({ type: String, nullable: true, description: 'What the branch said it can pay, and why' }) payWhatYouCanNote!: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: 'When an admin agreed the amount' }) payWhatYouCanAgreedAt!: Date | null;
  @ApiProperty({ type: String, nullable: true, description: 'The last reason or request for changes an admin sent' }) adminMessage!: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) submittedAt!: Date | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) approvedAt!: Date | null;

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
