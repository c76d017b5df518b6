import { ApiProperty } from '@nestjs/swagger';
import { REGION_KEY, UNION_KEY } from '../../branches/dto/reference.dto';
import { AFFILIATION_STATUSES, type AffiliationStatus } from '../affiliation-status';
import type { QueueRow } from '../affiliations.repository';
import { AFFILIATION_STATUS } from './affiliation-response.dto';

/** One affiliation in the admins' queue, with the branch facts a decision needs. */
export class AffiliationQueueItemDto {
  @ApiProperty({ format: 'uuid', description: 'The affiliation' }) id!: string;
  @ApiProperty({ ...AFFILIATION_STATUS, example: 'submitted' }) status!: AffiliationStatus;
  @ApiProperty({ type: 'integer', example: 2026 }) affiliationYear!: number;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) submittedAt!: Date | null;
  @ApiProperty({ type: 'integer', minimum: 0, example: 2500, description: 'The fee, in whole pence' }) feePence!: number;
  @ApiProperty({ example: false }) payWhatYouCan!: boolean;
  @ApiProperty({ type: String, nullable: true, description: 'What the secretary wrote when asking to pay what the branch can' }) payWhatYouCanNote!: string | null;
  @ApiProperty({ example: 'Up to 500 members', description: 'The fee band (or the amount agreed) the fee comes from' }) feeBandLabel!: string;
  @ApiProperty({ type: String, format: 'date', example: '2026-03-14', description: 'The date the branch passed the motion' }) motionPassedOn!: string;
  @ApiProperty({ format: 'uuid' }) branchId!: string;
  @ApiProperty({ example: 'UNISON Leeds City Branch' }) publicName!: string;
  @ApiProperty({ ...UNION_KEY, example: 'unison' }) union!: string;
  @ApiProperty({ type: String, nullable: true, description: 'The union’s name when `union` is `other`' }) unionOther!: string | null;
  @ApiProperty({ ...REGION_KEY, example: 'yorkshire_humber' }) region!: string;
  @ApiProperty({ type: 'integer', example: 350 }) membershipSize!: number;

  static from(r: QueueRow): AffiliationQueueItemDto {
    return {
      id: r.id,
      status: r.status,
      affiliationYear: r.affiliationYear,
      submittedAt: r.submittedAt,
      feePence: r.feePence,
      payWhatYouCan: r.payWhatYouCan,
      payWhatYouCanNote: r.payWhatYouCanNote,
      feeBandLabel: r.feeBandLabel,
      motionPassedOn: r.motionPassedOn,
      branchId: r.branchId,
      publicName: r.publicName,
      union: r.union,
      unionOther: r.unionOther,
      region: r.region,
      membershipSize: r.membershipSize,
    };
  }
}

/** How many affiliations are in each status: every status, zero included. */
export class AffiliationCountsDto implements Record<AffiliationStatus, number> {
  declare draft: number;
  declare submitted: number;
  declare changes_requested: number;
  declare approved: number;
  declare renewal_due: number;
  declare rejected: number;
  declare lapsed: number;
  declare suspended: number;
  declare withdrawn: number;
}
// One documented integer per status, from the one list of statuses (the compiler checks the fields above match it).
for (const status of AFFILIATION_STATUSES) {
  ApiProperty({ type: 'integer', minimum: 0, example: status === 'submitted' ? 3 : 0 })(AffiliationCountsDto.prototype, status);
}
