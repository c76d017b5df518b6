import { Body, Controller, Get, HttpCode, Post, Query, Render, Req, Res } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import type { Actor } from '../audit/audit.service';
import { CurrentActor } from '../auth/current-user.decorator';
import { Public } from '../common/access';
import { cachedResponse, sendCached } from '../common/http/cached-response';
import { FormView } from '../common/http/form-view';
import { renderView } from '../common/views/render-view';
import type { AppConfig } from '../config';
import { parseStatementPage } from '../public-list/dto/public-affiliates-query.dto';
import { CACHE_CONTROL } from '../public-list/public-list.http';
import { PublicListService } from '../public-list/public-list.service';
import { statementLocals } from '../public-list/public-list.views';
import { choicesOf, DataRequestDto, SignStatementFormDto, StatementTokenDto } from './dto/sign-statement.dto';
import { DATA_REQUESTED_MESSAGE, SIGNED_MESSAGE } from './statement.controller';
import { SPENT_LINK } from './statement.errors';
import { StatementPublicService } from './statement-public.service';
import { signatureLocals } from './statement-page.locals';
import { pageNumber } from './statement-public.views';
import { StatementService } from './statement.service';
import { supportersFeed } from './supporters-feed';

const HTML_HEADERS = { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': CACHE_CONTROL };
const FEED_HEADERS = { 'Content-Type': 'application/atom+xml; charset=utf-8', 'Cache-Control': CACHE_CONTROL, 'Access-Control-Allow-Origin': '*' };
const SIGN_TITLE = 'Sign Where We Stand';
const message = (title: string, paragraphs: string[], link?: { href: string; text: string }) => ({ title, paragraphs, link });
const tokenPage = (title: string, intro: string, action: string, button: string, warning = false) => ({ title, intro, action, button, warning });

/**
 * The statement's pages. /statement itself is public and cached like the
 * affiliates list (its sessionless visitors share rendered bytes); the forms
 * that change anything (signing, confirming, withdrawing, one's data) are
 * pages of their own, with a session and a CSRF token.
 */
@ApiExcludeController()
@Public()
@Controller('statement')
export class StatementPageController {
  private readonly publicUrl: string;

  constructor(
    private readonly statement: StatementService,
    private readonly publicStatement: StatementPublicService,
    private readonly publicList: PublicListService,
    config: ConfigService,
  ) {
    this.publicUrl = config.getOrThrow<AppConfig>('app').publicUrl;
  }

  @Get()
  async statementPage(@Req() req: Request, @Res() res: Response): Promise<void> {
    const query = parseStatementPage(req.query);
    const supporters = pageNumber(req.query.supporters) ?? 1;
    const [branches, signatures] = await Promise.all([this.publicList.current(), this.publicStatement.current()]);
    const build = (): Record<string, unknown> => {
      const endorsers = statementLocals(branches, query, this.publicList.pageSize);
      const signed = signatureLocals(signatures, supporters, this.publicStatement.pageSize);
      return {
        title: query.page > 1 ? `Where we stand, endorsers page ${query.page}` : 'Where we stand',
        ...endorsers,
        ...signed,
        missingPage: endorsers.missingPage,
      };
    };
    const statusOf = (locals: Record<string, unknown>): number => (locals.missingPage || locals.missingSupportersPage ? 404 : 200);
    if (req.user) {
      const locals = build();
      res.setHeader('Cache-Control', 'private, no-cache');
      res.status(statusOf(locals)).render('statement/index', locals);
      return;
    }
    const response = await this.publicStatement.respond(
      `page|${branches.version}|${query.key}|${supporters}`,
      async () => {
        const locals = build();
        return cachedResponse(await renderView(req.app, 'statement/index', { ...locals, path: '/statement' }), HTML_HEADERS, statusOf(locals));
      },
      signatures,
    );
    sendCached(req, res, response);
  }

  @Get('supporters.atom')
  async supportersFeed(@Req() req: Request, @Res() res: Response): Promise<void> {
    const response = await this.publicStatement.respond('feed', (s) =>
      cachedResponse(supportersFeed(this.publicUrl, s.listed.slice(0, this.publicStatement.feedSize)), FEED_HEADERS),
    );
    sendCached(req, res, response);
  }

  @Get('sign')
  @Render('statement/sign')
  signForm(): object {
    return { title: SIGN_TITLE };
  }

  @Post('sign')
  @HttpCode(200)
  @FormView('statement/sign', { title: SIGN_TITLE })
  @Render('auth/message')
  async sign(@Body() dto: SignStatementFormDto, @CurrentActor() actor: Actor): Promise<object> {
    const { website, ...fields } = dto;
    await this.statement.sign(choicesOf(fields), actor, website);
    return message('Check your email', [SIGNED_MESSAGE, 'The link works for 7 days. If it does not arrive, check your spam folder, or sign again.'], { href: '/statement', text: 'Back to the statement' });
  }

  @Get('confirm')
  async confirmPage(@Query('token') token = '', @Res() res: Response): Promise<void> {
    const choices = await this.statement.pendingChoices(token);
    if (!choices) return res.status(404).render('auth/message', message('This link no longer works', [SPENT_LINK], { href: '/statement/sign', text: 'Sign the statement' }));
    res.render('statement/token', {
      ...tokenPage('Confirm your signature', 'Check what you asked for, then press the button. Nothing counts or changes until you do.', '/statement/confirm', 'Confirm my signature'),
      token,
      choices,
    });
  }

  @Post('confirm')
  @HttpCode(200)
  @FormView('statement/token', tokenPage('Confirm your signature', 'Press the button to confirm your signature.', '/statement/confirm', 'Confirm my signature'))
  @Render('auth/message')
  async confirm(@Body() dto: StatementTokenDto): Promise<object> {
    await this.statement.confirm(dto.token);
    return message('Thank you: your signature is confirmed', ['Your signature now counts, with the choices you made.', 'Every email we send has a link to withdraw it.'], { href: '/statement', text: 'See the statement' });
  }

  @Get('withdraw')
  async withdrawPage(@Query('token') token = '', @Res() res: Response): Promise<void> {
    if (!(await this.statement.linkWorks('withdraw', token))) return res.status(404).render('auth/message', message('This link no longer works', ['The signature was already withdrawn, or the link has expired.']));
    res.render('statement/token', { ...tokenPage('Withdraw your signature', 'This deletes your signature, your message of support and your email updates. It cannot be undone, but you can sign again at any time.', '/statement/withdraw', 'Withdraw my signature', true), token });
  }

  @Post('withdraw')
  @HttpCode(200)
  @FormView('statement/token', tokenPage('Withdraw your signature', 'This deletes your signature.', '/statement/withdraw', 'Withdraw my signature', true))
  @Render('auth/message')
  async withdraw(@Body() dto: StatementTokenDto, @CurrentActor() actor: Actor): Promise<object> {
    await this.statement.withdraw(dto.token, actor);
    return message('Your signature has been withdrawn', ['We have deleted your signature, your message and your email updates.'], { href: '/statement', text: 'Back to the statement' });
  }

  @Get('my-data')
  async myData(@Query('token') token: string | undefined, @Res() res: Response): Promise<void> {
    if (token === undefined) return res.render('statement/data-request', { title: 'Your signature’s data' });
    if (!(await this.statement.linkWorks('data', token))) return res.status(404).render('auth/message', message('This link no longer works', ['It has expired (links work for 24 hours), or the signature was withdrawn.'], { href: '/statement/my-data', text: 'Ask for a new link' }));
    res.render('statement/data', { title: 'Your signature’s data', token });
  }

  @Post('my-data')
  @HttpCode(200)
  @FormView('statement/data-request', { title: 'Your signature’s data' })
  @Render('auth/message')
  async requestData(@Body() dto: DataRequestDto, @CurrentActor() actor: Actor): Promise<object> {
    await this.statement.requestData(dto.email, actor);
    return message('Check your email', [DATA_REQUESTED_MESSAGE]);
  }

  @Post('my-data/download')
  @FormView('statement/data', { title: 'Your signature’s data' })
  async download(@Body() dto: StatementTokenDto, @Res() res: Response): Promise<void> {
    const data = await this.statement.exportData(dto.token);
    res.setHeader('Cache-Control', 'no-store');
    res.setHeader('Content-Disposition', 'attachment; filename="where-we-stand-signature.json"');
    res.type('application/json').send(JSON.stringify(data, null, 2));
  }

  @Post('my-data/erase')
  @HttpCode(200)
  @FormView('statement/data', { title: 'Your signature’s data' })
  @Render('auth/message')
  async erase(@Body() dto: StatementTokenDto, @CurrentActor() actor: Actor): Promise<object> {
    await this.statement.erase(dto.token, actor);
    return message('Your data has been erased', ['We have deleted your signature and everything held with it, including the record of emails we sent you.'], { href: '/statement', text: 'Back to the statement' });
  }
}
