import { Controller, Get, Req, Res } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { Public } from '../common/access';
import type { AppConfig } from '../config';
import { parseListPage, type PageOfList } from './dto/public-affiliates-query.dto';
import { atomFeed } from './atom-feed';
import { withFrameAncestors } from './frame-ancestors';
import { CACHE_CONTROL, rawQuery } from './public-list.http';
import { PublicListService } from './public-list.service';
import type { PublicListSnapshot } from './public-list.snapshot';
import { listLocals } from './public-list.views';
import { renderView } from '../common/views/render-view';
import { cachedResponse, sendCached, type CachedResponse } from '../common/http/cached-response';

const HTML_HEADERS = { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': CACHE_CONTROL };
const FEED_HEADERS = {
  'Content-Type': 'application/atom+xml; charset=utf-8',
  'Cache-Control': CACHE_CONTROL,
  'Access-Control-Allow-Origin': '*',
  'Cross-Origin-Resource-Policy': 'cross-origin',
};

type Locals = (snapshot: PublicListSnapshot, query: PageOfList) => Record<string, unknown>;

/** A page past the end of the list (an old link) is a 404 that says so and links to the last page. */
const statusOf = (locals: Record<string, unknown>): number => (locals.missingPage ? 404 : 200);

/**
 * The public pages, a page of the list at a time (PUBLIC_LIST_PAGE_SIZE
 * branches). Visitors who are not signed in (nearly everyone) get bytes
 * rendered once per version of the list, per filter and per page; a signed-in
 * visitor's header names them, so their page is rendered for them and not shared.
 */
@ApiExcludeController()
@Public()
@Controller()
export class PublicListPageController {
  private readonly publicUrl: string;
  private readonly embedOrigins: readonly string[];
  private readonly framePolicies = new Map<string, string>();
  private readonly pageSize: number;

  constructor(
    private readonly publicList: PublicListService,
    config: ConfigService,
  ) {
    this.publicUrl = config.getOrThrow<AppConfig>('app').publicUrl;
    this.embedOrigins = publicList.embedOrigins;
    this.pageSize = publicList.pageSize;
  }

  @Get('affiliates')
  async affiliates(@Req() req: Request, @Res() res: Response): Promise<void> {
    await this.page(req, res, 'affiliates', 'public-list/index', parseListPage, (snapshot, query) => ({
      title: query.page > 1 ? `Affiliated branches, page ${query.page}` : 'Affiliated branches',
      ...listLocals(snapshot, query, this.pageSize, '/affiliates'),
    }));
  }

  @Get('embed/affiliates')
  async embed(@Req() req: Request, @Res() res: Response): Promise<void> {
    const frameHeaders = this.frameHeaders(res);
    const raw = `embed?${rawQuery(req)}`;
    const hit = this.publicList.peek(raw);
    if (hit) return sendCached(req, res, hit, frameHeaders);
    const query = parseListPage(req.query);
    const response = await this.publicList.respond(
      `embed|${query.key}`,
      async (snapshot) => {
        const locals = {
          layout: 'public-list/embed-layout',
          title: 'Affiliated branches',
          publicUrl: this.publicUrl,
          ...listLocals(snapshot, query, this.pageSize, '/embed/affiliates'),
        };
        return cachedResponse(await renderView(req.app, 'public-list/embed', locals), HTML_HEADERS, statusOf(locals));
      },
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

  private async page(req: Request, res: Response, name: string, view: string, parse: (query: unknown) => PageOfList, locals: Locals): Promise<void> {
    const path = `/${name}`;
    if (req.user) {
      // Rendered with res.locals (the signed-in header); never shared or stored.
      const query = parse(req.query);
      const snapshot = await this.publicList.current();
      const built = locals(snapshot, query);
      res.setHeader('Cache-Control', 'private, no-cache');
      res.status(statusOf(built)).render(view, built);
      return;
    }
    const raw = `${name}?${rawQuery(req)}`;
    const hit = this.publicList.peek(raw);
    if (hit) return sendCached(req, res, hit);
    const query = parse(req.query);
    const response = await this.publicList.respond(
      `${name}|${query.key}`,
      async (snapshot): Promise<CachedResponse> => {
        const built = locals(snapshot, query);
        return cachedResponse(await renderView(req.app, view, { ...built, path }), HTML_HEADERS, statusOf(built));
      },
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
