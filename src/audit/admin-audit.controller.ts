import { Controller, Get, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { Roles } from '../common/access';
import { AuditLogService, type AuditRow } from './audit-log.service';
import { AuditQueryDto } from './dto/audit-query.dto';

@ApiTags('admin')
@Roles('admin')
@Controller('api/admin/audit-events')
export class AdminAuditController {
  constructor(private readonly auditLog: AuditLogService) {}

  @Get()
  auditEvents(@Query() query: AuditQueryDto): Promise<{ items: AuditRow[]; page: number; hasMore: boolean }> {
    return this.auditLog.findForAdmin(query);
  }
}
