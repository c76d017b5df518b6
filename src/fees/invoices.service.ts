import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { AffiliationsService } from '../affiliations/affiliations.service';
import type { Actor } from '../audit/audit.service';
import { BranchNotFoundError } from '../branches/branches.errors';
import { BranchesRepository } from '../branches/branches.repository';
import { unionName } from '../branches/unions';
import { addDays, Clock } from '../common/clock';
import type { BankDetails, FeesConfig } from '../config';
import { DocumentsService, type RenderedDocument } from '../documents/documents.service';
import type { User } from '../users/user.entity';
import { FeesLedgerService } from './fees-ledger.service';
import { InvoiceNotFoundError, ReceiptNotReadyError } from './fees.errors';
import type { Invoice } from './invoice.entity';
import { INVOICE_STATUS_LABELS, invoiceStatus, type InvoiceStatus } from './invoice-status';
import { InvoicesRepository, type PaymentListRow } from './invoices.repository';
import type { BranchBalance, InvoiceBalance } from './ledger';
import { METHOD_LABELS } from './payment.entity';
import { receiptNumber } from './payment-reference';


export interface InvoiceView {
  id: string;
  reference: string;
  affiliationId: string;
  affiliationYear: number;
  bandLabel: string;
  amountPence: number;
  paidPence: number;
  creditAppliedPence: number;
  outstandingPence: number;
  issuedOn: string;
  dueOn: string;
  status: InvoiceStatus;
  statusLabel: string;
  paidAt: Date | null;
}

export interface BranchInvoices {
  branchId: string;
  publicName: string;
  invoices: InvoiceView[];
  balance: { invoicedPence: number; paidPence: number; outstandingPence: number; creditPence: number };
  bank: BankDetails;
  payments: PaymentListRow[];
}

export function invoiceView(invoice: Invoice, b: InvoiceBalance | undefined): InvoiceView {
  const outstanding = b?.outstandingPence ?? invoice.amountPence;
  const status = invoiceStatus(invoice, outstanding);
  return {
    id: invoice.id,
    reference: invoice.reference,
    affiliationId: invoice.affiliationId,
    affiliationYear: invoice.affiliationYear,
    bandLabel: invoice.bandLabel,
    amountPence: invoice.amountPence,
    paidPence: b?.paidDirectPence ?? 0,
    creditAppliedPence: b?.creditAppliedPence ?? 0,
    outstandingPence: outstanding,
    issuedOn: invoice.issuedOn,
    dueOn: invoice.dueOn,
    status,
    statusLabel: INVOICE_STATUS_LABELS[status],
    paidAt: invoice.paidAt,
  };
}

/** Invoices as the branch (and admins) see them, their documents, and an agreed "pay what you can" amount. */
@Injectable()
export class InvoicesService {
  private readonly bank: BankDetails;
  private readonly lapseDays: number;

  constructor(
    private readonly invoices: InvoicesRepository,
    private readonly branches: BranchesRepository,
    private readonly ledger: FeesLedgerService,
    private readonly documents: DocumentsService,
    private readonly affiliations: AffiliationsService,
    private readonly clock: Clock,
    config: ConfigService,
  ) {
    const fees = config.getOrThrow<FeesConfig>('fees');
    this.bank = fees.bank;
    this.lapseDays = fees.lapseDays;
  }

  /** A secretary's own branch only; any other id is "not found". */
  async forSecretary(user: User, branchId: string): Promise<BranchInvoices> {
    const branch = await this.branches.findOwnedBy(user.id, branchId);
    if (!branch) throw new BranchNotFoundError();
    return this.forBranch(branch.id, branch.publicName);
  }

  async forAdmin(branchId: string): Promise<BranchInvoices> {
    const branch = await this.branches.findById(branchId);
    if (!branch) throw new BranchNotFoundError();
    return this.forBranch(branch.id, branch.publicName);
  }

