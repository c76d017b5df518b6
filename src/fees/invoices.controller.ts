import { Controller, Get, Param, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { CurrentUser } from '../auth/current-user.decorator';
import { ApiErrors, ApiFile } from '../common/openapi/api-docs.decorators';
import { UUID_404 } from '../common/pipes/uuid.pipe';
import { sendPersonalDownload } from '../documents/content-disposition';
import { DOCX_CONTENT_TYPE } from '../documents/documents.service';
import type { User } from '../users/user.entity';
import { BranchFeeStatementDto } from './dto/invoice-response.dto';
import { InvoicesService } from './invoices.service';

/** A secretary's invoices: their own branch only (any other id is 404). */
@ApiTags('fees')
@ApiParam({ name: 'id', type: String, format: 'uuid', description: 'The branch: one of yours (any other is 404)' })
@Controller('api/branches/:id/invoices')
export class InvoicesController {
  constructor(private readonly invoices: InvoicesService) {}

  /**
   * The statement rather than a page of invoices: the figures are only right
   * together (credit from one invoice settles another), and a branch has one
   * invoice a year, so the list never needs paging.
   */
  @Get()
  @ApiOperation({
    summary: 'Get a branch’s invoices, balance and payments',
    description:
      'The branch’s fee statement: every invoice (one per affiliation year, newest first) with what is still to pay after payments ' +
      'and credit, the balance, the payments and reversals, and the bank details to pay by transfer.',
  })
  @ApiOkResponse({ type: BranchFeeStatementDto })
  async getBranchInvoices(@CurrentUser() user: User, @Param('id', UUID_404) id: string): Promise<BranchFeeStatementDto> {
    return BranchFeeStatementDto.from(await this.invoices.forSecretary(user, id));
  }

  @Get(':invoiceId/invoice.docx')
  @ApiOperation({ summary: 'Download an invoice (Word)' })
  @ApiParam({ name: 'invoiceId', type: String, format: 'uuid', description: 'One of the branch’s invoices' })
  @ApiFile(DOCX_CONTENT_TYPE, 'The invoice, with its payment reference, what is still to pay and the bank details')
  async downloadInvoice(@CurrentUser() user: User, @Param('id', UUID_404) id: string, @Param('invoiceId', UUID_404) invoiceId: string, @Res() res: Response): Promise<void> {
    sendPersonalDownload(res, await this.invoices.invoiceDocument(user, id, invoiceId));
  }

  @Get(':invoiceId/receipt.docx')
  @ApiOperation({ summary: 'Download the receipt for a paid invoice (Word)', description: 'Ready once the invoice is paid in full; before that, 409.' })
  @ApiParam({ name: 'invoiceId', type: String, format: 'uuid', description: 'One of the branch’s invoices' })
  @ApiFile(DOCX_CONTENT_TYPE, 'The receipt')
  @ApiErrors(409)
  async downloadReceipt(@CurrentUser() user: User, @Param('id', UUID_404) id: string, @Param('invoiceId', UUID_404) invoiceId: string, @Res() res: Response): Promise<void> {
    sendPersonalDownload(res, await this.invoices.receiptDocument(user, id, invoiceId));
  }
}
