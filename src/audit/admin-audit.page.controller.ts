import { Controller, Get, Query, Render } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { Roles } from '../common/access';
import { AuditLogService } from './audit-log.service';
import { AuditQueryDto } from './dto/audit-query.dto';

@ApiExcludeController()
@Roles('admin')
@Controller('admin/audit')
export class AdminAuditPageController {
  constructor(private readonly auditLog: AuditLogService) {}

  @Get()
  @Render('audit/admin-log')
  async audit(@Query() query: AuditQueryDto): Promise<object> {
    const result = await this.auditLog.findForAdmin(query);
    const link = (page: number): string => {
      const params = new URLSearchParams();
      for (const key of ['action', 'actor', 'from', 'to'] as const) if (query[key]) params.set(key, query[key]);
      if (query.pageSize) params.set('pageSize', String(query.pageSize));
      params.set('page', String(page));
      return `/admin/audit?${params.toString()}`;
    };
    return {
      title: 'Audit log',
      query,
      items: result.items.map((e) => ({
        ...e,
        when: new Date(e.createdAt).toLocaleString('en-GB', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'Europe/London' }),
        summaryText: JSON.stringify(e.summary),
      })),
      previous: result.page > 1 ? link(result.page - 1) : undefined,
      next: result.page * result.pageSize < result.total ? link(result.page + 1) : undefined,
    };
  }
}
