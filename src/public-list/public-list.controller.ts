import { Controller, Get, Options, Req, Res } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiHeader,
  ApiNotModifiedResponse,
  ApiOkResponse,
  ApiOperation,
  ApiQuery,
  ApiTags,
} from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { Public } from '../common/access';
import { REGION_KEYS } from '../branches/regions';
import { MAX_PAGE, MAX_PAGE_SIZE } from '../common/dto/page-query.dto';
import { DEFAULT_PUBLIC_PAGE_SIZE, MAX_SEARCH_LENGTH, parseApiQuery } from './dto/public-affiliates-query.dto';
import { PublicAffiliatesResponseDto, PublicApiErrorDto } from './dto/public-affiliates-response.dto';
import { PublicListService } from './public-list.service';
import { cachedResponse, sendCached } from './response-cache';
import { CACHE_CONTROL, rawQuery } from './public-list.http';

/** Any site may read the public list; nothing here depends on who asks, so no credentials. */
const CORS_HEADERS = {
  'Access-Control-Allow-Origin': '*',
  'Cross-Origin-Resource-Policy': 'cross-origin',
} as const;
const JSON_HEADERS = { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': CACHE_CONTROL };

@ApiTags('public')
@Public()
@Controller('api/public/affiliates')
export class PublicListController {
  constructor(private readonly publicList: PublicListService) {}

  @Get()
  @ApiOperation({
    summary: 'The public list of affiliated branches',
    description:
      'Branches whose current affiliation is approved and which agreed to be listed, ordered by union, region and public name. ' +
      '`affiliatedSince` is the year (a number) of the first approved affiliation. Readable from any origin (GET and HEAD); ' +
      'responses carry an ETag and may be cached for a short while; changes appear within a minute.',
  })
  @ApiQuery({ name: 'union', required: false, description: 'Union key, e.g. `unison`, or `other:<name>`' })
  @ApiQuery({ name: 'region', required: false, enum: REGION_KEYS })
  @ApiQuery({ name: 'q', required: false, description: `Text in the public name (at most ${MAX_SEARCH_LENGTH} characters)` })
  @ApiQuery({ name: 'page', required: false, schema: { type: 'integer', minimum: 1, maximum: MAX_PAGE, default: 1 } })
  @ApiQuery({
    name: 'pageSize',
    required: false,
    schema: { type: 'integer', minimum: 1, maximum: MAX_PAGE_SIZE, default: DEFAULT_PUBLIC_PAGE_SIZE },
  })
  @ApiHeader({ name: 'If-None-Match', required: false, description: 'An ETag from an earlier response' })
  @ApiOkResponse({
    type: PublicAffiliatesResponseDto,
    headers: {
      ETag: { description: 'Validator for If-None-Match', schema: { type: 'string' } },
      'Cache-Control': { schema: { type: 'string', example: CACHE_CONTROL } },
      'Access-Control-Allow-Origin': { schema: { type: 'string', example: '*' } },
    },
  })
  @ApiNotModifiedResponse({ description: 'The list has not changed since the ETag given in If-None-Match' })
  @ApiBadRequestResponse({ type: PublicApiErrorDto, description: 'A filter or page value is not valid; `errors` names each field' })
  async list(@Req() req: Request, @Res() res: Response): Promise<void> {
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
  preflight(@Req() req: Request, @Res() res: Response): void {
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
