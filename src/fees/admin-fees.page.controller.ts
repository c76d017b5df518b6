import { Body, Controller, Get, Header, Param, Post, Query, Redirect, Render } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Actor } from '../audit/audit.service';
import { CurrentActor } from '../auth/current-user.decorator';
import { Roles } from '../common/access';
import { FormBody } from '../common/dto/transforms';
import { INT_ID_404 } from '../common/pipes/int-id.pipe';
import { UUID_404, uuidOr404 } from '../common/pipes/uuid.pipe';
import { NotFoundError } from '../common/errors/domain-error';
import { FormView } from '../common/http/form-view';
import { StatementConfirmDto, StatementPreviewDto, FeeBandFormDto } from './dto/fees-admin.dto';
import { AgreeInvoiceAmountFormDto, RecordPaymentFormDto, ReversePaymentDto } from './dto/payment.dto';
import { FeeBandsService } from './fee-bands.service';
import { FeesReportsService } from './fees-reports.service';
import { IMPORT_FILE_SCRIPT } from './import-file-script';
import { InvoicesRepository } from './invoices.repository';
import { InvoicesService } from './invoices.service';
import { penceToDecimal } from '../common/money';
import { METHOD_LABELS, PAYMENT_METHODS } from './payment.entity';
import { PaymentsService } from './payments.service';
import { StatementImportService } from './statement-import.service';
import { statementText } from './statement-upload';

type Redirection = { url: string };
const METHODS = PAYMENT_METHODS.map((key) => ({ key, name: METHOD_LABELS[key] }));

const DONE: Record<string, string> = {
  recorded: 'The payment is recorded.',
  duplicate: 'That payment was already recorded, so nothing new was stored.',
  reversed: 'The reversing entry is recorded.',
  band: 'The fee band is saved. It applies to invoices raised from now on.',
  bandAdded: 'The fee band is added. It applies to invoices raised from now on.',
  bandRemoved: 'The fee band is removed: its members now fall in the band next to it. Invoices already raised keep their amount.',
  agreed: 'The agreed amount is saved on the invoice.',
};

/** The treasurer's pages. They call the same services as the API. */
@ApiExcludeController()
@Roles('admin')
@Controller('admin/fees')
export class AdminFeesPageController {
  constructor(
    private readonly reports: FeesReportsService,
    private readonly payments: PaymentsService,
    private readonly invoices: InvoicesService,
    private readonly invoiceRows: InvoicesRepository,
    private readonly bands: FeeBandsService,
    private readonly statements: StatementImportService,
  ) {}

  @Get()
  @Render('fees/admin-dashboard')
  async dashboard(): Promise<object> {
    return { title: 'Fees', ...(await this.reports.dashboard()) };
  }

  @Get('payments')
  @Render('fees/admin-payments')
  async paymentsList(@Query('done') done?: unknown, @Query('n') n?: unknown): Promise<object> {
    const payments = (await this.payments.list()).map((p) => ({ ...p, methodLabel: METHOD_LABELS[p.method as keyof typeof METHOD_LABELS] ?? p.method }));
    const imported = done === 'imported' && typeof n === 'string' && /^\d+(-\d+)?$/.test(n) ? n.split('-').map(Number) : null;
    return {
      title: 'Payments',
      payments,
      done: imported ? `${imported[0]} payment(s) recorded from the statement${imported[1] ? `; ${imported[1]} line(s) skipped` : ''}.` : typeof done === 'string' ? DONE[done] : undefined,
    };
  }

  @Get('payments/new')
  @Render('fees/admin-payment-form')
  newPayment(@Query('reference') reference?: unknown): object {
    return { title: 'Record a payment', methods: METHODS, values: { method: 'bank_transfer', reference: typeof reference === 'string' ? reference.slice(0, 40) : '' }, errors: {} };
  }

  @Post('payments')
  @FormView('fees/admin-payment-form', { title: 'Record a payment', methods: METHODS })
  @Redirect('/admin/fees/payments', 303)
  async recordPayment(@CurrentActor() actor: Actor, @Body() dto: RecordPaymentFormDto): Promise<Redirection> {
    const { created } = await this.payments.record(actor, { ...dto, amountPence: dto.amount });
    return { url: `/admin/fees/payments?done=${created ? 'recorded' : 'duplicate'}` };
  }

  @Get('payments/:id/reverse')
  @Render('fees/admin-reverse')
  async reverseForm(@Param('id', UUID_404) id: string): Promise<object> {
    return { ...(await this.reversePage(id)), values: {}, errors: {} };
  }

  /** The reversal form's page around the form: the payment it reverses. */
  async reversePage(id: unknown): Promise<Record<string, unknown>> {
    const payment = await this.invoiceRows.findPayment(uuidOr404(id));
    if (!payment || payment.reversesPaymentId) throw new NotFoundError('Payment not found');
    return { title: 'Reverse a payment', payment };
  }

  @Post('payments/:id/reverse')
  @FormView('fees/admin-reverse', undefined, (page: AdminFeesPageController, req) => page.reversePage(req.params.id))
  @Redirect('/admin/fees/payments', 303)
  async reverse(@CurrentActor() actor: Actor, @Param('id', UUID_404) id: string, @Body() dto: ReversePaymentDto): Promise<Redirection> {
    await this.payments.reverse(actor, id, dto.reason);
    return { url: '/admin/fees/payments?done=reversed' };
  }

