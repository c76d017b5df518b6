import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { AffiliationFees, FeeBandSummary, FeeQuote } from '../affiliations/affiliation-hooks';
import type { Affiliation } from '../affiliations/affiliation.entity';
import { AuditService, type Actor } from '../audit/audit.service';
import { Clock } from '../common/clock';
import { FeeBandsService } from './fee-bands.service';
import { FeesLedgerService } from './fees-ledger.service';
import { Invoice } from './invoice.entity';

/** The fees feature as the affiliation feature sees it (affiliation-hooks.ts). */
@Injectable()
export class AffiliationFeesProvider implements AffiliationFees {
  constructor(
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
