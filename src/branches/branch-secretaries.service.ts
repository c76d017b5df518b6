import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { createHash, randomBytes } from 'node:crypto';
import { DataSource, EntityManager, IsNull } from 'typeorm';
import { AuditService, type Actor } from '../audit/audit.service';
import { Clock } from '../common/clock';
import type { AppConfig } from '../config';
import { MailService } from '../mail/mail.service';
import { User } from '../users/user.entity';
import { normaliseEmail } from '../users/users.service';
import { BranchClaim } from './branch-claim.entity';
import { BranchHandover } from './branch-handover.entity';
import { BranchSecretaryChange, type SecretaryChangeReason } from './branch-secretary-change.entity';
import { Branch } from './branch.entity';
import {
  AlreadySecretaryError,
  BranchNotFoundError,
  ClaimAlreadyDecidedError,
  ClaimNotFoundError,
  HandoverEmailUnverifiedError,
  HandoverInvalidError,
  HandoverToSelfError,
  HandoverWrongAccountError,
  ReassignTargetError,
} from './branches.errors';
import { BranchesRepository } from './branches.repository';
import type { Page } from '../common/openapi/page.dto';

const HANDOVER_DAYS = 14;
const SIGN_OFF = '\n\nPolice Spies Out of Lives — trade union affiliations';

export const hashToken = (token: string): string => createHash('sha256').update(token).digest('hex');

export type PendingClaimRow = Awaited<ReturnType<BranchesRepository['findPendingClaimsForAdmin']>>[number];

export interface HandoverView {
  publicName: string;
  inviteeEmail: string;
}

/**
 * Who a branch's secretary is: hand-over by emailed invitation, takeover
 * requests confirmed by an admin, and admin reassignment. Every change writes
 * a history row, so the old secretary loses access at once and the past stays.
 */
@Injectable()
export class BranchSecretariesService {
  private readonly publicUrl: string;

  constructor(
    private readonly dataSource: DataSource,
    private readonly branches: BranchesRepository,
    private readonly audit: AuditService,
    private readonly mail: MailService,
    private readonly clock: Clock,
    config: ConfigService,
  ) {
    this.publicUrl = config.getOrThrow<AppConfig>('app').publicUrl;
  }

  /** Emails a single-use link to the next secretary; a newer invitation replaces an older one. */
  async startHandover(user: User, actor: Actor, branchId: string, email: string): Promise<void> {
    const invitee = normaliseEmail(email);
    if (invitee === user.email) throw new HandoverToSelfError();
    const token = randomBytes(32).toString('base64url');
    await this.dataSource.transaction(async (manager) => {
      const branch = await this.branches.lockOwnedBy(manager, user.id, branchId);
      if (!branch) throw new BranchNotFoundError();
      const handovers = manager.getRepository(BranchHandover);
      await handovers.update({ branchId, acceptedAt: IsNull(), cancelledAt: IsNull() }, { cancelledAt: this.clock.now() });
      await handovers.insert({
        branchId,
        invitedById: user.id,
        inviteeEmail: invitee,
        tokenHash: hashToken(token),
        expiresAt: new Date(this.clock.now().getTime() + HANDOVER_DAYS * 86_400_000),
      });
      await this.audit.record(manager, actor, { action: 'branch.handover_start', subjectType: 'branch', subjectId: branchId });
      await this.mail.queue(manager, {
        to: invitee,
        subject: `You are invited to be the secretary of ${branch.publicName} on the affiliation portal`,
        text:
          `Hello,\n\nThe secretary of ${branch.publicName} has asked you to take over from them on the Police Spies Out of Lives affiliation portal. ` +
          `Open this link within ${HANDOVER_DAYS} days, then sign in or register with this email address and accept:\n\n` +
          `${this.publicUrl}/handover/${token}\n\nIf you were not expecting this, you can ignore this email.${SIGN_OFF}`,
      });
    });
  }

  /** What the acceptance page shows; nothing about the current secretary. */
  async describeHandover(token: string): Promise<HandoverView> {
    const handover = await this.validHandover(this.dataSource.manager, token, false);
    const branch = await this.branches.findById(handover.branchId);
    if (!branch) throw new HandoverInvalidError();
    return { publicName: branch.publicName, inviteeEmail: handover.inviteeEmail };
  }

  async acceptHandover(user: User, actor: Actor, token: string): Promise<Branch> {
    return this.dataSource.transaction(async (manager) => {
      const handover = await this.validHandover(manager, token, true);
      if (handover.inviteeEmail !== user.email || user.role !== 'secretary') throw new HandoverWrongAccountError();
      // Anyone can register the invitee's address; only its owner can confirm it.
      if (!user.emailVerifiedAt) throw new HandoverEmailUnverifiedError();
      const branch = await this.branches.lockById(manager, handover.branchId);
      if (!branch) throw new HandoverInvalidError();
      if (branch.secretaryId === user.id) throw new AlreadySecretaryError();
      await manager.getRepository(BranchHandover).update({ id: handover.id }, { acceptedAt: this.clock.now(), acceptedById: user.id });
      return this.changeSecretary(manager, actor, branch, user, 'handover');
    });
  }

