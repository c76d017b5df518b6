import { applyDecorators, Body, Controller, Get, HttpCode, Param, Post, Query, Res } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { CurrentActor } from '../auth/current-user.decorator';
import type { Actor } from '../audit/audit.service';
import { Roles } from '../common/access';
import { PageQueryDto } from '../common/dto/page-query.dto';
import { ApiErrors, ApiFile } from '../common/openapi/api-docs.decorators';
import { PageOf, type Page } from '../common/openapi/page.dto';
import { UUID_404 } from '../common/pipes/uuid.pipe';
import { sendPersonalDownload } from '../documents/content-disposition';
import { DOCX_CONTENT_TYPE } from '../documents/documents.service';
import { BranchFeeStatementDto, InvoiceDto } from './dto/invoice-response.dto';
import { AgreeInvoiceAmountDto, RecordPaymentDto, ReversePaymentDto } from './dto/payment.dto';
import { PaymentDto, RecordedPaymentDto } from './dto/payment-response.dto';
import { InvoicesService } from './invoices.service';
import { PaymentsService, type RecordedPayment } from './payments.service';

/** The payments list shows the latest entries first, this many to a page unless asked. */
const PAYMENTS_PAGE_SIZE = 50;

const paymentPath = (id: string): string => `/api/admin/payments/${id}`;

/**
 * Payments are idempotent: 201 with `Location` when this request stored the
 * entry, 200 with the stored entry (and `Content-Location`) when an identical
 * request already had.
 */
function ApiRecorded(what: string): MethodDecorator {
  return applyDecorators(
    HttpCode(201),
    ApiCreatedResponse({
      type: RecordedPaymentDto,
      description: `The ${what}, stored by this request (\`created: true\`)`,
      headers: { Location: { description: 'The path of the entry: GET it with getPayment', schema: { type: 'string' } } },
    }),
    ApiOkResponse({
      type: RecordedPaymentDto,
      description: `The same ${what} was already in the ledger: the stored entry, and nothing new stored (\`created: false\`)`,
      headers: { 'Content-Location': { description: 'The path of the stored entry', schema: { type: 'string' } } },
    }),
  );
}

function answer(res: Response, { payment, created }: RecordedPayment): RecordedPaymentDto {
  res.status(created ? 201 : 200);
  res.setHeader(created ? 'Location' : 'Content-Location', paymentPath(payment.id));
  return RecordedPaymentDto.recorded(payment, created);
}

/** Admins: the payments ledger, agreed amounts, a branch's statement and invoices. */
@ApiTags('fees')
@Roles('admin')
@Controller('api/admin')
export class AdminPaymentsController {
  constructor(
    private readonly payments: PaymentsService,
    private readonly invoices: InvoicesService,
  ) {}

  @Get('payments')
  @ApiOperation({ summary: 'List payments', description: `The whole ledger, latest first (by the day received), ${PAYMENTS_PAGE_SIZE} to a page unless asked.` })
  @ApiOkResponse({ type: PageOf(PaymentDto) })
  async listPayments(@Query() query: PageQueryDto): Promise<Page<PaymentDto>> {
    const page = await this.payments.page(query.page ?? 1, query.pageSize ?? PAYMENTS_PAGE_SIZE);
    return { ...page, items: page.items.map((p) => PaymentDto.from(p)) };
  }

  @Get('payments/:id')
  @ApiOperation({ summary: 'Get a payment' })
  @ApiParam({ name: 'id', type: String, format: 'uuid', description: 'A payment or reversal' })
  @ApiOkResponse({ type: PaymentDto })
  async getPayment(@Param('id', UUID_404) id: string): Promise<PaymentDto> {
    return PaymentDto.from(await this.payments.get(id));
  }

  @Post('payments')
  @ApiOperation({
    summary: 'Record a payment',
    description:
      'Against the invoice whose payment reference it quotes (its check character catches a mistyped one: 400). Idempotent: the invoice, ' +
      'amount, date received, method and bank reference identify a payment, so sending the same again — a retry, a double click — ' +
      'stores it once and answers 200 with the stored payment. Paying an invoice in full makes its affiliation current where it was ' +
      'waiting for payment, and emails the secretary.',
  })
  @ApiRecorded('payment')
  async recordPayment(@CurrentActor() actor: Actor, @Body() dto: RecordPaymentDto, @Res({ passthrough: true }) res: Response): Promise<RecordedPaymentDto> {
    return answer(res, await this.payments.record(actor, dto));
  }

  @Post('payments/:id/reverse')
  @ApiOperation({
    summary: 'Reverse a payment',
    description:
      'Adds the entry that cancels it (the same amount, negative, dated today); the ledger is never edited. Reversing the same payment ' +
      'again answers 200 with the first reversal. A reversal cannot itself be reversed (409): record the payment again instead.',
  })
  @ApiParam({ name: 'id', type: String, format: 'uuid', description: 'The payment to reverse' })
  @ApiRecorded('reversal')
  @ApiErrors(409)
  async reversePayment(
    @CurrentActor() actor: Actor,
    @Param('id', UUID_404) id: string,
    @Body() dto: ReversePaymentDto,
    @Res({ passthrough: true }) res: Response,
  ): Promise<RecordedPaymentDto> {
    return answer(res, await this.payments.reverse(actor, id, dto.reason));
  }

  @Post('invoices/:id/agreed-amount')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Agree a "pay what you can" amount',
    description: 'Replaces the amount of the invoice of an affiliation that asked to pay what it can; 409 when it did not ask.',
  })
  @ApiParam({ name: 'id', type: String, format: 'uuid', description: 'The invoice' })
  @ApiOkResponse({ type: InvoiceDto, description: 'The invoice as it now stands' })
  @ApiErrors(409)
  async agreeInvoiceAmount(@CurrentActor() actor: Actor, @Param('id', UUID_404) id: string, @Body() dto: AgreeInvoiceAmountDto): Promise<InvoiceDto> {
    return InvoiceDto.from(await this.invoices.agreeAmount(actor, id, dto.amountPence));
  }

  @Get('branches/:id/statement')
  @ApiOperation({ summary: 'Get any branch’s invoices, balance and payments', description: 'What the branch’s secretary sees at GET /api/branches/{id}/invoices.' })
  @ApiParam({ name: 'id', type: String, format: 'uuid', description: 'The branch' })
  @ApiOkResponse({ type: BranchFeeStatementDto })
  async getBranchStatement(@Param('id', UUID_404) id: string): Promise<BranchFeeStatementDto> {
    return BranchFeeStatementDto.from(await this.invoices.forAdmin(id));
  }

  @Get('branches/:id/invoices/:invoiceId/invoice.docx')
  @ApiOperation({ summary: 'Download any branch’s invoice (Word)' })
  @ApiParam({ name: 'id', type: String, format: 'uuid', description: 'The branch' })
  @ApiParam({ name: 'invoiceId', type: String, format: 'uuid', description: 'One of the branch’s invoices' })
  @ApiFile(DOCX_CONTENT_TYPE, 'The invoice, as the branch gets it')
  async downloadBranchInvoice(@Param('id', UUID_404) id: string, @Param('invoiceId', UUID_404) invoiceId: string, @Res() res: Response): Promise<void> {
    sendPersonalDownload(res, await this.invoices.invoiceDocument(null, id, invoiceId));
  }
}
