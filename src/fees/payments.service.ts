import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { AffiliationWorkflow } from '../affiliations/affiliation-workflow';
import { AuditService, SYSTEM_ACTOR, type Actor } from '../audit/audit.service';
import { findTransition } from '../affiliations/affiliation-transitions';
import { Clock } from '../common/clock';
import { BadInputError } from '../common/errors/domain-error';
import type { Page } from '../common/openapi/page.dto';
import { FeesLedgerService } from './fees-ledger.service';
import { FeesNotices } from './fees-notices';
import { paidInFull } from './fees.emails';
import { CannotReverseError, PaymentNotFoundError, UnknownReferenceError } from './fees.errors';
import { InvoicesRepository, type PaymentListRow } from './invoices.repository';
import { FUTURE_PAYMENT_MESSAGE } from './payment-checks';
import { parseReference } from './payment-reference';
import { Payment, type PaymentMethod } from './payment.entity';

export interface NewPayment {
  reference: string;
  amountPence: number;
  receivedOn: string;
  method: PaymentMethod;
  bankReference: string;
  note?: string | null;
  source?: 'manual' | 'statement';
}

export interface RecordedPayment {
  payment: PaymentListRow;
  /** False when the same payment was already in the ledger: nothing new was stored. */
  created: boolean;
}

/**
 * Records payments in the append-only ledger and reversals of them.
 *
 * Idempotency: a payment's natural key is (invoice, amount, date received,
 * method, bank reference), unique in the database. Sending the same payment
 * again — a double click, a retry, twenty requests at once — stores it once;
 * every sender gets the stored payment back (`created: false` for the
 * repeats, HTTP 200 rather than 201). Two genuinely separate payments of the
 * same amount on the same day differ in their bank reference.
 */
@Injectable()
export class PaymentsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly invoices: InvoicesRepository,
    private readonly ledger: FeesLedgerService,
    private readonly workflow: AffiliationWorkflow,
    private readonly audit: AuditService,
    private readonly notices: FeesNotices,
    private readonly clock: Clock,
  ) {}

  async record(actor: Actor, input: NewPayment, manager?: EntityManager): Promise<RecordedPayment> {
    if (!manager) return this.dataSource.transaction((m) => this.record(actor, input, m));
    const reference = parseReference(input.reference);
    const invoice = reference ? await this.invoices.findByReference(reference, manager) : null;
    if (!invoice) throw new UnknownReferenceError();
    if (input.receivedOn > this.clock.today()) throw new BadInputError({ receivedOn: [FUTURE_PAYMENT_MESSAGE] });

    await this.ledger.lockBranch(manager, invoice.branchId);
    const inserted: { id: string }[] = await manager.query(
      `INSERT INTO payments (invoice_id, branch_id, amount_pence, received_on, method, bank_reference, note, source, recorded_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
       ON CONFLICT ON CONSTRAINT uq_payments_natural_key DO NOTHING
       RETURNING id`,
      [invoice.id, invoice.branchId, input.amountPence, input.receivedOn, input.method, input.bankReference, input.note ?? null, input.source ?? 'manual', actor.id],
    );
    if (inserted.length === 0) {
      const [existing]: { id: string }[] = await manager.query(
        `SELECT id FROM payments WHERE invoice_id = $1 AND amount_pence = $2 AND received_on = $3 AND method = $4 AND bank_reference = $5`,
        [invoice.id, input.amountPence, input.receivedOn, input.method, input.bankReference],
      );
      return { payment: (await this.invoices.findPayment(existing!.id, manager))!, created: false };
    }
    const id = inserted[0]!.id;
    await this.audit.record(manager, actor, {
      action: 'payment.recorded',
      subjectType: 'payment',
      subjectId: id,
      summary: { reference: invoice.reference, branchId: invoice.branchId, amountPence: input.amountPence, receivedOn: input.receivedOn, method: input.method, source: input.source ?? 'manual' },
    });
    await this.afterLedgerChange(manager, invoice.branchId);
    return { payment: (await this.invoices.findPayment(id, manager))!, created: true };
  }

  /**
   * Adds the entry that cancels a payment (same amount, negative), dated today.
   * Reversing the same payment again returns the first reversal.
   */
  async reverse(actor: Actor, paymentId: string, reason: string): Promise<RecordedPayment> {
    return this.dataSource.transaction(async (manager) => {
      const original = await manager.getRepository(Payment).findOneBy({ id: paymentId });
      if (!original) throw new PaymentNotFoundError();
      if (original.reversesPaymentId) throw new CannotReverseError('This entry is itself a reversal; record the payment again instead.');
      await this.ledger.lockBranch(manager, original.branchId);
      const inserted: { id: string }[] = await manager.query(
        `INSERT INTO payments (invoice_id, branch_id, amount_pence, received_on, method, bank_reference, note, reverses_payment_id, source, recorded_by)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 'manual', $9)
         ON CONFLICT (reverses_payment_id) DO NOTHING
         RETURNING id`,
        [original.invoiceId, original.branchId, -original.amountPence, this.clock.today(), original.method, `Reversal of ${original.id}`, reason, original.id, actor.id],
      );
      if (inserted.length === 0) {
        const [existing]: { id: string }[] = await manager.query('SELECT id FROM payments WHERE reverses_payment_id = $1', [original.id]);
        return { payment: (await this.invoices.findPayment(existing!.id, manager))!, created: false };
      }
      const id = inserted[0]!.id;
      await this.audit.record(manager, actor, {
        action: 'payment.reversed',
        subjectType: 'payment',
        subjectId: id,
        summary: { reverses: original.id, branchId: original.branchId, amountPence: -original.amountPence, reason },
      });
      await this.afterLedgerChange(manager, original.branchId);
      return { payment: (await this.invoices.findPayment(id, manager))!, created: true };
    });
  }

  list(limit = 200): Promise<PaymentListRow[]> {
    return this.invoices.listPayments({ limit });
  }

  async page(page: number, pageSize: number): Promise<Page<PaymentListRow>> {
    return { ...(await this.invoices.pagePayments(page, pageSize)), page, pageSize };
  }

  async get(id: string): Promise<PaymentListRow> {
    const payment = await this.invoices.findPayment(id);
    if (!payment) throw new PaymentNotFoundError();
    return payment;
  }

  /**
   * Keeps `paid_at` in step; an invoice just paid in full makes its affiliation
   * current where the lifecycle says payment does (a lapsed year restored, a
   * renewal confirmed) and thanks the secretary.
   */
  private async afterLedgerChange(manager: EntityManager, branchId: string): Promise<void> {
    const settled = await this.ledger.settle(manager, branchId, this.clock.now());
    for (const invoiceId of settled.newlyPaid) {
      const ctx = await this.invoices.context(invoiceId, manager);
      if (!ctx) continue;
      if (findTransition(ctx.affiliationStatus, 'mark_paid', 'system')) {
        await this.workflow.transition({ affiliationId: ctx.affiliationId, action: 'mark_paid', actor: SYSTEM_ACTOR, by: 'system' }, manager);
      }
      await this.notices.send(manager, ctx, 0, paidInFull);
    }
  }
}
