import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { BranchSearchQueryDto } from '../../branches/dto/branch-search-query.dto';
import { TrimmedOrUndefined } from '../../common/dto/transforms';
import { REGION_KEYS } from '../../branches/regions';
import { UNION_KEYS } from '../../branches/unions';
import { REGION_KEY, UNION_KEY } from '../../branches/dto/reference.dto';
import { AFFILIATION_STATUSES, type AffiliationStatus } from '../affiliation-status';
import { AFFILIATION_STATUS } from './affiliation-response.dto';

/** The only orders the queue offers; each maps to an indexed expression in AffiliationsRepository. */
export const QUEUE_SORTS = ['submittedAt', '-submittedAt', 'publicName', '-publicName', 'union', 'region'] as const;
export type QueueSort = (typeof QUEUE_SORTS)[number];

export class QueueQueryDto extends BranchSearchQueryDto {
  @ApiPropertyOptional({ ...AFFILIATION_STATUS, description: 'Only affiliations in this status', example: 'submitted' })
  @TrimmedOrUndefined()
  @IsOptional()
  @IsIn(AFFILIATION_STATUSES, { message: `status must be one of ${AFFILIATION_STATUSES.join(', ')}` })
  status?: AffiliationStatus;

  @ApiPropertyOptional({ ...UNION_KEY, description: 'Only branches of this union (`other`: every union not on the list)' })
  @TrimmedOrUndefined()
  @IsOptional()
  @IsIn(UNION_KEYS, { message: 'union must be a union key from the list' })
  union?: string;

  @ApiPropertyOptional({ ...REGION_KEY, description: 'Only branches in this region or nation' })
  @TrimmedOrUndefined()
  @IsOptional()
  @IsIn(REGION_KEYS, { message: 'region must be one of the TUC regions' })
  region?: string;

  @ApiPropertyOptional({ enum: QUEUE_SORTS, enumName: 'AffiliationQueueSort', default: 'submittedAt', description: 'The order; `-` first for descending' })
  @TrimmedOrUndefined()
  @IsOptional()
  @IsIn(QUEUE_SORTS, { message: `sort must be one of ${QUEUE_SORTS.join(', ')}` })
  sort?: QueueSort;
}
