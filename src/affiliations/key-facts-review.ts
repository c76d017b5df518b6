import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { Actor } from '../audit/audit.service';
import type { BranchFactsListener } from '../branches/branch-hooks';
import type { Branch } from '../branches/branch.entity';
import { AFFILIATION_FEES, type AffiliationFees } from './affiliation-hooks';
import { statusesAllowing } from './affiliation-transitions';
import { AffiliationWorkflow } from './affiliation-workflow';
import { Affiliation } from './affiliation.entity';

/**
 * When a secretary changes a fact an affiliation decision rests on, the
 * branch's latest affiliation that the change can send back (the transition
 * table's `edit_facts`) goes back for review, with the fee of its new band
 * (unless an amount was agreed with a branch that pays what it can).
 */
@Injectable()
export class KeyFactsReview implements BranchFactsListener {
  constructor(
    private readonly workflow: AffiliationWorkflow,
    @Inject(AFFILIATION_FEES) private readonly fees: AffiliationFees,
  ) {}

  async keyFactsChanged(manager: EntityManager, actor: Actor, branch: Branch, described: string): Promise<void> {
    const current = await manager
      .getRepository(Affiliation)
      .createQueryBuilder('a')
      .where('a.branch_id = :id', { id: branch.id })
      .andWhere('a.status IN (:...statuses)', { statuses: statusesAllowing('edit_facts', 'secretary') })
      .orderBy('a.affiliation_year', 'DESC')
      .getOne();
    if (!current) return;
    const fee = current.payWhatYouCan ? {} : await this.fees.quote(branch, manager);
    await this.workflow.transition(
      {
        affiliationId: current.id,
        action: 'edit_facts',
        actor,
        by: 'secretary',
        message: `The secretary changed ${described}`,
        changes: { membershipSize: branch.membershipSize, ...fee },
      },
      manager,
    );
  }
}
