import { Controller, Get, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { Public } from '../common/access';
import type { FeeBand } from '../fees/fee-band.entity';
import { FeeBandsService } from '../fees/fee-bands.service';
import { renderView } from '../common/views/render-view';
import { cachedResponse, sendCached, type CachedResponse } from '../common/http/cached-response';

const TITLE = 'Affiliate your branch';
const HTML_HEADERS = { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-cache' };

@ApiExcludeController()
@Public()
@Controller()
export class HomePageController {
  /** The page a visitor without a session sees, rendered once per version of the fee bands. */
  private anonymous?: { bands: readonly FeeBand[]; response: Promise<CachedResponse> };

  constructor(private readonly feeBands: FeeBandsService) {}

  /**
   * The fee table shows the bands as admins last edited them. A visitor with
   * no session (most of them: the page carries no form) gets bytes rendered
   * once, from nothing of theirs; a signed-in person's page has their own
   * header, so it is rendered for them.
   */
  @Get()
  async index(@Req() req: Request, @Res() res: Response): Promise<void> {
    const fees = await this.feeBands.listCurrent();
    if (req.session) return res.render('home/index', { title: TITLE, fees });
    if (this.anonymous?.bands !== fees) {
      const response = renderView(req.app, 'home/index', { title: TITLE, fees, path: '/' }).then((html) => cachedResponse(html, HTML_HEADERS));
      this.anonymous = { bands: fees, response };
      response.catch(() => {
        if (this.anonymous?.response === response) this.anonymous = undefined;
      });
    }
    sendCached(req, res, await this.anonymous.response);
  }
}
