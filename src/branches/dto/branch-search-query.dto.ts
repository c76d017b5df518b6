import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, MaxLength } from 'class-validator';
import { PageQueryDto } from '../../common/dto/page-query.dto';
import { TrimmedOrUndefined } from '../../common/dto/transforms';
import { IsSafeText } from '../../common/validation';
import { MAX_SEARCH_LENGTH } from '../branch-search';

/** A page of an admin's list of branches (or of their affiliations), searched by branch or union name. */
export class BranchSearchQueryDto extends PageQueryDto {
  @ApiPropertyOptional({
    maxLength: MAX_SEARCH_LENGTH,
    example: 'leeds unison',
    description: 'Words in the branch’s public name or its union’s name (case ignored; every word must match; up to five words count)',
  })
  @TrimmedOrUndefined()
  @IsOptional()
  @IsString({ message: 'q must be text' })
  @IsSafeText({ label: 'The search' })
  @MaxLength(MAX_SEARCH_LENGTH, { message: `The search must be ${MAX_SEARCH_LENGTH} characters or fewer` })
  q?: string;
}
