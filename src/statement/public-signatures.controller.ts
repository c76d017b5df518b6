import { Controller, Get, Req, Res } from '@nestjs/common';
import { ApiHeader, ApiNotModifiedResponse, ApiOkResponse, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { Public } from '../common/access';
import { MAX_PAGE } from '../common/dto/page-query.dto';
import { cachedResponse, sendCached } from '../common/http/cached-response';
import { ApiErrorResponse } from '../common/openapi/api-error';
import { CACHE_CONTROL } from '../public-list/public-list.http';
import { PublicMessagesDto, PublicSignaturesPageDto } from './dto/statement-responses.dto';
import { StatementPublicService } from './statement-public.service';
import { refuseParameters } from '../common/http/refuse-parameters';
import { parseSignaturesQuery, publishedMessages, signaturesPage } from './statement-public.views';

const JSON_HEADERS = {
  'Content-Type': 'application/json; charset=utf-8',
  'Cache-Control': CACHE_CONTROL,
  'Access-Control-Allow-Origin': '*',
  'Cross-Origin-Resource-Policy': 'cross-origin',
};
const CACHED = {
  ETag: { description: 'Validator for If-None-Match', schema: { type: 'string' } },
  'Cache-Control': { description: 'How long a cache may keep it', schema: { type: 'string', example: CACHE_CONTROL } },
};

/** The statement's public side as JSON: readable from any origin, rendered once per change, revalidated with ETags. */
@ApiTags('statement')
@Public()
@Controller('api/public')
export class PublicSignaturesController {
  constructor(private readonly publicStatement: StatementPublicService) {}

  @Get('signatures')
  @ApiOperation({
    summary: 'Supporters of Where We Stand',
    description:
      'Confirmed signatures whose signers chose to be listed, newest first: name, town, organisation and the date. `total` counts every ' +
      'confirmed signature, listed or not; `listed` those on the list. Email addresses are never published.',
  })
  @ApiQuery({ name: 'page', required: false, schema: { type: 'integer', minimum: 1, maximum: MAX_PAGE, default: 1 } })
  @ApiHeader({ name: 'If-None-Match', required: false, description: 'An ETag from an earlier response' })
  @ApiOkResponse({ type: PublicSignaturesPageDto, headers: CACHED })
  @ApiNotModifiedResponse({ description: 'Unchanged since the ETag given in If-None-Match' })
  @ApiErrorResponse(400, 'page is not a whole number in range, or a parameter is unknown')
  async listPublicSignatures(@Req() req: Request, @Res() res: Response): Promise<void> {
    res.setHeader('Access-Control-Allow-Origin', '*');
    const page = parseSignaturesQuery(req.query as Record<string, unknown>);
    const pageSize = this.publicStatement.pageSize;
    const response = await this.publicStatement.respond(`api-signatures|${page}`, (s) => cachedResponse(JSON.stringify(signaturesPage(s, page, pageSize)), JSON_HEADERS));
    sendCached(req, res, response);
  }

  @Get('messages')
  @ApiOperation({
    summary: 'Published messages of support',
    description: 'Messages whose authors allowed publication and which an admin published, newest first. `name` only when the signer chose to be listed.',
  })
  @ApiHeader({ name: 'If-None-Match', required: false, description: 'An ETag from an earlier response' })
  @ApiOkResponse({ type: PublicMessagesDto, headers: CACHED })
  @ApiNotModifiedResponse({ description: 'Unchanged since the ETag given in If-None-Match' })
  @ApiErrorResponse(400, 'A parameter was given: this list takes none')
  async listPublicMessages(@Req() req: Request, @Res() res: Response): Promise<void> {
    res.setHeader('Access-Control-Allow-Origin', '*');
    refuseParameters(req.query as Record<string, unknown>);
    const response = await this.publicStatement.respond('api-messages', (s) => cachedResponse(JSON.stringify(publishedMessages(s)), JSON_HEADERS));
    sendCached(req, res, response);
  }
}
