import { Controller, Get, Param, Post, Query, Redirect, Render, Req } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request } from 'express';
import type { Actor } from '../audit/audit.service';
import { CurrentActor } from '../auth/current-user.decorator';
import { Roles } from '../common/access';
import { setFlash } from '../common/http/flash';
import { UUID_404 } from '../common/pipes/uuid.pipe';
import { AdminMessagesQueryDto } from './dto/admin-messages-query.dto';
import { MESSAGE_STATUS, MESSAGE_STATUSES, isMessageStatus, type MessageStatus } from './message-status';
import { MessagesService } from './messages.service';

interface Redirection {
  url: string;
}

const PAGE_SIZE = 50;

const queueUrl = (status?: unknown, page = 1): string => {
  const params = new URLSearchParams();
  if (isMessageStatus(status)) params.set('status', status);
  if (page > 1) params.set('page', String(page));
  const query = params.toString();
  return query ? `/admin/messages?${query}` : '/admin/messages';
};

/** The queue of messages of support: read, publish (only what the author allowed), hide, export. */
@ApiExcludeController()
@Roles('admin')
@Controller('admin/messages')
export class AdminMessagesPageController {
  constructor(private readonly messages: MessagesService) {}

  @Get()
  @Render('statement/admin-messages')
  async queue(@Query() query: AdminMessagesQueryDto): Promise<object> {
    const [rows, counts] = await Promise.all([this.messages.findForAdmin(query.status), this.messages.countByStatus()]);
    const all = MESSAGE_STATUSES.reduce((n, s) => n + counts[s], 0);
    const page = query.page ?? 1;
    const shown = rows.slice((page - 1) * PAGE_SIZE, page * PAGE_SIZE);
    return {
      title: query.status ? `Messages of support: ${MESSAGE_STATUS[query.status].label.toLowerCase()}` : 'Messages of support',
      status: query.status ?? '',
      filters: [
        { label: 'All', count: all, href: '/admin/messages', current: !query.status },
        ...MESSAGE_STATUSES.map((s: MessageStatus) => ({ label: MESSAGE_STATUS[s].label, count: counts[s], href: queueUrl(s), current: query.status === s })),
      ],
      previous: page > 1 ? queueUrl(query.status, page - 1) : undefined,
      next: page * PAGE_SIZE < rows.length ? queueUrl(query.status, page + 1) : undefined,
      items: shown.map((r) => ({ ...r, statusLabel: MESSAGE_STATUS[r.status].label, canPublish: r.messagePublic && r.status !== 'published', canHide: r.status !== 'hidden' })),
    };
  }

  @Post(':id/publish')
  @Redirect('/admin/messages', 303)
  async publish(@Param('id', UUID_404) id: string, @Query('status') status: unknown, @Req() req: Request, @CurrentActor() actor: Actor): Promise<Redirection> {
    const message = await this.messages.publish(id, actor);
    await setFlash(req, { kind: 'success', message: `Published the message from ${message.name}. It is on the statement page now.` });
    return { url: queueUrl(status) };
  }

  @Post(':id/hide')
  @Redirect('/admin/messages', 303)
  async hide(@Param('id', UUID_404) id: string, @Query('status') status: unknown, @Req() req: Request, @CurrentActor() actor: Actor): Promise<Redirection> {
    const message = await this.messages.hide(id, actor);
    await setFlash(req, { kind: 'success', message: `Hid the message from ${message.name}. It is not on any public page.` });
    return { url: queueUrl(status) };
  }
}
