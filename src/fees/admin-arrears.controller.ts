import { Controller, Get, HttpCode, Param, Post, Query, Res } from '@nestjs/common';
import { ApiAcceptedResponse, ApiConflictResponse, ApiExtraModels, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { AuditService, type Actor } from '../audit/audit.service';
import { CurrentActor } from '../auth/current-user.decorator';
import { Roles } from '../common/access';
import { ApiFile } from '../common/openapi/api-docs.decorators';
import { ApiUuidParam } from '../common/openapi/api-params';
import { UUID_404 } from '../common/pipes/uuid.pipe';
import { REMINDER_INTERVAL_DAYS } from './arrears';
import { ArrearsService } from './arrears.service';
import { sendCsv } from './csv-export';
import { ArrearsFilterDto, ArrearsPageDto, ArrearsQueryDto, InvoiceReminderDto, ReminderRefusedDto } from './dto/arrears.dto';
import { InvoiceRemindersService } from './invoice-reminders.service';

/** Admins: who owes what past its due date, and reminders to the branches' secretaries. */
@ApiTags('fees')
@Roles('admin')
@ApiExtraModels(ReminderRefusedDto)
@Controller('api/admin')
export class AdminArrearsController {
  constructor(
    private readonly arrears: ArrearsService,
    private readonly reminders: InvoiceRemindersService,
    private readonly audit: AuditService,
  ) {}

  @Get('fees/arrears')
  @ApiOperation({
    summary: 'List the arrears',
    description:
      'Every invoice unpaid past its due date, with what is still owed (after payments and the branch’s credit), days overdue, its ' +
      'bucket and the last reminder; longest overdue first unless `sort` says otherwise, 50 to a page unless asked. `buckets` counts ' +
      'and totals every bucket whatever the filter.',
  })
  @ApiOkResponse({ type: ArrearsPageDto })
  async listArrears(@Query() query: ArrearsQueryDto): Promise<ArrearsPageDto> {
    return ArrearsPageDto.from(await this.arrears.page(query));
  }

  @Post('invoices/:id/reminders')
  @HttpCode(202)
  @ApiOperation({
    summary: 'Remind a branch about an overdue invoice',
    description:
      'Queues a reminder email to the branch’s secretary (what is owed, how to pay), recorded and audited with it. At most one ' +
      `reminder per invoice in ${REMINDER_INTERVAL_DAYS} days, automatic ones included: another within that time is refused with 409 ` +
      'and `lastReminderAt`, and nothing is queued; of several sent at once, exactly one is accepted. 409 also when the invoice is ' +
      'paid, not yet overdue, or its branch has no secretary; `message` says which.',
  })
  @ApiUuidParam('id', 'The invoice')
  @ApiAcceptedResponse({ type: InvoiceReminderDto, description: 'The reminder is recorded and its email queued' })
  @ApiConflictResponse({ type: ReminderRefusedDto, description: 'No reminder may be sent now: `message` says why (and `lastReminderAt` when it is a recent reminder)' })
  async sendInvoiceReminder(@CurrentActor() actor: Actor, @Param('id', UUID_404) id: string): Promise<InvoiceReminderDto> {
    return InvoiceReminderDto.from(await this.reminders.remind(actor, id));
  }

  @Get('exports/arrears.csv')
  @ApiOperation({
    summary: 'Export the arrears (CSV)',
    description: 'The whole list (one bucket with `bucket`), in the order `sort` asks; RFC 4180, formula cells made inert. Audited.',
  })
  @ApiFile('text/csv', 'arrears.csv')
  async exportArrearsCsv(@CurrentActor() actor: Actor, @Query() query: ArrearsFilterDto, @Res() res: Response): Promise<void> {
    const csv = await this.arrears.csv(query);
    await this.audit.record(undefined, actor, { action: 'export.arrears', subjectType: 'export', summary: { bucket: query.bucket ?? null } });
    sendCsv(res, 'arrears.csv', csv);
  }
}
