import { ApiProperty } from '@nestjs/swagger';
import { INVOICE_STATUSES, type InvoiceStatus } from '../invoice-status';
import type { BranchInvoices, InvoiceView } from '../invoices.service';
import { REFERENCE_PATTERN } from '../payment-reference';
import { PaymentDto } from './payment-response.dto';

/** An invoice with where it stands in the ledger. */
export class InvoiceDto {
  @ApiProperty({ format: 'uuid', example: '0b9d6c1e-2f3a-4b5c-9d8e-7f6a5b4c3d2e' })
  id!: string;

  @ApiProperty({ pattern: REFERENCE_PATTERN, example: 'PSOOL-2026-0042-K', description: 'The payment reference to quote with the payment' })
  reference!: string;

  @ApiProperty({ format: 'uuid' })
  affiliationId!: string;

  @ApiProperty({ type: 'integer', example: 2026 })
  affiliationYear!: number;

  @ApiProperty({ example: 'Up to 500 members', description: 'The fee band when it was raised (or the amount agreed)' })
  bandLabel!: string;

  @ApiProperty({ type: 'integer', minimum: 0, example: 2500, description: 'The amount invoiced, integer pence' })
  amountPence!: number;

  @ApiProperty({ type: 'integer', example: 1000, description: 'Paid against this invoice, less reversals, integer pence' })
  paidPence!: number;

  @ApiProperty({ type: 'integer', minimum: 0, example: 0, description: 'The branch’s credit (overpayments of other invoices) used to settle it' })
  creditAppliedPence!: number;

  @ApiProperty({ type: 'integer', minimum: 0, example: 1500, description: 'Still to pay; 0 when settled' })
  outstandingPence!: number;

  @ApiProperty({ type: String, format: 'date', example: '2026-03-20' })
  issuedOn!: string;

  @ApiProperty({ type: String, format: 'date', example: '2026-04-19' })
  dueOn!: string;

  @ApiProperty({ enum: INVOICE_STATUSES, enumName: 'InvoiceStatus', example: 'open', description: 'open (to pay), overdue, paid, or lapsed (unpaid 90 days past due)' })
  status!: InvoiceStatus;

  @ApiProperty({ example: 'To pay' })
  statusLabel!: string;

  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: 'When the ledger settled it in full' })
  paidAt!: Date | null;

  static from(i: InvoiceView): InvoiceDto {
    return {
      id: i.id,
      reference: i.reference,
      affiliationId: i.affiliationId,
      affiliationYear: i.affiliationYear,
      bandLabel: i.bandLabel,
      amountPence: i.amountPence,
      paidPence: i.paidPence,
      creditAppliedPence: i.creditAppliedPence,
      outstandingPence: i.outstandingPence,
      issuedOn: i.issuedOn,
      dueOn: i.dueOn,
      status: i.status,
      statusLabel: i.statusLabel,
      paidAt: i.paidAt,
    };
  }
}

/** The branch's totals from the ledger, integer pence. */
export class BranchBalanceDto {
  @ApiProperty({ type: 'integer', minimum: 0, example: 2500 })
  invoicedPence!: number;

  @ApiProperty({ type: 'integer', example: 1000, description: 'Received, less reversals' })
  paidPence!: number;

  @ApiProperty({ type: 'integer', minimum: 0, example: 1500, description: 'Still to pay, all invoices together' })
  outstandingPence!: number;

  @ApiProperty({ type: 'integer', minimum: 0, example: 0, description: 'Paid beyond every invoice: carried to the next one' })
  creditPence!: number;
}

/** Where to pay: the campaign's bank account (the examples are placeholders, not an account). */
export class BankDetailsDto {
  @ApiProperty({ example: 'Police Spies Out of Lives' })
  accountName!: string;

  @ApiProperty({ example: '00-00-00' })
  sortCode!: string;

  @ApiProperty({ example: '00000000' })
  accountNumber!: string;
}

/**
 * A branch's fee statement: every invoice (one per affiliation year), the
 * balance, its payments and how to pay. One object rather than a page of
 * invoices, because the figures are only right together: credit from one
 * invoice settles another, and the balance covers them all.
 */
export class BranchFeeStatementDto {
  @ApiProperty({ format: 'uuid' })
  branchId!: string;

  @ApiProperty({ example: 'Unite Bristol Central' })
  publicName!: string;

  @ApiProperty({ type: [InvoiceDto], description: 'Newest first' })
  invoices!: InvoiceDto[];

  @ApiProperty({ type: BranchBalanceDto })
  balance!: BranchBalanceDto;

  @ApiProperty({ type: BankDetailsDto })
  bank!: BankDetailsDto;

  @ApiProperty({ type: [PaymentDto], description: 'Payments and reversals, latest first' })
  payments!: PaymentDto[];

  static from(s: BranchInvoices): BranchFeeStatementDto {
    return {
      branchId: s.branchId,
      publicName: s.publicName,
      invoices: s.invoices.map((i) => InvoiceDto.from(i)),
      balance: { invoicedPence: s.balance.invoicedPence, paidPence: s.balance.paidPence, outstandingPence: s.balance.outstandingPence, creditPence: s.balance.creditPence },
      bank: { accountName: s.bank.accountName, sortCode: s.bank.sortCode, accountNumber: s.bank.accountNumber },
      payments: s.payments.map((p) => PaymentDto.from(p)),
    };
  }
}
