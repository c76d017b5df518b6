import { Controller, Get, Req, Res } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { Public } from '../common/access';
import type { AppConfig } from '../config';
import { parsePageFilter, type NormalisedFilter } from './dto/public-affiliates-query.dto';
import { atomFeed } from './atom-feed';
import { withFrameAncestors } from './frame-ancestors';
import { CACHE_CONTROL, rawQuery } from './public-list.http';
import { PublicListService } from './public-list.service';
import type { PublicListSnapshot } from './public-list.snapshot';
import { listLocals, statementLocals } from './public-list.views';
import { renderView } from './render-view';
import { cachedResponse, sendCached, type CachedResponse } from './response-cache';

const HTML_HEADERS = { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': CACHE_CONTROL };
const FEED_HEADERS = {
  'Content-Type': 'application/atom+xml; charset=utf-8',
  'Cache-Control': CACHE_CONTROL,
  'Access-Control-Allow-Origin': '*',
  'Cross-Origin-Resource-Policy': 'cross-origin',
};

type Locals = (snapshot: PublicListSnapshot) => Record<string, unknown>;

/**
 * The public pages. Visitors who are not signed in (nearly everyone) get bytes
 * rendered once per version of the list and per filter; a signed-in visitor's
 * header names them, so their page is rendered for them and not shared.
 */
@ApiExcludeController()
@Public()
@Controller()
export class PublicListPageController {
  private readonly publicUrl: string;
  private readonly embedOrigins: readonly string[];
  private readonly framePolicies = new Map<string, string>();

  constructor(
    private readonly publicList: PublicListService,
    config: ConfigService,
  ) {
    this.publicUrl = config.getOrThrow<AppConfig>('app').publicUrl;
    this.embedOrigins = publicList.embedOrigins;
  }

  @Get('affiliates')
  async affiliates(@Req() req: Request, @Res() res: Response): Promise<void> {
    await this.page(req, res, 'affiliates', 'public-list/index', (filter) => (snapshot) => ({
      title: 'Affiliated branches',
      ...listLocals(snapshot, filter),
    }));
  }

  @Get('statement')
  async statement(@Req() req: Request, @Res() res: Response): Promise<void> {
    await this.page(req, res, 'statement', 'public-list/statement', () => (snapshot) => ({
      title: 'Where we stand',
      ...statementLocals(snapshot),
    }), false);
  }

  @Get('embed/affiliates')
  async embed(@Req() req: Request, @Res() res: Response): Promise<void> {
    const frameHeaders = this.frameHeaders(res);
    const raw = `embed?${rawQuery(req)}`;
    const hit = this.publicList.peek(raw);
    if (hit) return sendCached(req, res, hit, frameHeaders);
    const filter = parsePageFilter(req.query);
    const response = await this.publicList.respond(
      `embed|${filter.key}`,
      async (snapshot) =>
        cachedResponse(
          await renderView(req.app, 'public-list/embed', {
            layout: 'public-list/embed-layout',
            title: 'Affiliated branches',
            publicUrl: this.publicUrl,
            ...listLocals(snapshot, filter),
          }),
          HTML_HEADERS,
        ),
      raw,
    );
    sendCached(req, res, response, frameHeaders);
  }

  @Get('affiliates/feed.atom')
  async feed(@Req() req: Request, @Res() res: Response): Promise<void> {
    const response = await this.publicList.respond('feed', (snapshot) =>
      cachedResponse(atomFeed({ baseUrl: this.publicUrl, entries: PublicListService.newest(snapshot, this.publicList.feedSize) }), FEED_HEADERS),
    );
    sendCached(req, res, response);
  }

  private async page(
    req: Request,
    res: Response,
    name: string,
    view: string,
    locals: (filter: NormalisedFilter) => Locals,
    filtered = true,
  ): Promise<void> {
    const path = `/${name}`;
    if (req.user) {
      // Rendered with res.locals (the signed-in header); never shared or stored.
      const filter = parsePageFilter(filtered ? req.query : {});
      const snapshot = await this.publicList.current();
      res.setHeader('Cache-Control', 'private, no-cache');
      res.render(view, locals(filter)(snapshot));
      return;
    }
    const raw = `${name}?${filtered ? rawQuery(req) : ''}`;
    const hit = this.publicList.peek(raw);
    if (hit) return sendCached(req, res, hit);
    const filter = parsePageFilter(filtered ? req.query : {});
    const response = await this.publicList.respond(
      `${name}|${filter.key}`,
      async (snapshot): Promise<CachedResponse> =>
        cachedResponse(await renderView(req.app, view, { ...locals(filter)(snapshot), path }), HTML_HEADERS),
      raw,
    );
    sendCached(req, res, response);
  }

  /** The embed's own frame-ancestors; X-Frame-Options cannot name a list of origins, so it goes when there is one. */
  private frameHeaders(res: Response): Record<string, string> {
    const global = String(res.getHeader('Content-Security-Policy') ?? '');
    let policy = this.framePolicies.get(global);
    if (policy === undefined) {
      policy = withFrameAncestors(global, this.embedOrigins);
      if (this.framePolicies.size < 8) this.framePolicies.set(global, policy);
    }
    if (this.embedOrigins.length) res.removeHeader('X-Frame-Options');
    return { 'Content-Security-Policy': policy, 'Cross-Origin-Resource-Policy': 'cross-origin' };
  }
}
