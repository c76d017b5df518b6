import { Controller, Get, Param, Post, Query, Redirect, Render, Req } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request } from 'express';
import type { Actor } from '../audit/audit.service';
import { CurrentActor } from '../auth/current-user.decorator';
import { Roles } from '../common/access';
import { setFlash } from '../common/http/flash';
import { UUID_404 } from '../common/pipes/uuid.pipe';
import { formatUkDate } from '../common/validation';
import { AdminRepliesQueryDto } from './dto/replies.dto';
import { LETTER_KIND } from './letter-kinds';
import { RepliesService } from './replies.service';
import { REPLY_STANCE, REPLY_STATUS, REPLY_STATUSES, type ReplyStatus } from './reply-status';

const PAGE_SIZE = 50;
const isStatus = (s: unknown): s is ReplyStatus => typeof s === 'string' && (REPLY_STATUSES as string[]).includes(s);

const queueUrl = (status?: unknown, page = 1): string => {
  const params = new URLSearchParams();
  if (isStatus(status)) params.set('status', status);
  if (page > 1) params.set('page', String(page));
  const query = params.toString();
  return query ? `/admin/replies?${query}` : '/admin/replies';
};

/** The queue of reported replies: read, publish (counted in the tallies), hide. */
@ApiExcludeController()
@Roles('admin')
@Controller('admin/replies')
export class AdminRepliesPageController {
  constructor(private readonly replies: RepliesService) {}

  @Get()
  @Render('replies/admin-queue')
  async queue(@Query() query: AdminRepliesQueryDto): Promise<object> {
    const [rows, counts] = await Promise.all([this.replies.findForAdmin(query.status), this.replies.countByStatus()]);
    const all = REPLY_STATUSES.reduce((n, s) => n + counts[s], 0);
    const page = query.page ?? 1;
    return {
      title: query.status ? `Replies: ${REPLY_STATUS[query.status].label.toLowerCase()}` : 'Replies from representatives',
      status: query.status ?? '',
      filters: [
        { label: 'All', count: all, href: '/admin/replies', current: !query.status },
        ...REPLY_STATUSES.map((s) => ({ label: REPLY_STATUS[s].label, count: counts[s], href: queueUrl(s), current: query.status === s })),
      ],
      previous: page > 1 ? queueUrl(query.status, page - 1) : undefined,
      next: page * PAGE_SIZE < rows.length ? queueUrl(query.status, page + 1) : undefined,
      items: rows.slice((page - 1) * PAGE_SIZE, page * PAGE_SIZE).map((r) => ({
        ...r,
        receivedOnLabel: formatUkDate(r.receivedOn),
        kindLabel: LETTER_KIND[r.kind].label,
        stanceLabel: REPLY_STANCE[r.stance].label,
        statusLabel: REPLY_STATUS[r.status].label,
        canPublish: r.status !== 'published',
        canHide: r.status !== 'hidden',
      })),
    };
  }

  @Post(':id/publish')
  @Redirect('/admin/replies', 303)
  async publish(@Param('id', UUID_404) id: string, @Query('status') status: unknown, @Req() req: Request, @CurrentActor() actor: Actor): Promise<{ url: string }> {
    const reply = await this.replies.publish(id, actor);
    await setFlash(req, { kind: 'success', message: `Published the reply from ${reply.representativeName}. It is counted in the public tallies now.` });
    return { url: queueUrl(status) };
  }

  @Post(':id/hide')
  @Redirect('/admin/replies', 303)
  async hide(@Param('id', UUID_404) id: string, @Query('status') status: unknown, @Req() req: Request, @CurrentActor() actor: Actor): Promise<{ url: string }> {
    const reply = await this.replies.hide(id, actor);
    await setFlash(req, { kind: 'success', message: `Hid the reply from ${reply.representativeName}. It is not counted.` });
    return { url: queueUrl(status) };
  }
}
