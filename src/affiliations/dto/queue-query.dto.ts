import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { PageQueryDto } from '../../common/dto/page-query.dto';
import { FormInteger, TrimmedOrUndefined } from '../../common/dto/transforms';
import { REGION_KEYS } from '../../branches/regions';
import { UNION_KEYS } from '../../branches/unions';
import { AFFILIATION_STATUSES, type AffiliationStatus } from '../affiliation-status';

/** The only orders the queue offers; each maps to an indexed expression in AffiliationsRepository. */
export const QUEUE_SORTS = ['submittedAt', '-submittedAt', 'publicName', '-publicName', 'union', 'region'] as const;
export type QueueSort = (typeof QUEUE_SORTS)[number];

export class QueueQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: AFFILIATION_STATUSES })
  @TrimmedOrUndefined()
  @IsOptional()
  @IsIn(AFFILIATION_STATUSES, { message: `status must be one of ${AFFILIATION_STATUSES.join(', ')}` })
  status?: AffiliationStatus;

  @ApiPropertyOptional()
  @TrimmedOrUndefined()
  @IsOptional()
  @IsIn(UNION_KEYS, { message: 'union must be a union key from the list' })
  union?: string;

  @ApiPropertyOptional({ enum: REGION_KEYS })
  @TrimmedOrUndefined()
  @IsOptional()
  @IsIn(REGION_KEYS, { message: 'region must be one of the TUC regions' })
  region?: string;

  @ApiPropertyOptional({ enum: QUEUE_SORTS, default: 'submittedAt' })
  @TrimmedOrUndefined()
  @IsOptional()
  @IsIn(QUEUE_SORTS, { message: `sort must be one of ${QUEUE_SORTS.join(', ')}` })
  sort?: QueueSort;
}
