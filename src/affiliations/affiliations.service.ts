import { Inject, Injectable, Optional } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Actor } from '../audit/audit.service';
import { AuditService } from '../audit/audit.service';
import { BranchNotFoundError } from '../branches/branches.errors';
import { BranchesRepository } from '../branches/branches.repository';
import { uniqueViolation } from '../common/errors/unique-violation';
import { BadInputError } from '../common/errors/domain-error';
import type { User } from '../users/user.entity';
import { AFFILIATION_TRANSITION_LISTENER, type AffiliationTransitionListener } from './affiliation-hooks';
import { AffiliationStatusChange } from './affiliation-status-change.entity';
import type { AffiliationAction } from './affiliation-transitions';
import { AffiliationWorkflow } from './affiliation-workflow';
import { affiliationYearOf } from './affiliation-year';
import { Affiliation } from './affiliation.entity';
import {
  AffiliationExistsError,
  AffiliationNotFoundError,
  EmailNotVerifiedError,
  PayWhatYouCanNotRequestedError,
} from './affiliations.errors';
import { AffiliationsRepository, type QueueRow } from './affiliations.repository';
import type { CreateAffiliationDto } from './dto/create-affiliation.dto';
import type { QueueQueryDto } from './dto/queue-query.dto';
import { FeeBandsService } from './fee-bands.service';

const MOTION_MAX_AGE_DAYS = 2 * 366;

