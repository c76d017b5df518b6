import { Body, Controller, Get, HttpCode, Post, Res, UploadedFile, UseInterceptors } from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { AuditService, type Actor } from '../audit/audit.service';
import { CurrentActor } from '../auth/current-user.decorator';
import { Roles } from '../common/access';
import { ApiFile } from '../common/openapi/api-docs.decorators';
import { ApiRequestContent } from '../common/openapi/request-content';
import { sendCsv } from './csv-export';
import { StatementConfirmDto, StatementPreviewDto } from './dto/fees-admin.dto';
import { TreasurerDashboardDto } from './dto/fees-dashboard.dto';
import {
  STATEMENT_IMPORT_UPLOAD,
  STATEMENT_PREVIEW_UPLOAD,
  StatementImportResultDto,
  StatementPreviewResultDto,
} from './dto/statement-import-response.dto';
import { FeesReportsService } from './fees-reports.service';
import { StatementImportService } from './statement-import.service';
import { STATEMENT_UPLOAD_LIMITS, statementText, type UploadedCsv } from './statement-upload';

/** The exports are CSV files, described as files so that a generated client reads them as such rather than as JSON. */
const CSV = 'text/csv';

/** Admins: the treasurer's figures, bank statement imports and the CSV exports. */
@ApiTags('fees')
@Roles('admin')
@Controller('api/admin')
export class AdminFeesController {
  constructor(
    private readonly statements: StatementImportService,
    private readonly reports: FeesReportsService,
    private readonly audit: AuditService,
  ) {}

  @Get('fees/dashboard')
  @ApiOperation({ summary: 'Get the treasurer’s figures', description: 'Received this year, outstanding, overdue (with the invoices), credit, and this year’s invoices by band.' })
  @ApiOkResponse({ type: TreasurerDashboardDto })
  async getFeesDashboard(): Promise<TreasurerDashboardDto> {
    return TreasurerDashboardDto.from(await this.reports.dashboard());
  }

  @Post('statements/preview')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Preview a bank statement import',
    description:
      'Each line of the bank’s CSV export matched to an invoice by the payment reference in its description, or not. Nothing is ' +
      'stored. A file that cannot be read is refused whole, naming the line (400).',
  })
  @ApiRequestContent(
    { 'application/json': StatementPreviewDto, 'multipart/form-data': STATEMENT_PREVIEW_UPLOAD },
    'The CSV as JSON text (`csv`), or the file as a multipart upload (`file`)',
  )
  @ApiOkResponse({ type: StatementPreviewResultDto })
  @UseInterceptors(FileInterceptor('file', { limits: STATEMENT_UPLOAD_LIMITS }))
  async previewStatement(@UploadedFile() file: UploadedCsv | undefined, @Body() dto: StatementPreviewDto): Promise<StatementPreviewResultDto> {
    return StatementPreviewResultDto.from(await this.statements.preview(statementText(file, dto.csv)));
  }

  @Post('statements/import')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Import a bank statement',
    description:
      'The same file again with the line numbers to record. Only matched lines become payments, through the same idempotent ' +
      'recording as POST /api/admin/payments: importing a file twice, or a line already typed in, records nothing new.',
  })
  @ApiRequestContent(
    { 'application/json': StatementConfirmDto, 'multipart/form-data': STATEMENT_IMPORT_UPLOAD },
    'The CSV as JSON text (`csv`) or a multipart upload (`file`), with the `lines` to record',
  )
  @ApiOkResponse({ type: StatementImportResultDto })
  @UseInterceptors(FileInterceptor('file', { limits: STATEMENT_UPLOAD_LIMITS }))
  async importStatement(@CurrentActor() actor: Actor, @UploadedFile() file: UploadedCsv | undefined, @Body() dto: StatementConfirmDto): Promise<StatementImportResultDto> {
    return StatementImportResultDto.from(await this.statements.confirm(actor, statementText(file, dto.csv), dto.lines));
  }

  @Get('exports/payments.csv')
  @ApiOperation({ summary: 'Export the payments (CSV)', description: 'Every payment and reversal; RFC 4180, formula cells made inert. Audited.' })
  @ApiFile(CSV, 'payments.csv')
  async exportPaymentsCsv(@CurrentActor() actor: Actor, @Res() res: Response): Promise<void> {
    const csv = await this.reports.paymentsCsv();
    await this.audit.record(undefined, actor, { action: 'export.payments', subjectType: 'export' });
    sendCsv(res, 'payments.csv', csv);
  }

  @Get('exports/invoices.csv')
  @ApiOperation({ summary: 'Export the invoices (CSV)', description: 'Every invoice with what is paid and outstanding; RFC 4180, formula cells made inert. Audited.' })
  @ApiFile(CSV, 'invoices.csv')
  async exportInvoicesCsv(@CurrentActor() actor: Actor, @Res() res: Response): Promise<void> {
    const csv = await this.reports.invoicesCsv();
    await this.audit.record(undefined, actor, { action: 'export.invoices', subjectType: 'export' });
    sendCsv(res, 'invoices.csv', csv);
  }
}