  /** An admin gives the branch to another secretary account. */
  async reassign(actor: Actor, branchId: string, email: string): Promise<Branch> {
    return this.dataSource.transaction(async (manager) => {
      const branch = await this.branches.lockById(manager, branchId);
      if (!branch) throw new BranchNotFoundError();
      const target = await manager.getRepository(User).findOne({ where: { email: normaliseEmail(email) } });
      if (!target || target.role !== 'secretary') throw new ReassignTargetError();
      if (branch.secretaryId === target.id) throw new AlreadySecretaryError();
      return this.changeSecretary(manager, actor, branch, target, 'admin_reassign');
    });
  }

  /** Takeover requests waiting for a decision, oldest first (the answer to the requester never said whether one was recorded). */
  async pendingClaims(page: number, pageSize: number): Promise<Page<PendingClaimRow>> {
    const [items, total] = await Promise.all([
      this.branches.findPendingClaimsForAdmin(pageSize, (page - 1) * pageSize),
      this.branches.countPendingClaims(),
    ]);
    return { items, total, page, pageSize };
  }

  /** An admin confirms or declines a takeover request; of two admins deciding at once, one wins. */
  async decideClaim(actor: Actor, claimId: string, approve: boolean): Promise<BranchClaim> {
    return this.dataSource.transaction(async (manager) => {
      const claims = manager.getRepository(BranchClaim);
      const claim = await claims.findOne({ where: { id: claimId }, lock: { mode: 'pessimistic_write' } });
      if (!claim) throw new ClaimNotFoundError();
      if (claim.status !== 'pending') throw new ClaimAlreadyDecidedError(claim.status);
      claim.status = approve ? 'approved' : 'declined';
      claim.decidedAt = this.clock.now();
      claim.decidedById = actor.id;
      await claims.save(claim);
      await this.audit.record(manager, actor, {
        action: approve ? 'branch.claim_approve' : 'branch.claim_decline',
        subjectType: 'branch',
        subjectId: claim.branchId,
      });
      const requester = await manager.getRepository(User).findOneOrFail({ where: { id: claim.requesterId } });
      const branch = await this.branches.lockById(manager, claim.branchId);
      if (!branch) throw new BranchNotFoundError();
      if (approve) {
        await this.changeSecretary(manager, actor, branch, requester, 'takeover');
      } else {
        await this.mail.queue(manager, {
          to: requester.email,
          subject: `About your request to take over ${branch.publicName}`,
          text: `Hello ${requester.name},\n\nThe campaign could not confirm your request to take over ${branch.publicName} on the affiliation portal. If you think this is a mistake, reply to the campaign.${SIGN_OFF}`,
        });
      }
      return claim;
    });
  }

  private async validHandover(manager: EntityManager, token: string, lock: boolean): Promise<BranchHandover> {
    const handover = await manager.getRepository(BranchHandover).findOne({
      where: { tokenHash: hashToken(token) },
      ...(lock && { lock: { mode: 'pessimistic_write' as const } }),
    });
    if (!handover || handover.acceptedAt || handover.cancelledAt || handover.expiresAt.getTime() < this.clock.now().getTime()) {
      throw new HandoverInvalidError();
    }
    return handover;
  }

  private async changeSecretary(
    manager: EntityManager,
    actor: Actor,
    branch: Branch,
    to: User,
    reason: SecretaryChangeReason,
  ): Promise<Branch> {
    const from = branch.secretaryId;
    await manager.getRepository(Branch).update({ id: branch.id }, { secretaryId: to.id });
    await manager.getRepository(BranchSecretaryChange).insert({ branchId: branch.id, fromUserId: from, toUserId: to.id, reason, actorId: actor.id });
    // Open invitations from the old secretary no longer stand.
    await manager
      .getRepository(BranchHandover)
      .update({ branchId: branch.id, acceptedAt: IsNull(), cancelledAt: IsNull() }, { cancelledAt: this.clock.now() });
    await this.audit.record(manager, actor, {
      action: `branch.secretary_${reason}`,
      subjectType: 'branch',
      subjectId: branch.id,
      summary: { fromUserId: from, toUserId: to.id },
    });
    await this.mail.queue(manager, {
      to: to.email,
      subject: `You are now the secretary of ${branch.publicName}`,
      text: `Hello ${to.name},\n\nYou are now the secretary of ${branch.publicName} on the affiliation portal: ${this.publicUrl}/branch/${branch.id}${SIGN_OFF}`,
    });
    if (from) {
      const old = await manager.getRepository(User).findOne({ where: { id: from } });
      if (old) {
        await this.mail.queue(manager, {
          to: old.email,
          subject: `${branch.publicName} has a new secretary`,
          text: `Hello ${old.name},\n\n${branch.publicName} now has a new secretary on the affiliation portal, so it no longer appears in your account. Thank you for everything you did for the branch.${SIGN_OFF}`,
        });
      }
    }
    branch.secretaryId = to.id;
    return branch;
  }
}
