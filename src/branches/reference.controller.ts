import { Controller, Get, Header, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Public } from '../common/access';
import { PageQueryDto } from '../common/dto/page-query.dto';
import { pageOf, PageOf, type Page } from '../common/openapi/page.dto';
import { RegionDto, UnionDto } from './dto/reference.dto';
import { REGIONS } from './regions';
import { OTHER_UNION, unionName, UNIONS } from './unions';

const UNION_ITEMS: readonly UnionDto[] = [...UNIONS.map((u) => ({ key: u.key, name: u.name })), { key: OTHER_UNION, name: unionName(OTHER_UNION) }];
const REGION_ITEMS: readonly RegionDto[] = REGIONS.map((r) => ({ key: r.key, name: r.name }));

/** The same for everyone and changed only by a new release: any site may read it, and caches may keep it. */
const CACHE_CONTROL = 'public, max-age=3600';

/**
 * The keys the API takes for unions and regions, with their names, so a
 * client builds its form and its filters from the API rather than a copy.
 * Lists like every other (`items, total, page, pageSize`), whole on one page
 * unless `pageSize` asks for less.
 */
@ApiTags('reference')
@Public()
@Controller('api/reference')
export class ReferenceController {
  @Get('unions')
  @Header('Cache-Control', CACHE_CONTROL)
  @Header('Access-Control-Allow-Origin', '*')
  @ApiOperation({
    summary: 'The unions a branch can belong to',
    description:
      'Every key `union` accepts, in the order a form offers them. `other` is a union not on the list: send its name as `unionOther`. ' +
      'The public list names such a union `other:<name>` (its `unionKey`). Public, readable from any origin, cacheable for an hour.',
  })
  @ApiOkResponse({ type: PageOf(UnionDto), description: 'The unions, all on one page unless `pageSize` asks for fewer' })
  listUnions(@Query() query: PageQueryDto): Page<UnionDto> {
    return pageOf(UNION_ITEMS, query.page ?? 1, query.pageSize ?? UNION_ITEMS.length);
  }

  @Get('regions')
  @Header('Cache-Control', CACHE_CONTROL)
  @Header('Access-Control-Allow-Origin', '*')
  @ApiOperation({
    summary: 'The TUC regions and nations',
    description: 'Every key `region` accepts, in the TUC’s order. Public, readable from any origin, cacheable for an hour.',
  })
  @ApiOkResponse({ type: PageOf(RegionDto), description: 'The regions, all on one page unless `pageSize` asks for fewer' })
  listRegions(@Query() query: PageQueryDto): Page<RegionDto> {
    return pageOf(REGION_ITEMS, query.page ?? 1, query.pageSize ?? REGION_ITEMS.length);
  }
}
