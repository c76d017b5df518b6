import { Controller, Get, Options, Req, Res } from '@nestjs/common';
import { ApiHeader, ApiNoContentResponse, ApiNotModifiedResponse, ApiOkResponse, ApiOperation, ApiQuery, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { Public } from '../common/access';
import { REGION_KEY } from '../branches/dto/reference.dto';
import { MAX_PAGE, MAX_PAGE_SIZE } from '../common/dto/page-query.dto';
import { ApiErrorResponse } from '../common/openapi/api-error';
import { PageOf } from '../common/openapi/page.dto';
import { ErrorResponseDto } from '../common/openapi/error-response.dto';
import { DEFAULT_PUBLIC_PAGE_SIZE, MAX_SEARCH_LENGTH, parseApiQuery, UNION_FILTER_DESCRIPTION } from './dto/public-affiliates-query.dto';
import { PUBLIC_UNION_KEY_SCHEMA, PublicAffiliateDto } from './dto/public-affiliates-response.dto';
import { PublicListService } from './public-list.service';
import { cachedResponse, sendCached } from '../common/http/cached-response';
import { CACHE_CONTROL, rawQuery } from './public-list.http';

/** Any site may read the public list; nothing here depends on who asks, so no credentials. */
const CORS_HEADERS = {
  'Access-Control-Allow-Origin': '*',
  'Cross-Origin-Resource-Policy': 'cross-origin',
} as const;
const JSON_HEADERS = { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': CACHE_CONTROL };

@ApiTags('public list')
@Public()
@Controller('api/public/affiliates')
export class PublicListController {
  constructor(private readonly publicList: PublicListService) {}

  @Get()
  @ApiOperation({
    summary: 'The public list of affiliated branches',
    description:
      'Branches whose current affiliation is approved and which agreed to be listed, ordered by union, region and public name. ' +
      'Each item has only public fields: the public name, the union and region as shown and as keys (`unionKey`, `regionKey`: ' +
      'the values the `union` and `region` filters take), and `affiliatedSince`, the year (a number) of the first approved ' +
      'affiliation. Readable from any origin (GET and HEAD); responses carry an ETag and may be cached for a short while; ' +
      'changes appear within a minute. Parameters it does not know are refused (400), so a misspelt filter is never ignored.',
  })
  @ApiQuery({ name: 'union', required: false, description: UNION_FILTER_DESCRIPTION, schema: PUBLIC_UNION_KEY_SCHEMA })
  @ApiQuery({ name: 'region', required: false, ...REGION_KEY, description: 'TUC region or nation key' })
  @ApiQuery({ name: 'q', required: false, description: 'Words in the public name (case and accents ignored)', schema: { type: 'string', maxLength: MAX_SEARCH_LENGTH } })
  @ApiQuery({ name: 'page', required: false, schema: { type: 'integer', minimum: 1, maximum: MAX_PAGE, default: 1 } })
  @ApiQuery({
    name: 'pageSize',
    required: false,
    schema: { type: 'integer', minimum: 1, maximum: MAX_PAGE_SIZE, default: DEFAULT_PUBLIC_PAGE_SIZE },
  })
  @ApiHeader({ name: 'If-None-Match', required: false, description: 'An ETag from an earlier response' })
  @ApiOkResponse({
    type: PageOf(PublicAffiliateDto),
    headers: {
      ETag: { description: 'Validator for If-None-Match', schema: { type: 'string' } },
      'Cache-Control': { description: 'How long a cache may keep it', schema: { type: 'string', example: CACHE_CONTROL } },
      'Access-Control-Allow-Origin': { description: 'Any origin may read it', schema: { type: 'string', example: '*' } },
    },
  })
  @ApiNotModifiedResponse({ description: 'The list has not changed since the ETag given in If-None-Match' })
  @ApiErrorResponse(400, 'A filter or page value is not valid, or a parameter is unknown: `errors` names each field')
  async listPublicAffiliates(@Req() req: Request, @Res() res: Response): Promise<void> {
    // Set first, so a 400 is readable cross-origin too.
    for (const [name, value] of Object.entries(CORS_HEADERS)) res.setHeader(name, value);
    const raw = `api?${rawQuery(req)}`;
    const hit = this.publicList.peek(raw);
    if (hit) return sendCached(req, res, hit);
    const query = parseApiQuery(req.query);
    const response = await this.publicList.respond(
      `api|${query.key}`,
      (snapshot) => cachedResponse(JSON.stringify(PublicListService.apiPage(snapshot, query)), JSON_HEADERS),
      raw,
    );
    sendCached(req, res, response);
  }

  /** Preflight: only GET and HEAD, which need none, may be used from other origins. */
  @Options()
  @ApiOperation({ summary: 'CORS preflight for the public list', description: 'Browsers ask before a cross-origin request; only GET and HEAD are allowed.' })
  @ApiNoContentResponse({
    description: 'GET or HEAD may be used from any origin',
    headers: {
      'Access-Control-Allow-Origin': { schema: { type: 'string', example: '*' } },
      'Access-Control-Allow-Methods': { schema: { type: 'string', example: 'GET, HEAD' } },
    },
  })
  @ApiResponse({ status: 405, description: 'Any other method is refused: the public list is read-only', type: ErrorResponseDto })
  preflightPublicAffiliates(@Req() req: Request, @Res() res: Response): void {
    const method = String(req.headers['access-control-request-method'] ?? '').toUpperCase();
    res.setHeader('Allow', 'GET, HEAD, OPTIONS');
    if (method === 'GET' || method === 'HEAD') {
      res.setHeader('Access-Control-Allow-Origin', '*');
      res.setHeader('Access-Control-Allow-Methods', 'GET, HEAD');
      res.setHeader('Access-Control-Max-Age', '86400');
      res.status(204).end();
      return;
    }
    res.status(405).json({ statusCode: 405, message: 'The public list is read-only: use GET or HEAD' });
  }
}