@Injectable()
export class AffiliationsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly branches: BranchesRepository,
    private readonly affiliations: AffiliationsRepository,
    private readonly workflow: AffiliationWorkflow,
    private readonly feeBands: FeeBandsService,
    private readonly audit: AuditService,
    @Optional() @Inject(AFFILIATION_TRANSITION_LISTENER) private readonly listener?: AffiliationTransitionListener,
  ) {}

  async listForBranch(user: User, branchId: string): Promise<Affiliation[]> {
    const branch = await this.branches.findOwnedBy(user.id, branchId);
    if (!branch) throw new BranchNotFoundError();
    return this.affiliations.findForBranch(branchId);
  }

  /**
   * Submits this year's affiliation: a new one goes draft → submitted; one sent
   * back for changes is resubmitted with the new answers.
   */
  async submit(user: User, actor: Actor, branchId: string, dto: CreateAffiliationDto): Promise<Affiliation> {
    const branchExists = await this.branches.findOwnedBy(user.id, branchId);
    if (!branchExists) throw new BranchNotFoundError();
    if (!user.emailVerifiedAt) throw new EmailNotVerifiedError();
    this.assertMotionDate(dto.motionPassedOn);
    const year = affiliationYearOf(new Date());
    try {
      return await this.dataSource.transaction(async (manager) => {
        const branch = await this.branches.lockOwnedBy(manager, user.id, branchId);
        if (!branch) throw new BranchNotFoundError();
        const band = await this.feeBands.bandFor(branch.membershipSize, branch.regionalBody, manager);
        const answers = {
          motionPassedOn: dto.motionPassedOn,
          endorsesStatement: true,
          membershipSize: branch.membershipSize,
          feeBandId: band.id,
          feeBandLabel: band.label,
          feePence: band.amountPence,
          payWhatYouCan: dto.payWhatYouCan ?? false,
          payWhatYouCanNote: dto.payWhatYouCan ? (dto.payWhatYouCanNote ?? null) : null,
        };
        let existing = await this.affiliations.findForBranchAndYear(branchId, year, manager);
        if (existing && existing.status !== 'draft' && existing.status !== 'changes_requested') {
          throw new AffiliationExistsError(year, existing.status);
        }
        if (!existing) {
          existing = await manager.getRepository(Affiliation).save(
            manager.getRepository(Affiliation).create({ ...answers, branchId, affiliationYear: year, status: 'draft' }),
          );
          await manager.getRepository(AffiliationStatusChange).insert({
            affiliationId: existing.id,
            fromStatus: null,
            toStatus: 'draft',
            action: 'create',
            actorId: actor.id,
            actorRole: actor.role ?? 'secretary',
            message: null,
          });
        }
        return this.workflow.transition(
          {
            affiliationId: existing.id,
            action: existing.status === 'changes_requested' ? 'resubmit' : 'submit',
            actor,
            by: 'secretary',
            changes: answers,
          },
          manager,
        );
      });
    } catch (error) {
      if (uniqueViolation(error) === 'uq_affiliations_branch_year') {
        const now = await this.affiliations.findForBranchAndYear(branchId, year);
        throw new AffiliationExistsError(year, now?.status ?? 'submitted');
      }
      throw error;
    }
  }

  /** The secretary withdraws an approved affiliation. */
  async withdraw(user: User, actor: Actor, branchId: string, affiliationId: string): Promise<Affiliation> {
    const branch = await this.branches.findOwnedBy(user.id, branchId);
    const affiliation = branch ? await this.affiliations.findById(affiliationId) : null;
    if (!branch || !affiliation || affiliation.branchId !== branch.id) throw new AffiliationNotFoundError();
    return this.workflow.transition({ affiliationId, action: 'withdraw', actor, by: 'secretary' });
  }

  /** An admin decision: approve, reject (reason), request changes (message), suspend, reinstate, mark paid. */
  decide(actor: Actor, affiliationId: string, action: AffiliationAction, message?: string): Promise<Affiliation> {
    return this.workflow.transition({ affiliationId, action, actor, by: 'admin', message });
  }

  /** An admin agrees the amount a "pay what you can" branch pays; the invoice is raised with it. */
  async agreePayWhatYouCan(actor: Actor, affiliationId: string, amountPence: number): Promise<Affiliation> {
    return this.dataSource.transaction(async (manager) => {
      const repo = manager.getRepository(Affiliation);
      const affiliation = await repo.findOne({ where: { id: affiliationId }, lock: { mode: 'pessimistic_write' } });
      if (!affiliation) throw new AffiliationNotFoundError();
      if (!affiliation.payWhatYouCan) throw new PayWhatYouCanNotRequestedError();
      const before = affiliation.feePence;
      affiliation.feePence = amountPence;
      affiliation.feeBandLabel = 'Pay what you can (agreed)';
      affiliation.payWhatYouCanAgreedAt = new Date();
      await repo.save(affiliation);
      await this.audit.record(manager, actor, {
        action: 'affiliation.agree_pay_what_you_can',
        subjectType: 'affiliation',
        subjectId: affiliationId,
        summary: { beforePence: before, afterPence: amountPence },
      });
      await this.listener?.afterFeeAgreed?.(manager, affiliation, actor);
      return affiliation;
    });
  }

  async getForAdmin(id: string): Promise<Affiliation> {
    const affiliation = await this.affiliations.findById(id);
    if (!affiliation) throw new AffiliationNotFoundError();
    return affiliation;
  }

  queue(query: QueueQueryDto): Promise<{ total: number; page: number; pageSize: number; items: QueueRow[] }> {
    const page = query.page ?? 1;
    const pageSize = query.pageSize ?? 25;
    return this.affiliations
      .findQueueForAdmin({ status: query.status, union: query.union, region: query.region, sort: query.sort ?? 'submittedAt', page, pageSize })
      .then((r) => ({ ...r, page, pageSize }));
  }

  counts(): Promise<Record<string, number>> {
    return this.affiliations.countByStatus();
  }

  historyForBranch(branchId: string) {
    return this.affiliations.historyForBranch(branchId);
  }

  forBranch(branchId: string): Promise<Affiliation[]> {
    return this.affiliations.findForBranch(branchId);
  }

  private assertMotionDate(value: string): void {
    const date = new Date(`${value}T12:00:00Z`);
    if (Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== value) {
      throw new BadInputError({ motionPassedOn: ['Enter a real date, like 2026-03-14'] });
    }
    const ageDays = (Date.now() - date.getTime()) / 86_400_000;
    if (ageDays < -1) throw new BadInputError({ motionPassedOn: ['The date the motion was passed cannot be in the future'] });
    if (ageDays > MOTION_MAX_AGE_DAYS) {
      throw new BadInputError({ motionPassedOn: ['The motion must have been passed in the last two years'] });
    }
  }
}
