import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Roles } from '../common/access';
import { PageOf, type Page } from '../common/openapi/page.dto';
import { AuditLogService } from './audit-log.service';
import { AuditEventDto } from './dto/audit-event.dto';
import { AuditQueryDto } from './dto/audit-query.dto';

@ApiTags('admin')
@Roles('admin')
@Controller('api/admin/audit-events')
export class AdminAuditController {
  constructor(private readonly auditLog: AuditLogService) {}

  @Get()
  @ApiOperation({
    summary: 'Lists audit events',
    description: 'Newest first, 50 a page unless `pageSize` says otherwise; filtered by action (or an action prefix), actor and UK dates.',
  })
  @ApiOkResponse({ type: PageOf(AuditEventDto) })
  async listAuditEvents(@Query() query: AuditQueryDto): Promise<Page<AuditEventDto>> {
    const page = await this.auditLog.findForAdmin(query);
    return { ...page, items: page.items.map((e) => AuditEventDto.from(e)) };
  }
}