  @Get('bands')
  @Render('fees/admin-bands')
  async bandList(@Query('done') done?: unknown): Promise<object> {
    return { title: 'Fee bands', bands: await this.bands.list(), done: typeof done === 'string' ? DONE[done] : undefined };
  }

  @Get('bands/new')
  @Render('fees/admin-band-form')
  bandNew(): object {
    return { title: 'Add a fee band', adding: true, values: {}, errors: {} };
  }

  @Post('bands/new')
  @FormView('fees/admin-band-form', { title: 'Add a fee band', adding: true })
  @Redirect('/admin/fees/bands', 303)
  async addBand(@CurrentActor() actor: Actor, @Body() dto: FeeBandFormDto): Promise<Redirection> {
    await this.bands.add(actor, { label: dto.label, minMembers: dto.minMembers, amountPence: dto.amount, forRegionalBodies: dto.forRegionalBodies ?? false });
    return { url: '/admin/fees/bands?done=bandAdded' };
  }

  @Get('bands/:id')
  @Render('fees/admin-band-form')
  async bandForm(@Param('id', INT_ID_404) id: number): Promise<object> {
    const band = await this.bands.get(id);
    const values = { label: band.label, minMembers: band.minMembers, amount: penceToDecimal(band.amountPence), forRegionalBodies: band.forRegionalBodies };
    return { title: 'Change a fee band', band, values, errors: {} };
  }

  @Post('bands/:id')
  @FormView('fees/admin-band-form', { title: 'Change a fee band' })
  @Redirect('/admin/fees/bands', 303)
  async updateBand(@CurrentActor() actor: Actor, @Param('id', INT_ID_404) id: number, @Body() dto: FeeBandFormDto): Promise<Redirection> {
    await this.bands.update(actor, id, { label: dto.label, minMembers: dto.minMembers, amountPence: dto.amount, forRegionalBodies: dto.forRegionalBodies ?? false });
    return { url: '/admin/fees/bands?done=band' };
  }

  @Get('bands/:id/remove')
  @Render('fees/admin-band-remove')
  async bandRemoveForm(@Param('id', INT_ID_404) id: number): Promise<object> {
    return { title: 'Remove a fee band', band: await this.bands.get(id) };
  }

  @Post('bands/:id/remove')
  @Redirect('/admin/fees/bands', 303)
  async removeBand(@CurrentActor() actor: Actor, @Param('id', INT_ID_404) id: number, @Body() _dto: FormBody): Promise<Redirection> {
    await this.bands.remove(actor, id);
    return { url: '/admin/fees/bands?done=bandRemoved' };
  }

  @Get('branches/:id')
  @Render('fees/admin-statement')
  async statement(@Param('id', UUID_404) id: string, @Query('done') done?: unknown): Promise<object> {
    const view = await this.invoices.forAdmin(id);
    return { title: `Statement: ${view.publicName}`, ...view, done: typeof done === 'string' ? DONE[done] : undefined };
  }

  @Get('invoices/:id/agreed-amount')
  @Render('fees/admin-agree')
  async agreeForm(@Param('id', UUID_404) id: string): Promise<object> {
    return { ...(await this.agreePage(id)), values: {}, errors: {} };
  }

  /** The agreed-amount form's page around the form: the invoice and its branch. */
  async agreePage(id: unknown): Promise<Record<string, unknown>> {
    const invoice = await this.invoiceRows.context(uuidOr404(id));
    if (!invoice) throw new NotFoundError('Invoice not found');
    return { title: 'Agree the amount', invoice };
  }

  @Post('invoices/:id/agreed-amount')
  @FormView('fees/admin-agree', undefined, (page: AdminFeesPageController, req) => page.agreePage(req.params.id))
  @Redirect('/admin/fees', 303)
  async agree(@CurrentActor() actor: Actor, @Param('id', UUID_404) id: string, @Body() dto: AgreeInvoiceAmountFormDto): Promise<Redirection> {
    await this.invoices.agreeAmount(actor, id, dto.amount);
    const invoice = await this.invoiceRows.findById(id);
    return { url: `/admin/fees/branches/${invoice!.branchId}?done=agreed` };
  }

  @Get('import')
  @Render('fees/admin-import')
  importForm(): object {
    return { title: 'Import a bank statement', values: {}, errors: {} };
  }

  @Get('import.js')
  @Header('Content-Type', 'text/javascript; charset=utf-8')
  @Header('Cache-Control', 'no-cache')
  importScript(): string {
    return IMPORT_FILE_SCRIPT;
  }

  /** Shows what the file holds; nothing is stored until the admin confirms. */
  @Post('import')
  @FormView('fees/admin-import', { title: 'Import a bank statement' })
  @Render('fees/admin-import-preview')
  async preview(@Body() dto: StatementPreviewDto): Promise<object> {
    const csv = statementText(undefined, dto.csv);
    const preview = await this.statements.preview(csv);
    return { title: 'Check the statement', csv, ...preview };
  }

  @Post('import/confirm')
  @Redirect('/admin/fees/payments', 303)
  async confirm(@CurrentActor() actor: Actor, @Body() dto: StatementConfirmDto): Promise<Redirection> {
    const result = await this.statements.confirm(actor, statementText(undefined, dto.csv), dto.lines);
    return { url: `/admin/fees/payments?done=imported&n=${result.recorded}-${result.skipped}` };
  }
}
