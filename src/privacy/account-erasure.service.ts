import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { AuditService, SYSTEM_ACTOR, type Actor } from '../audit/audit.service';
import { authEmails } from '../auth/auth.emails';
import { BranchPersonalDataService } from '../branches/branch-personal-data.service';
import { ConflictError } from '../common/errors/domain-error';
import { SignedLettersRepository } from '../documents/signed-letters/signed-letters.repository';
import { Throttles } from '../common/rate-limit/throttles';
import { MailRecipientsService } from '../mail/mail-recipients.service';
import { MailService } from '../mail/mail.service';
import { LetterFollowUpsService } from '../replies/letter-follow-ups.service';
import { RepliesRepository } from '../replies/replies.repository';
import { EmailUpdatesRepository } from '../updates/email-updates.repository';
import { User } from '../users/user.entity';
import { PasswordService } from '../users/password.service';
import { UsersService } from '../users/users.service';

/** Why an account was erased: the person asked, or it was never confirmed within its time. */
export type ErasureReason = 'requested' | 'never_confirmed';

/**
 * A person erases their account. In one transaction, each feature forgets
 * what it holds about them: the account (its tokens, recovery codes and
 * takeover requests go with it), every session, the addresses they typed on
 * branches, the invitations they sent or received and still open, the
 * throttle counters keyed by their address, every email queued or sent to
 * them, and the IP addresses in the audit log. What stays is the
 * organisations' record — branches (now without a secretary and off the
 * public list until the next one confirms its public details), their
 * affiliations, invoices and signed letters (without who uploaded them or
 * the name their file had) — and an audit trail that names the person only
 * by a bare id.
 */
@Injectable()
export class AccountErasureService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly passwords: PasswordService,
    private readonly users: UsersService,
    private readonly branches: BranchPersonalDataService,
    private readonly signedLetters: SignedLettersRepository,
    private readonly mailRecipients: MailRecipientsService,
    private readonly mail: MailService,
    private readonly throttles: Throttles,
    private readonly audit: AuditService,
    private readonly updates: EmailUpdatesRepository,
    private readonly followUps: LetterFollowUpsService,
    private readonly replies: RepliesRepository,
  ) {}

  /** The person asks, with their password: erased, then told so once more by email. */
  async erase(user: User, currentPassword: string, _actor: Actor): Promise<void> {
    await this.passwords.assertCurrent(user, currentPassword);
    await this.dataSource.transaction(async (manager) => {
      const me = await manager.getRepository(User).findOne({ where: { id: user.id }, lock: { mode: 'pessimistic_write' } });
      if (!me) return;
      if (me.role === 'admin') {
        const admins = await manager.getRepository(User).countBy({ role: 'admin' });
        if (admins <= 1) throw new ConflictError('You are the only admin: invite another admin before deleting your account');
      }
      await this.eraseInTransaction(manager, me, 'requested');
      // Sent to the address once more, to say it is done; its content is forgotten once sent.
      await this.mail.queue(manager, authEmails.accountDeleted(me.email));
    });
  }

  /**
   * The erasure itself, in the caller's transaction, for an account already
   * locked: by the person's request, or by the retention rule for accounts
   * never confirmed (which sends nothing: the address may not be theirs).
   */
  async eraseInTransaction(manager: EntityManager, user: User, reason: ErasureReason): Promise<void> {
    const branches = await this.branches.forget(manager, user.id, user.email);
    const signedLetters = await this.signedLetters.forgetUploader(manager, user.id);
    const emails = await this.mailRecipients.forget(manager, user.email);
    const updateDeliveries = await this.updates.forgetAddress(manager, user.email);
    const letterAddresses = (await this.followUps.forgetEmail(manager, user.email)) + (await this.replies.forgetEmail(manager, user.email));
    const counters = await this.throttles.forget(manager, [user.email, user.id]);
    await this.users.endSessions(manager, user.id);
    await this.audit.forgetAddresses(manager, user.id);
    await this.audit.record(manager, reason === 'requested' ? { id: user.id, role: user.role, ip: null } : SYSTEM_ACTOR, {
      action: 'account.deleted',
      subjectType: 'user',
      subjectId: user.id,
      summary: { reason, ...branches, signedLettersForgotten: signedLetters, emailsForgotten: emails, updateDeliveriesForgotten: updateDeliveries, letterAddressesForgotten: letterAddresses, countersForgotten: counters },
    });
    await manager.getRepository(User).delete({ id: user.id });
  }
}