  /**
   * The invoice .docx: its line, total, what is paid and still to pay; until
   * it is paid, how to pay and when the affiliation would lapse (the time
   * rules lapse it FEES_LAPSE_DAYS after the due date); once paid, PAID and
   * the date instead.
   */
  async invoiceDocument(user: User | null, branchId: string, invoiceId: string): Promise<RenderedDocument> {
    const { invoice, balance } = await this.find(user, branchId, invoiceId);
    const ctx = (await this.invoices.context(invoice.id))!;
    const outstanding = balance.invoices.find((i) => i.id === invoice.id)?.outstandingPence ?? invoice.amountPence;
    return this.documents.render('invoice', {
      'branch.name': ctx.branchName,
      union: unionName(ctx.union, ctx.unionOther),
      'branch.address': ctx.address,
      'invoice.reference': invoice.reference,
      'invoice.date': invoice.issuedOn,
      'invoice.due': invoice.dueOn,
      'invoice.year': String(invoice.affiliationYear),
      'fee.band': invoice.bandLabel,
      'invoice.amount': invoice.amountPence,
      'invoice.paid': invoice.amountPence - outstanding,
      'invoice.to_pay': outstanding,
      // Nothing to pay means paid, whatever else is recorded: the invoice never asks for £0.
      'paid.on': outstanding === 0 ? (invoice.paidAt ?? this.clock.now()) : null,
      'invoice.lapses_on': addDays(invoice.dueOn, this.lapseDays),
      'fees.lapse_days': String(this.lapseDays),
      'bank.account_name': this.bank.accountName,
      'bank.sort_code': this.bank.sortCode,
      'bank.account_number': this.bank.accountNumber,
    });
  }

  /** The receipt .docx, once the invoice is paid in full: its own number, and how and with what bank reference it was paid. */
  async receiptDocument(user: User | null, branchId: string, invoiceId: string): Promise<RenderedDocument> {
    const { invoice, balance } = await this.find(user, branchId, invoiceId);
    const b = balance.invoices.find((i) => i.id === invoice.id);
    if (!invoice.paidAt || (b && b.outstandingPence > 0)) throw new ReceiptNotReadyError();
    const [ctx, payments] = await Promise.all([this.invoices.context(invoice.id), this.invoices.listPayments({ branchId: invoice.branchId })]);
    // The payments that stand (not reversals, not reversed); none when credit from an overpayment paid it.
    const paid = payments.filter((p) => p.invoiceId === invoice.id && p.amountPence > 0 && !p.reversedById).reverse();
    const distinct = (values: string[]): string => [...new Set(values)].join(', ');
    return this.documents.render('receipt', {
      'branch.name': ctx!.branchName,
      union: unionName(ctx!.union, ctx!.unionOther),
      'branch.address': ctx!.address,
      'receipt.number': receiptNumber(invoice.reference),
      'invoice.reference': invoice.reference,
      'invoice.year': String(invoice.affiliationYear),
      'invoice.amount': invoice.amountPence,
      'paid.on': invoice.paidAt,
      'payment.method': paid.length ? distinct(paid.map((p) => METHOD_LABELS[p.method] ?? p.method)) : "Credit from the branch's earlier payments",
      'payment.bank_reference': paid.length ? distinct(paid.map((p) => p.bankReference)) : 'None',
      'receipt.date': this.clock.now(),
    });
  }

  /**
   * An amount agreed with a branch that pays what it can, starting from its
   * invoice: the affiliation's one way of agreeing it (which keeps the invoice
   * in step), then the invoice as it now stands.
   */
  async agreeAmount(actor: Actor, invoiceId: string, amountPence: number): Promise<InvoiceView> {
    const invoice = await this.invoices.findById(invoiceId);
    if (!invoice) throw new InvoiceNotFoundError();
    await this.affiliations.agreePayWhatYouCan(actor, invoice.affiliationId, amountPence);
    const [updated, balance] = await Promise.all([this.invoices.findById(invoiceId), this.ledger.balance(invoice.branchId)]);
    return invoiceView(updated!, balance.invoices.find((i) => i.id === invoiceId));
  }

  private async forBranch(branchId: string, publicName: string): Promise<BranchInvoices> {
    const [invoices, balance, payments] = await Promise.all([
      this.invoices.findForBranch(branchId),
      this.ledger.balance(branchId),
      this.invoices.listPayments({ branchId }),
    ]);
    return {
      branchId,
      publicName,
      invoices: invoices.map((i) => invoiceView(i, balance.invoices.find((b) => b.id === i.id))).reverse(),
      balance: { invoicedPence: balance.invoicedPence, paidPence: balance.paidPence, outstandingPence: balance.outstandingPence, creditPence: balance.creditPence },
      bank: this.bank,
      payments,
    };
  }

  /** `user` null: an admin, who reaches every branch. */
  private async find(user: User | null, branchId: string, invoiceId: string): Promise<{ invoice: Invoice; balance: BranchBalance }> {
    const branch = user ? await this.branches.findOwnedBy(user.id, branchId) : await this.branches.findById(branchId);
    if (!branch) throw new BranchNotFoundError();
    const invoice = await this.invoices.findById(invoiceId);
    if (!invoice || invoice.branchId !== branch.id) throw new InvoiceNotFoundError();
    return { invoice, balance: await this.ledger.balance(branch.id) };
  }
}
