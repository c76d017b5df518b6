import { Inject, Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { AuditService, SYSTEM_ACTOR, type Actor } from '../audit/audit.service';
import { BranchNotFoundError } from '../branches/branches.errors';
import { BranchesRepository } from '../branches/branches.repository';
import { Clock } from '../common/clock';
import { motionDateProblem } from './affiliation-checks';
import type { Page } from '../common/openapi/page.dto';
import { BadInputError } from '../common/errors/domain-error';
import type { User } from '../users/user.entity';
import { AFFILIATION_FEES, type FeeQuote, type AffiliationFees } from './affiliation-hooks';
import { AFFILIATION_STATUS, type AffiliationStatus } from './affiliation-status';
import { submitActionFrom, type AffiliationAction } from './affiliation-transitions';
import { AffiliationWorkflow, type TransitionRequest } from './affiliation-workflow';
import { affiliationYearOf } from './affiliation-year';
import { Affiliation } from './affiliation.entity';
import {
  AffiliationExistsError,
  AffiliationNotFoundError,
  AffiliationStatusConflictError,
  EmailNotVerifiedError,
  PayWhatYouCanNotRequestedError,
} from './affiliations.errors';
import { AffiliationsRepository, type AffiliationSummary, type QueueRow } from './affiliations.repository';
import type { CreateAffiliationDto } from './dto/create-affiliation.dto';
import type { QueueQueryDto } from './dto/queue-query.dto';
import { BULK_DECISIONS, type BulkAction, type BulkOutcome } from './dto/bulk-decision.dto';

/** What became of one affiliation of a bulk decision. */
export interface BulkResult {
  id: string;
  outcome: BulkOutcome;
}

/** How an amount agreed with a branch that pays what it can is labelled, on the affiliation and its invoice. */
export const PAY_WHAT_YOU_CAN_AGREED = 'Pay what you can (agreed)';

/**
 * A resubmission's answers for an affiliation accepted before (withdrawn, then
 * sent again): its invoice is raised already and stays the one the branch owes,
 * so its fee is not quoted again and the two never disagree.
 */
function withoutFee(answers: NonNullable<TransitionRequest['changes']>): TransitionRequest['changes'] {
  const { feeBandId: _id, feeBandLabel: _label, feePence: _pence, payWhatYouCan: _asked, payWhatYouCanNote: _note, ...rest } = answers;
  return rest;
}

@Injectable()
export class AffiliationsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly branches: BranchesRepository,
    private readonly affiliations: AffiliationsRepository,
    private readonly workflow: AffiliationWorkflow,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    @Inject(AFFILIATION_FEES) private readonly fees: AffiliationFees,
  ) {}

  /** A page of one of the secretary's branches' affiliations, newest year first. */
  async listForBranch(user: User, branchId: string, page: number, pageSize: number): Promise<Page<Affiliation>> {
    const branch = await this.branches.findOwnedBy(user.id, branchId);
    if (!branch) throw new BranchNotFoundError();
    const [items, total] = await this.affiliations.findPageForBranch(branchId, page, pageSize);
    return { items, total, page, pageSize };
  }

  /** One affiliation of one of the secretary's branches; another branch's, or another person's, is not found. */
  async getMine(user: User, branchId: string, affiliationId: string): Promise<Affiliation> {
    const branch = await this.branches.findOwnedBy(user.id, branchId);
    const affiliation = branch ? await this.affiliations.findById(affiliationId) : null;
    if (!branch || !affiliation || affiliation.branchId !== branch.id) throw new AffiliationNotFoundError();
    return affiliation;
  }

  /**
   * Submits this year's affiliation: a new one goes draft → submitted; one sent
   * back for changes, or withdrawn, is resubmitted with the new answers.
   */
  async submit(user: User, actor: Actor, branchId: string, dto: CreateAffiliationDto): Promise<Affiliation> {
    const branchExists = await this.branches.findOwnedBy(user.id, branchId);
    if (!branchExists) throw new BranchNotFoundError();
    if (!user.emailVerifiedAt) throw new EmailNotVerifiedError();
    this.assertMotionDate(dto.motionPassedOn);
    const year = affiliationYearOf(this.clock.now());
    return this.dataSource.transaction(async (manager) => {
      // The branch's row lock makes two submissions at once take turns.
      const branch = await this.branches.lockOwnedBy(manager, user.id, branchId);
      if (!branch) throw new BranchNotFoundError();
      const answers = {
        motionPassedOn: dto.motionPassedOn,
        endorsesStatement: true,
        membershipSize: branch.membershipSize,
        ...(await this.fees.quote(branch, manager)),
        payWhatYouCan: dto.payWhatYouCan ?? false,
        payWhatYouCanNote: dto.payWhatYouCan ? (dto.payWhatYouCanNote ?? null) : null,
      };
      const existing =
        (await this.affiliations.findForBranchAndYear(branchId, year, manager)) ??
        (await this.workflow.start({ action: 'create', branchId, year, fields: { ...answers, payWhatYouCanAgreedAt: null }, actor, by: 'secretary' }, manager));
      const action = existing && submitActionFrom(existing.status);
      if (!existing || !action) throw new AffiliationExistsError(year, existing?.status ?? 'submitted');
      return this.workflow.transition({ affiliationId: existing.id, action, actor, by: 'secretary', changes: AFFILIATION_STATUS[existing.status].accepted ? withoutFee(answers) : answers }, manager);
    });
  }

  /** The secretary withdraws an approved affiliation. */
  async withdraw(user: User, actor: Actor, branchId: string, affiliationId: string): Promise<Affiliation> {
    await this.getMine(user, branchId, affiliationId);
    return this.workflow.transition({ affiliationId, action: 'withdraw', actor, by: 'secretary' });
  }

  /** An admin decision: approve, reject (reason), request changes (message), suspend, reinstate, mark paid. */
  decide(actor: Actor, affiliationId: string, action: AffiliationAction, message?: string): Promise<Affiliation> {
    return this.workflow.transition({ affiliationId, action, actor, by: 'admin', message });
  }

  /**
   * The same decision on several affiliations, one after another, each in a
   * transaction of its own through the workflow (so each has its history row,
   * audit event and email, and one failing leaves the others decided). One
   * another admin (or another request) decided first is a `conflict`, and
   * nothing changes for it; exactly one of any number of admins acting at once
   * wins each affiliation, as for one decision. Ids are taken in the order given.
   */
  async decideEach(actor: Actor, action: BulkAction, ids: readonly string[]): Promise<BulkResult[]> {
    const results: BulkResult[] = [];
    for (const id of ids) {
      try {
        await this.decide(actor, id, action);
        results.push({ id, outcome: BULK_DECISIONS[action] });
      } catch (error) {
        if (error instanceof AffiliationStatusConflictError) results.push({ id, outcome: 'conflict' });
        else if (error instanceof AffiliationNotFoundError) results.push({ id, outcome: 'not_found' });
        else throw error;
      }
    }
    return results;
  }

  /** The affiliation that has waited longest for an admin's decision, or null when none is waiting. */
  oldestAwaitingDecision(): Promise<AffiliationSummary | null> {
    return this.affiliations.findOldestAwaitingDecision();
  }

  /** The named affiliations as they stand now (unknown ids left out). */
  summaries(ids: readonly string[]): Promise<AffiliationSummary[]> {
    return ids.length ? this.affiliations.findSummaries(ids) : Promise.resolve([]);
  }

  /** An affiliation with the branch facts a decision needs, as the queue shows them. */
  async queueRow(id: string): Promise<QueueRow> {
    const row = await this.affiliations.findQueueRow(id);
    if (!row) throw new AffiliationNotFoundError();
    return row;
  }

  /**
   * Raises `year`'s affiliation continuing an approved one, as the fee rules
   * do ahead of a new year: the branch's facts as they are now, the fee of
   * today's band (or the amount agreed with a branch that pays what it can).
   * Null when the branch already has an affiliation for that year.
   */
  async renew(manager: EntityManager, previousId: string, year: number): Promise<Affiliation | null> {
    const previous = await manager.getRepository(Affiliation).findOneByOrFail({ id: previousId });
    const branch = await this.branches.findById(previous.branchId, manager);
    if (!branch) return null;
    const agreed = previous.payWhatYouCan && previous.payWhatYouCanAgreedAt !== null;
    const fee: FeeQuote = agreed
      ? { feeBandId: previous.feeBandId, feeBandLabel: previous.feeBandLabel, feePence: previous.feePence }
      : await this.fees.quote(branch, manager);
    return this.workflow.start(
      {
        action: 'renew',
        branchId: branch.id,
        year,
        fields: {
          motionPassedOn: previous.motionPassedOn,
          endorsesStatement: previous.endorsesStatement,
          membershipSize: branch.membershipSize,
          ...fee,
          payWhatYouCan: agreed,
          payWhatYouCanNote: agreed ? previous.payWhatYouCanNote : null,
          payWhatYouCanAgreedAt: agreed ? this.clock.now() : null,
        },
        actor: SYSTEM_ACTOR,
        by: 'system',
        summary: { previous: previous.id },
      },
      manager,
    );
  }

  /**
   * Agrees the amount a branch that asked to pay what it can will pay: the one
   * way it is done, from the affiliation or from its invoice. One transaction,
   * one lock order (the branch's money, the affiliation's row, the invoice's),
   * so two admins acting at once take turns rather than deadlock.
   */
  async agreePayWhatYouCan(actor: Actor, affiliationId: string, amountPence: number): Promise<Affiliation> {
    const branchId = await this.branchIdOf(affiliationId);
    return this.dataSource.transaction(async (manager) => {
      await this.fees.lockBranchMoney(manager, branchId);
      const repo = manager.getRepository(Affiliation);
      const affiliation = await repo.findOne({ where: { id: affiliationId }, lock: { mode: 'pessimistic_write' } });
      if (!affiliation) throw new AffiliationNotFoundError();
      if (!affiliation.payWhatYouCan) throw new PayWhatYouCanNotRequestedError();
      const beforePence = affiliation.feePence;
      await repo.update({ id: affiliationId }, { feePence: amountPence, feeBandLabel: PAY_WHAT_YOU_CAN_AGREED, payWhatYouCanAgreedAt: this.clock.now() });
      await this.audit.record(manager, actor, {
        action: 'affiliation.agree_pay_what_you_can',
        subjectType: 'affiliation',
        subjectId: affiliationId,
        summary: { beforePence, afterPence: amountPence },
      });
      const agreed = await repo.findOneByOrFail({ id: affiliationId });
      await this.fees.feeAgreed(manager, actor, agreed);
      return agreed;
    });
  }

  /** The branch an affiliation belongs to, or not found. */
  async branchIdOf(affiliationId: string, manager?: EntityManager): Promise<string> {
    const affiliation = await this.affiliations.findById(affiliationId, manager);
    if (!affiliation) throw new AffiliationNotFoundError();
    return affiliation.branchId;
  }

  async getForAdmin(id: string): Promise<Affiliation> {
    const affiliation = await this.affiliations.findById(id);
    if (!affiliation) throw new AffiliationNotFoundError();
    return affiliation;
  }

  queue(query: QueueQueryDto): Promise<Page<QueueRow>> {
    const page = query.page ?? 1;
    const pageSize = query.pageSize ?? 25;
    return this.affiliations
      .findQueueForAdmin({ status: query.status, union: query.union, region: query.region, q: query.q, sort: query.sort ?? 'submittedAt', page, pageSize })
      .then((r) => ({ items: r.items, total: r.total, page, pageSize }));
  }

  counts(): Promise<Record<AffiliationStatus, number>> {
    return this.affiliations.countByStatus();
  }

  historyForBranch(branchId: string) {
    return this.affiliations.historyForBranch(branchId);
  }

  forBranch(branchId: string): Promise<Affiliation[]> {
    return this.affiliations.findForBranch(branchId);
  }

  private assertMotionDate(value: string): void {
    const problem = motionDateProblem(value, this.clock.now());
    if (problem) throw new BadInputError({ motionPassedOn: [problem] });
  }
}
