import { DOCX_CONTENT_TYPE } from '../documents/documents.service';
import { Controller, Get, Param, Res } from '@nestjs/common';
import { ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { CurrentUser } from '../auth/current-user.decorator';
import { UUID_404 } from '../common/pipes/uuid.pipe';
import { attachmentDisposition, sendPersonalDownload } from '../documents/content-disposition';
import type { RenderedDocument } from '../documents/documents.service';
import type { User } from '../users/user.entity';
import { InvoicesService, type BranchInvoices } from './invoices.service';

/** A secretary's invoices: their own branch only (any other id is 404). */
@ApiTags('fees')
@Controller('api/branches/:id/invoices')
export class InvoicesController {
  constructor(private readonly invoices: InvoicesService) {}

  @Get()
  @ApiOkResponse({ description: 'The branch’s invoices with balances from the ledger, its payments, and how to pay' })
  list(@CurrentUser() user: User, @Param('id', UUID_404) id: string): Promise<BranchInvoices> {
    return this.invoices.forSecretary(user, id);
  }

  @Get(':invoiceId/invoice.docx')
  @ApiProduces(DOCX_CONTENT_TYPE)
  async invoice(@CurrentUser() user: User, @Param('id', UUID_404) id: string, @Param('invoiceId', UUID_404) invoiceId: string, @Res() res: Response): Promise<void> {
    sendPersonalDownload(res, await this.invoices.invoiceDocument(user, id, invoiceId));
  }

  @Get(':invoiceId/receipt.docx')
  @ApiProduces(DOCX_CONTENT_TYPE)
  async receipt(@CurrentUser() user: User, @Param('id', UUID_404) id: string, @Param('invoiceId', UUID_404) invoiceId: string, @Res() res: Response): Promise<void> {
    sendPersonalDownload(res, await this.invoices.receiptDocument(user, id, invoiceId));
  }
}


export function sendCsv(res: Response, filename: string, csv: string): void {
  res.setHeader('Content-Type', 'text/csv; charset=utf-8; header=present');
  res.setHeader('Content-Disposition', attachmentDisposition(filename));
  res.setHeader('Cache-Control', 'no-store');
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.end(csv);
}
