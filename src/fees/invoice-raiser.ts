import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import type { EntityManager } from 'typeorm';
import type { AffiliationTransitionListener } from '../affiliations/affiliation-hooks';
import type { AffiliationAction, Transition } from '../affiliations/affiliation-transitions';
import type { Affiliation } from '../affiliations/affiliation.entity';
import { AuditService, type Actor } from '../audit/audit.service';
import { addDays, Clock } from '../common/clock';
import type { FeesConfig } from '../config';
import { FeesLedgerService } from './fees-ledger.service';
import { Invoice } from './invoice.entity';
import { makeReference } from './payment-reference';

/** The transitions that bring a fee due: an approval, and a renewal ahead of the new year. */
const RAISED_BY: ReadonlySet<AffiliationAction> = new Set(['approve', 'renew']);

/**
 * Raises an affiliation's invoice, in the caller's transaction: on approval
 * (as the workflow's transition listener) and on renewal. The amount is the
 * affiliation's `fee_pence`, fixed from the band when it was submitted (or
 * the amount an admin agreed); at most one invoice per affiliation.
 */
@Injectable()
export class InvoiceRaiser implements AffiliationTransitionListener {
  private readonly dueDays: number;

  constructor(
    private readonly audit: AuditService,
    private readonly ledger: FeesLedgerService,
    private readonly clock: Clock,
    config: ConfigService,
  ) {
    this.dueDays = config.getOrThrow<FeesConfig>('fees').dueDays;
  }

  async afterTransition(manager: EntityManager, affiliation: Affiliation, transition: Transition, actor: Actor): Promise<void> {
    if (RAISED_BY.has(transition.action)) await this.raise(manager, affiliation, actor);
  }

  /** The affiliation's invoice: the existing one, or a new one with the next reference of its year. */
  async raise(manager: EntityManager, affiliation: Affiliation, actor: Actor): Promise<Invoice> {
    const repo = manager.getRepository(Invoice);
    const existing = await repo.findOneBy({ affiliationId: affiliation.id });
    if (existing) return existing;
    await this.ledger.lockBranch(manager, affiliation.branchId);
    const [{ n }]: { n: number }[] = await manager.query(
      `INSERT INTO invoice_sequences (year, last_number) VALUES ($1, 1)
       ON CONFLICT (year) DO UPDATE SET last_number = invoice_sequences.last_number + 1
       RETURNING last_number AS n`,
      [affiliation.affiliationYear],
    );
    const now = this.clock.now();
    const issuedOn = this.clock.today();
    const invoice = await repo.save(
      repo.create({
        affiliationId: affiliation.id,
        branchId: affiliation.branchId,
        reference: makeReference(affiliation.affiliationYear, n),
        affiliationYear: affiliation.affiliationYear,
        amountPence: affiliation.feePence,
        bandLabel: affiliation.feeBandLabel,
        issuedOn,
        dueOn: addDays(issuedOn, this.dueDays),
        amountAgreedAt: affiliation.payWhatYouCanAgreedAt,
      }),
    );
    await this.audit.record(manager, actor, {
      action: 'invoice.raised',
      subjectType: 'invoice',
      subjectId: invoice.id,
      summary: { branchId: invoice.branchId, affiliationId: affiliation.id, reference: invoice.reference, amountPence: invoice.amountPence, dueOn: invoice.dueOn },
    });
    // Credit the branch already has may settle it at once.
    await this.ledger.settle(manager, affiliation.branchId, now);
    return repo.findOneByOrFail({ id: invoice.id });
  }
}
