import { DOCX_CONTENT_TYPE } from '../documents/documents.service';
import { Body, Controller, Delete, Get, HttpCode, Param, ParseIntPipe, Patch, Post, Res, UploadedFile, UseInterceptors } from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import { ApiConsumes, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import type { FeeBand } from './fee-band.entity';
import { AuditService, type Actor } from '../audit/audit.service';
import { CurrentActor } from '../auth/current-user.decorator';
import { Roles } from '../common/access';
import { UUID_404 } from '../common/pipes/uuid.pipe';
import { NotFoundError } from '../common/errors/domain-error';
import { CreateFeeBandDto, StatementConfirmDto, StatementPreviewDto, UpdateFeeBandDto } from './dto/fees-admin.dto';
import { AgreeInvoiceAmountDto, RecordPaymentDto, ReversePaymentDto } from './dto/payment.dto';
import { FeeBandsService } from './fee-bands.service';
import { FeesReportsService, type TreasurerDashboard } from './fees-reports.service';
import { sendPersonalDownload } from '../documents/content-disposition';
import { sendCsv } from './invoices.controller';
import type { PaymentListRow } from './invoices.repository';
import { InvoicesService, type BranchInvoices, type InvoiceView } from './invoices.service';
import { PaymentsService } from './payments.service';
import { StatementImportService, type StatementImportResult, type StatementPreview } from './statement-import.service';
import { STATEMENT_UPLOAD_LIMITS, statementText, type UploadedCsv } from './statement-upload';

const ID_404 = new ParseIntPipe({ exceptionFactory: () => new NotFoundError() });

/** Admins: payments, fee bands, invoices, bank statements, reports and exports. */
@ApiTags('admin fees')
@Roles('admin')
@Controller('api/admin')
export class AdminFeesController {
  constructor(
    private readonly payments: PaymentsService,
    private readonly invoices: InvoicesService,
    private readonly bands: FeeBandsService,
    private readonly statements: StatementImportService,
    private readonly reports: FeesReportsService,
    private readonly audit: AuditService,
  ) {}

  @Get('payments')
  listPayments(): Promise<PaymentListRow[]> {
    return this.payments.list();
  }

  /**
   * Idempotent: 201 with the new payment, or 200 with the stored one when the
   * same payment (invoice, amount, date, method, bank reference) was sent before.
   */
  @Post('payments')
  async recordPayment(@CurrentActor() actor: Actor, @Body() dto: RecordPaymentDto, @Res({ passthrough: true }) res: Response): Promise<PaymentListRow & { created: boolean }> {
    const { payment, created } = await this.payments.record(actor, dto);
    res.status(created ? 201 : 200);
    return { ...payment, created };
  }

  /** Adds the reversing entry; reversing again returns the first reversal (200). */
  @Post('payments/:id/reverse')
  async reversePayment(
    @CurrentActor() actor: Actor,
    @Param('id', UUID_404) id: string,
    @Body() dto: ReversePaymentDto,
    @Res({ passthrough: true }) res: Response,
  ): Promise<PaymentListRow & { created: boolean }> {
    const { payment, created } = await this.payments.reverse(actor, id, dto.reason);
    res.status(created ? 201 : 200);
    return { ...payment, created };
  }

  @Get('fee-bands')
  listBands(): Promise<FeeBand[]> {
    return this.bands.list();
  }

  /** Applies to invoices raised from now on. Changing where a band starts moves the end of the band below it. */
  @Patch('fee-bands/:id')
  updateBand(@CurrentActor() actor: Actor, @Param('id', ID_404) id: number, @Body() dto: UpdateFeeBandDto): Promise<FeeBand> {
    return this.bands.update(actor, id, dto);
  }

  /** A new band from `minMembers` to just below the next band's start; the band below it now ends there. */
  @Post('fee-bands')
  addBand(@CurrentActor() actor: Actor, @Body() dto: CreateFeeBandDto): Promise<FeeBand> {
    return this.bands.add(actor, dto);
  }

  /** Its members fall in the band below it (for the lowest band, the one above, which then starts at 1). */
  @Delete('fee-bands/:id')
  @HttpCode(204)
  async removeBand(@CurrentActor() actor: Actor, @Param('id', ID_404) id: number): Promise<void> {
    await this.bands.remove(actor, id);
  }

  @Post('invoices/:id/agreed-amount')
  @HttpCode(200)
  agreeAmount(@CurrentActor() actor: Actor, @Param('id', UUID_404) id: string, @Body() dto: AgreeInvoiceAmountDto): Promise<InvoiceView> {
    return this.invoices.agreeAmount(actor, id, dto.amountPence);
  }

  @Get('branches/:id/statement')
  statement(@Param('id', UUID_404) id: string): Promise<BranchInvoices> {
    return this.invoices.forAdmin(id);
  }

  @Get('branches/:id/invoices/:invoiceId/invoice.docx')
  @ApiProduces(DOCX_CONTENT_TYPE)
  async invoiceDocx(@Param('id', UUID_404) id: string, @Param('invoiceId', UUID_404) invoiceId: string, @Res() res: Response): Promise<void> {
    sendPersonalDownload(res, await this.invoices.invoiceDocument(null, id, invoiceId));
  }

  @Get('fees/dashboard')
  dashboard(): Promise<TreasurerDashboard> {
    return this.reports.dashboard();
  }

  /** The CSV as JSON `{ csv }` or a multipart upload (field `file`); nothing is stored. */
  @Post('statements/preview')
  @HttpCode(200)
  @ApiConsumes('application/json', 'multipart/form-data')
  @UseInterceptors(FileInterceptor('file', { limits: STATEMENT_UPLOAD_LIMITS }))
  previewStatement(@UploadedFile() file: UploadedCsv | undefined, @Body() dto: StatementPreviewDto): Promise<StatementPreview> {
    return this.statements.preview(statementText(file, dto.csv));
  }

  /** The same file again with the line numbers to record; only matched lines become payments. */
  @Post('statements/import')
  @HttpCode(200)
  @ApiConsumes('application/json', 'multipart/form-data')
  @UseInterceptors(FileInterceptor('file', { limits: STATEMENT_UPLOAD_LIMITS }))
  importStatement(@CurrentActor() actor: Actor, @UploadedFile() file: UploadedCsv | undefined, @Body() dto: StatementConfirmDto): Promise<StatementImportResult> {
    return this.statements.confirm(actor, statementText(file, dto.csv), dto.lines);
  }

  @Get('exports/payments.csv')
  @ApiProduces('text/csv')
  async paymentsCsv(@CurrentActor() actor: Actor, @Res() res: Response): Promise<void> {
    const csv = await this.reports.paymentsCsv();
    await this.audit.record(undefined, actor, { action: 'export.payments', subjectType: 'export' });
    sendCsv(res, 'payments.csv', csv);
  }

  @Get('exports/invoices.csv')
  @ApiProduces('text/csv')
  async invoicesCsv(@CurrentActor() actor: Actor, @Res() res: Response): Promise<void> {
    const csv = await this.reports.invoicesCsv();
    await this.audit.record(undefined, actor, { action: 'export.invoices', subjectType: 'export' });
    sendCsv(res, 'invoices.csv', csv);
  }
}
