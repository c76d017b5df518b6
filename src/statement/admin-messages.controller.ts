import { Controller, Get, HttpCode, Param, Post, Query, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import type { Actor } from '../audit/audit.service';
import { CurrentActor } from '../auth/current-user.decorator';
import { Roles } from '../common/access';
import { ApiErrors, ApiFile } from '../common/openapi/api-docs.decorators';
import { ApiErrorResponse } from '../common/openapi/api-error';
import { ApiUuidParam } from '../common/openapi/api-params';
import { PageOf, pageOf, type Page } from '../common/openapi/page.dto';
import { UUID_404 } from '../common/pipes/uuid.pipe';
import { sendCsv } from '../fees/csv-export';
import { AdminMessagesQueryDto } from './dto/admin-messages-query.dto';
import { AdminMessageDto } from './dto/statement-responses.dto';
import { MessagesService } from './messages.service';

const DEFAULT_PAGE_SIZE = 50;

@ApiTags('admin: messages of support')
@Roles('admin')
@Controller('api/admin')
export class AdminMessagesController {
  constructor(private readonly messages: MessagesService) {}

  @Get('messages')
  @ApiOperation({ summary: 'Messages of support, newest first', description: 'From confirmed signatures only; `status` narrows to one moderation status.' })
  @ApiOkResponse({ type: PageOf(AdminMessageDto) })
  async listMessages(@Query() query: AdminMessagesQueryDto): Promise<Page<AdminMessageDto>> {
    const rows = await this.messages.findForAdmin(query.status);
    return pageOf(rows.map(AdminMessageDto.from), query.page ?? 1, query.pageSize ?? DEFAULT_PAGE_SIZE);
  }

  @Post('messages/:id/publish')
  @HttpCode(200)
  @ApiOperation({ summary: 'Publish a message of support', description: 'Only when its author allowed it; shown on /statement and in GET /api/public/messages within moments. Audited.' })
  @ApiUuidParam('id', 'The message (its signature’s id)')
  @ApiOkResponse({ type: AdminMessageDto })
  @ApiErrorResponse(409, 'The author did not allow the campaign to publish this message')
  async publishMessage(@Param('id', UUID_404) id: string, @CurrentActor() actor: Actor): Promise<AdminMessageDto> {
    return AdminMessageDto.from(await this.messages.publish(id, actor));
  }

  @Post('messages/:id/hide')
  @HttpCode(200)
  @ApiOperation({ summary: 'Hide a message of support', description: 'Takes it off the public page, or keeps it off. Audited.' })
  @ApiUuidParam('id', 'The message (its signature’s id)')
  @ApiOkResponse({ type: AdminMessageDto })
  async hideMessage(@Param('id', UUID_404) id: string, @CurrentActor() actor: Actor): Promise<AdminMessageDto> {
    return AdminMessageDto.from(await this.messages.hide(id, actor));
  }

  @Get('exports/messages.csv')
  @ApiOperation({ summary: 'Export every message of support (CSV)', description: 'To pass to the women: RFC 4180, formula cells made inert, no email addresses. Audited.' })
  @ApiFile('text/csv', 'messages.csv')
  @ApiErrors()
  async exportMessagesCsv(@CurrentActor() actor: Actor, @Res() res: Response): Promise<void> {
    sendCsv(res, 'messages-of-support.csv', await this.messages.exportCsv(actor));
  }
}
