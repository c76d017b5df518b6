import { ApiPropertyOptional, IntersectionType, PickType } from '@nestjs/swagger';
import { PageQueryDto } from '../../common/dto/page-query.dto';
import { plainToInstance } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Max, MaxLength, Min, ValidateBy, validateSync } from 'class-validator';
import { FormInteger, TrimmedOrUndefined } from '../../common/dto/transforms';
import { REGION_KEY } from '../../branches/dto/reference.dto';
import { REGION_KEYS } from '../../branches/regions';
import { OTHER_UNION, UNION_KEYS } from '../../branches/unions';
import { RequestValidationException, fieldErrors } from '../../common/http/validation';
import type { PublicListFilter } from '../public-list.snapshot';
import { PUBLIC_UNION_KEY_SCHEMA } from './public-affiliates-response.dto';

export const DEFAULT_PUBLIC_PAGE_SIZE = 50;
export const MAX_SEARCH_LENGTH = 100;

export const UNION_FILTER_DESCRIPTION =
  'A union key (e.g. `unison`), or `other:<name>` for a union not on the list, as an item’s `unionKey` gives it (bare `other` is refused)';

const LISTED_UNIONS = new Set(UNION_KEYS.filter((k) => k !== OTHER_UNION));
const UNION_MESSAGE = 'union must be a union key from the list (e.g. unison), or other:<name> for a union not on it';

/** A union's key as stored in union_key: a listed union's key, or "other:<normalised name>". */
export function isPublicUnionKey(value: unknown): boolean {
  if (typeof value !== 'string' || value.length > 160) return false;
  return LISTED_UNIONS.has(value) || /^other:\S[^\p{Cc}]*$/u.test(value);
}

const IsPublicUnionKey = () =>
  ValidateBy({ name: 'isPublicUnionKey', validator: { validate: isPublicUnionKey, defaultMessage: () => UNION_MESSAGE } });

/** Filters shared by the page, the embed and the API. Empty fields count as not given, as a GET form sends them. */
export class PublicListFilterDto {
  @ApiPropertyOptional({ ...PUBLIC_UNION_KEY_SCHEMA, description: UNION_FILTER_DESCRIPTION, example: 'unison' })
  @TrimmedOrUndefined()
  @IsOptional()
  @IsPublicUnionKey()
  union?: string;

  @ApiPropertyOptional({ ...REGION_KEY, description: 'TUC region or nation key' })
  @TrimmedOrUndefined()
  @IsOptional()
  @IsIn(REGION_KEYS, { message: `region must be one of ${REGION_KEYS.join(', ')}` })
  region?: string;

  @ApiPropertyOptional({ maxLength: MAX_SEARCH_LENGTH, description: "Words in the branch's public name (case and accents ignored)" })
  @TrimmedOrUndefined()
  @IsOptional()
  @IsString({ message: 'q must be text' })
  @MaxLength(MAX_SEARCH_LENGTH, { message: `q must be at most ${MAX_SEARCH_LENGTH} characters` })
  q?: string;
}

/** The list's filters and a page of it (50 a page unless asked otherwise). */
export class PublicAffiliatesQueryDto extends IntersectionType(PublicListFilterDto, PageQueryDto) {}

/** What the list page and the embed take: the filters and a page number (the page size is the portal's). */
class PublicListPageDto extends IntersectionType(PublicListFilterDto, PickType(PageQueryDto, ['page'])) {}

/** The statement page takes a page number only. */
class StatementPageDto extends PickType(PageQueryDto, ['page']) {}

export interface NormalisedFilter extends PublicListFilter {
  /** The same filter always gives the same key, whatever order or spelling the query used. */
  key: string;
}

export interface NormalisedPageQuery extends NormalisedFilter {
  page: number;
  pageSize: number;
}

/** A page of the list as the pages take it: filters and a page number. */
export interface PageOfList {
  filter: NormalisedFilter;
  page: number;
  /** The same filter and page always give the same key. */
  key: string;
}

function validated<T extends object>(dto: new () => T, query: unknown, forbidUnknown: boolean): T {
  const instance = plainToInstance(dto, query ?? {});
  const errors = validateSync(instance, { whitelist: true, forbidNonWhitelisted: forbidUnknown, forbidUnknownValues: true });
  if (errors.length) throw new RequestValidationException(fieldErrors(errors));
  return instance;
}

function normaliseFilter(dto: PublicListFilterDto): NormalisedFilter {
  const q = dto.q?.replace(/\s+/g, ' ') || undefined;
  return { union: dto.union, region: dto.region, q, key: JSON.stringify([dto.union ?? '', dto.region ?? '', q ?? '']) };
}

/** Pages ignore parameters they do not know (links shared on social media gain tracking ones). */
export function parsePageFilter(query: unknown): NormalisedFilter {
  return normaliseFilter(validated(PublicListFilterDto, query, false));
}

/** The list page's and the embed's filters and page number; unknown parameters are ignored. */
export function parseListPage(query: unknown): PageOfList {
  const dto = validated(PublicListPageDto, query, false);
  const filter = normaliseFilter(dto);
  const page = dto.page ?? 1;
  return { filter, page, key: `${filter.key}|${page}` };
}

/** The statement's page number; filters do not apply to it, and unknown parameters are ignored. */
export function parseStatementPage(query: unknown): PageOfList {
  const page = validated(StatementPageDto, query, false).page ?? 1;
  return { filter: normaliseFilter({}), page, key: String(page) };
}

/** The API refuses parameters it does not know, so a misspelt filter is not silently ignored. */
export function parseApiQuery(query: unknown): NormalisedPageQuery {
  const dto = validated(PublicAffiliatesQueryDto, query, true);
  const filter = normaliseFilter(dto);
  const page = dto.page ?? 1;
  const pageSize = dto.pageSize ?? DEFAULT_PUBLIC_PAGE_SIZE;
  return { ...filter, page, pageSize, key: `${filter.key}|${page}|${pageSize}` };
}
