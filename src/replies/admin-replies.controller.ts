import { Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Actor } from '../audit/audit.service';
import { CurrentActor } from '../auth/current-user.decorator';
import { Roles } from '../common/access';
import { ApiErrorResponse } from '../common/openapi/api-error';
import { ApiUuidParam } from '../common/openapi/api-params';
import { PageOf, pageOf, type Page } from '../common/openapi/page.dto';
import { UUID_404 } from '../common/pipes/uuid.pipe';
import { AdminRepliesQueryDto } from './dto/replies.dto';
import { AdminReplyDto } from './dto/reply-responses.dto';
import { RepliesService } from './replies.service';

const DEFAULT_PAGE_SIZE = 50;

@ApiTags('admin: replies')
@Roles('admin')
@Controller('api/admin/replies')
export class AdminRepliesController {
  constructor(private readonly replies: RepliesService) {}

  @Get()
  @ApiOperation({ summary: 'Reported replies, newest first', description: '`status` narrows to one moderation status.' })
  @ApiOkResponse({ type: PageOf(AdminReplyDto) })
  async listReplies(@Query() query: AdminRepliesQueryDto): Promise<Page<AdminReplyDto>> {
    const rows = await this.replies.findForAdmin(query.status);
    return pageOf(rows.map(AdminReplyDto.from), query.page ?? 1, query.pageSize ?? DEFAULT_PAGE_SIZE);
  }

  @Post(':id/publish')
  @HttpCode(200)
  @ApiOperation({ summary: 'Publish a reply', description: 'Counts it in the public tallies (counts only). Audited.' })
  @ApiUuidParam('id', 'The reply')
  @ApiOkResponse({ type: AdminReplyDto })
  @ApiErrorResponse(404, 'No such reply')
  async publishReply(@Param('id', UUID_404) id: string, @CurrentActor() actor: Actor): Promise<AdminReplyDto> {
    return AdminReplyDto.from(await this.replies.publish(id, actor));
  }

  @Post(':id/hide')
  @HttpCode(200)
  @ApiOperation({ summary: 'Hide a reply', description: 'Takes it out of the public tallies, or keeps it out. Audited.' })
  @ApiUuidParam('id', 'The reply')
  @ApiOkResponse({ type: AdminReplyDto })
  @ApiErrorResponse(404, 'No such reply')
  async hideReply(@Param('id', UUID_404) id: string, @CurrentActor() actor: Actor): Promise<AdminReplyDto> {
    return AdminReplyDto.from(await this.replies.hide(id, actor));
  }
}
