import { Body, Controller, Get, Param, Post, Query, Render, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import { randomUUID } from 'node:crypto';
import type { Actor } from '../audit/audit.service';
import { CurrentActor, CurrentUser } from '../auth/current-user.decorator';
import { Roles } from '../common/access';
import { PageQueryDto } from '../common/dto/page-query.dto';
import { BadInputError } from '../common/errors/domain-error';
import { FormView } from '../common/http/form-view';
import { UUID_404 } from '../common/pipes/uuid.pipe';
import type { User } from '../users/user.entity';
import { ComposeUpdateFormDto, CreateUpdateDto } from './dto/email-update.dto';
import { EmailUpdatesService, UPDATES_PAGE_SIZE, type UpdateSummary } from './email-updates.service';
import type { UpdateAudienceKey } from './update-audience';

const COMPOSE_TITLE = 'Write an email update';

/** Progress as the list and the update's page show it. */
function progressOf(u: UpdateSummary): { percent: number; state: string } {
  const percent = u.recipients === 0 ? 100 : Math.floor((u.sent / u.recipients) * 100);
  return { percent, state: u.completedAt ? 'Sent' : 'Sending' };
}

/**
 * The admin's update pages, without JavaScript: write (with a preview and a
 * sample to oneself), confirm with the number of recipients, send, then
 * follow its progress. They call the same service as the API.
 */
@ApiExcludeController()
@Roles('admin')
@Controller('admin/updates')
export class AdminUpdatesPageController {
  constructor(private readonly updates: EmailUpdatesService) {}

  /** What the compose page shows around its form (also when the form is refused). */
  async composeContext(): Promise<Record<string, unknown>> {
    return { title: COMPOSE_TITLE, audienceOptions: this.updates.audienceOptions() };
  }

  @Get()
  @Render('updates/admin-list')
  async list(@Query() query: PageQueryDto): Promise<object> {
    const page = await this.updates.list(query.page ?? 1, UPDATES_PAGE_SIZE);
    return {
      title: 'Email updates',
      audienceOptions: this.updates.audienceOptions(),
      updates: page.items.map((u) => ({ ...u, ...progressOf(u) })),
      total: page.total,
      previous: page.page > 1 ? page.page - 1 : undefined,
      next: page.page * page.pageSize < page.total ? page.page + 1 : undefined,
    };
  }

  @Get('new')
  @Render('updates/compose')
  async compose(): Promise<object> {
    return { ...(await this.composeContext()), values: {}, errors: {} };
  }

  /** One form, four buttons: preview, sample to myself, go on to confirm, or (from the confirm page) back to editing. */
  @Post('new')
  @FormView('updates/compose', undefined, (page: AdminUpdatesPageController) => page.composeContext())
  async composeAction(@Body() dto: ComposeUpdateFormDto, @CurrentUser() user: User, @CurrentActor() actor: Actor, @Res() res: Response): Promise<void> {
    const values = { subject: dto.subject, body: dto.body, audiences: dto.audiences ?? [] };
    const context = await this.composeContext();
    switch (dto.action) {
      case 'preview':
        return res.render('updates/compose', { ...context, values, errors: {}, preview: this.updates.preview(dto.body) });
      case 'sample':
        await this.updates.sendSample(user, actor, dto);
        return res.render('updates/compose', { ...context, values, errors: {}, notice: `A sample is on its way to ${user.email}.` });
      case 'edit':
        return res.render('updates/compose', { ...context, values, errors: {} });
      case 'confirm': {
        if (!dto.audiences?.length) throw new BadInputError({ audiences: ['Choose who gets the update'] });
        const recipients = await this.updates.countRecipients(dto.audiences);
        if (recipients === 0) throw new BadInputError({ audiences: ['Nobody in the chosen audiences gets updates at the moment'] });
        const labels = context.audienceOptions as { key: UpdateAudienceKey; label: string }[];
        return res.render('updates/confirm', {
          title: 'Check and send the update',
          values,
          // One key per confirm page: pressing its button twice sends the update once.
          requestKey: randomUUID(),
          recipients,
          audienceLabels: labels.filter((a) => dto.audiences!.includes(a.key)).map((a) => a.label),
          preview: this.updates.preview(dto.body),
        });
      }
    }
  }

  @Post()
  @FormView('updates/compose', undefined, (page: AdminUpdatesPageController) => page.composeContext())
  async send(@Body() dto: CreateUpdateDto, @CurrentActor() actor: Actor, @Res() res: Response): Promise<void> {
    const { id } = await this.updates.create(actor, dto);
    res.redirect(303, `/admin/updates/${id}?sent=1`);
  }

  @Get(':id')
  @Render('updates/admin-show')
  async show(@Param('id', UUID_404) id: string, @Query('sent') sent?: unknown): Promise<object> {
    const update = await this.updates.get(id);
    const labels = new Map(this.updates.audienceOptions().map((a) => [a.key, a.label]));
    return {
      title: update.subject,
      update: { ...update, ...progressOf(update) },
      audienceLabels: update.audiences.map((key) => labels.get(key) ?? key),
      preview: this.updates.preview(update.body),
      notice: sent === '1' ? `The update is being sent to ${update.recipients} ${update.recipients === 1 ? 'person' : 'people'}.` : undefined,
    };
  }
}
