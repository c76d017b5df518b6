import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsInt, IsOptional, Max, Min } from 'class-validator';
import { FormInteger, TrimmedOrUndefined } from '../../branches/dto/transforms';
import { REGION_KEYS } from '../../branches/regions';
import { UNION_KEYS } from '../../branches/unions';
import { AFFILIATION_STATUSES, type AffiliationStatus } from '../affiliation-status';

/** The only orders the queue offers; each maps to an indexed expression in AffiliationsRepository. */
export const QUEUE_SORTS = ['submittedAt', '-submittedAt', 'publicName', '-publicName', 'union', 'region'] as const;
export type QueueSort = (typeof QUEUE_SORTS)[number];
export const MAX_PAGE_SIZE = 100;

export class QueueQueryDto {
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

  @ApiPropertyOptional({ minimum: 1, default: 1 })
  @FormInteger()
  @IsOptional()
  @IsInt({ message: 'page must be a whole number' })
  @Min(1, { message: 'page must be at least 1' })
  @Max(10_000, { message: 'page must be at most 10000' })
  page?: number;

  @ApiPropertyOptional({ minimum: 1, maximum: MAX_PAGE_SIZE, default: 25 })
  @FormInteger()
  @IsOptional()
  @IsInt({ message: 'pageSize must be a whole number' })
  @Min(1, { message: 'pageSize must be at least 1' })
  @Max(MAX_PAGE_SIZE, { message: `pageSize must be at most ${MAX_PAGE_SIZE}` })
  pageSize?: number;
}
