import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { EntityManager, Repository } from 'typeorm';
import type { AffiliationFees, AffiliationInvoice, FeeBandSummary, FeeQuote } from '../affiliations/affiliation-hooks';
import type { Affiliation } from '../affiliations/affiliation.entity';
import { AuditService, type Actor } from '../audit/audit.service';
import { Clock } from '../common/clock';
import { FeeBandsService } from './fee-bands.service';
import { FeesLedgerService } from './fees-ledger.service';
import { Invoice } from './invoice.entity';
import { invoiceStatus } from './invoice-status';

/** The fees feature as the affiliation feature sees it (affiliation-hooks.ts). */
@Injectable()
export class AffiliationFeesProvider implements AffiliationFees {
  constructor(
    @InjectRepository(Invoice) private readonly invoices: Repository<Invoice>,
    private readonly feeBands: FeeBandsService,
    private readonly ledger: FeesLedgerService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  quote(branch: { membershipSize: number; regionalBody: boolean }, manager?: EntityManager): Promise<FeeQuote> {
    return this.feeBands.quote(branch, manager);
  }

  bands(): Promise<FeeBandSummary[]> {
    return this.feeBands.list();
  }

  /** Each invoice with what the ledger says is still to pay on it. */
  async invoicesOf(branchId: string): Promise<AffiliationInvoice[]> {
    const [invoices, balance] = await Promise.all([
      this.invoices.find({ where: { branchId }, order: { issuedOn: 'ASC', reference: 'ASC' } }),
      this.ledger.balance(branchId),
    ]);
    const today = this.clock.today();
    return invoices.map((i) => {
      const outstandingPence = balance.invoices.find((b) => b.id === i.id)?.outstandingPence ?? i.amountPence;
      const status = invoiceStatus(i, outstandingPence);
      return {
        id: i.id,
        affiliationId: i.affiliationId,
        reference: i.reference,
        amountPence: i.amountPence,
        outstandingPence,
        dueOn: i.dueOn,
        // The time rules mark it overdue once a day; a due date already past counts too.
        overdue: status === 'overdue' || status === 'lapsed' || (outstandingPence > 0 && i.dueOn < today),
        paidAt: status === 'paid' ? i.paidAt : null,
      };
    });
  }

  lockBranchMoney(manager: EntityManager, branchId: string): Promise<void> {
    return this.ledger.lockBranch(manager, branchId);
  }

  /** An amount agreed after the invoice was raised replaces its amount; the ledger then decides what is paid. */
  async feeAgreed(manager: EntityManager, actor: Actor, affiliation: Affiliation): Promise<void> {
    const repo = manager.getRepository(Invoice);
    const invoice = await repo.findOne({ where: { affiliationId: affiliation.id }, lock: { mode: 'pessimistic_write' } });
    if (!invoice || (invoice.amountPence === affiliation.feePence && invoice.bandLabel === affiliation.feeBandLabel)) return;
    const now = this.clock.now();
    await repo.update({ id: invoice.id }, { amountPence: affiliation.feePence, bandLabel: affiliation.feeBandLabel, amountAgreedAt: now });
    await this.audit.record(manager, actor, {
      action: 'invoice.amount_agreed',
      subjectType: 'invoice',
      subjectId: invoice.id,
      summary: { reference: invoice.reference, branchId: invoice.branchId, beforePence: invoice.amountPence, afterPence: affiliation.feePence },
    });
    await this.ledger.settle(manager, affiliation.branchId, now);
  }
}
