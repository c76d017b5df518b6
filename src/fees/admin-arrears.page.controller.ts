import { Body, Controller, Get, Post, Query, Redirect, Render } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request } from 'express';
import type { Actor } from '../audit/audit.service';
import { CurrentActor } from '../auth/current-user.decorator';
import { Roles } from '../common/access';
import { FormView } from '../common/http/form-view';
import { validateBody } from '../common/http/validation';
import { ArrearsQueryDto, ArrearsPageQueryDto, RemindersFormDto } from './dto/arrears.dto';
import { arrearsPageView, arrearsPath, type ArrearsView } from './arrears-page-view';
import { ArrearsService } from './arrears.service';
import { InvoiceRemindersService } from './invoice-reminders.service';

type Redirection = { url: string };

/** The treasurer's arrears list, and reminders sent from it. The same services as the API. */
@ApiExcludeController()
@Roles('admin')
@Controller('admin/fees/arrears')
export class AdminArrearsPageController {
  constructor(
    private readonly arrears: ArrearsService,
    private readonly reminders: InvoiceRemindersService,
  ) {}

  @Get()
  @Render('fees/admin-arrears')
  async list(@Query() query: ArrearsPageQueryDto): Promise<ArrearsView> {
    const page = await this.arrears.page(query);
    const sent = query.sent ?? [];
    const refused = query.refused ?? [];
    const states = await this.reminders.states([...sent, ...refused]);
    return arrearsPageView(query, page, { sent, refused, states });
  }

  /** The page again around a refused form (nothing ticked), for the filter, order and page it was sent from. */
  async pageFor(req: Request): Promise<Record<string, unknown>> {
    const query = await validateBody(ArrearsQueryDto, { bucket: req.body?.bucket, sort: req.body?.sort, page: req.body?.page }).catch(() => new ArrearsQueryDto());
    return { ...arrearsPageView(query, await this.arrears.page(query)) };
  }

  /** One invoice (its row's button) or every ticked one, each in its own transaction; then the list says what happened. */
  @Post('reminders')
  @FormView('fees/admin-arrears', undefined, (page: AdminArrearsPageController, req) => page.pageFor(req))
  @Redirect('/admin/fees/arrears', 303)
  async remind(@CurrentActor() actor: Actor, @Body() dto: RemindersFormDto): Promise<Redirection> {
    const outcomes = await this.reminders.remindEach(actor, dto.one ? [dto.one] : dto.ids);
    const sent = outcomes.flatMap((o) => ('sent' in o ? [o.invoiceId] : []));
    const refused = outcomes.flatMap((o) => ('refused' in o ? [o.invoiceId] : []));
    return { url: arrearsPath(dto, { sent, refused }) };
  }
}
