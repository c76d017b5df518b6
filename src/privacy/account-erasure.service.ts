import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuditService, type Actor } from '../audit/audit.service';
import { AccountService } from '../auth/account.service';
import { authEmails } from '../auth/auth.emails';
import { BranchPersonalDataService } from '../branches/branch-personal-data.service';
import { ConflictError } from '../common/errors/domain-error';
import { Throttles } from '../common/rate-limit/throttles';
import { MailRecipientsService } from '../mail/mail-recipients.service';
import { MailService } from '../mail/mail.service';
import { User } from '../users/user.entity';
import { UsersService } from '../users/users.service';

/**
 * A person erases their account. In one transaction, each feature forgets
 * what it holds about them: the account (its tokens, recovery codes and
 * takeover requests go with it), every session, the addresses they typed on
 * branches, the invitations they sent or received and still open, the
 * throttle counters keyed by their address, every email queued or sent to
 * them, and the IP addresses in the audit log. What stays is the
 * organisations' record — branches (now without a secretary and off the
 * public list until the next one confirms its public details), their
 * affiliations and invoices — and an audit trail that names the person only
 * by a bare id.
 */
@Injectable()
export class AccountErasureService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly account: AccountService,
    private readonly users: UsersService,
    private readonly branches: BranchPersonalDataService,
    private readonly mailRecipients: MailRecipientsService,
    private readonly mail: MailService,
    private readonly throttles: Throttles,
    private readonly audit: AuditService,
  ) {}

  async erase(user: User, currentPassword: string, actor: Actor): Promise<void> {
    await this.account.assertPassword(user, currentPassword);
    await this.dataSource.transaction(async (manager) => {
      const me = await manager.getRepository(User).findOne({ where: { id: user.id }, lock: { mode: 'pessimistic_write' } });
      if (!me) return;
      if (me.role === 'admin') {
        const admins = await manager.getRepository(User).countBy({ role: 'admin' });
        if (admins <= 1) throw new ConflictError('You are the only admin: invite another admin before deleting your account');
      }
      const branches = await this.branches.forget(manager, me.id, me.email);
      const emails = await this.mailRecipients.forget(manager, me.email);
      const counters = await this.throttles.forget(manager, [me.email, me.id]);
      await this.users.endSessions(manager, me.id);
      await this.audit.forgetAddresses(manager, me.id);
      await this.audit.record(manager, { id: me.id, role: me.role, ip: null }, {
        action: 'account.deleted',
        subjectType: 'user',
        subjectId: me.id,
        summary: { ...branches, emailsForgotten: emails, countersForgotten: counters },
      });
      await manager.getRepository(User).delete({ id: me.id });
      // Sent to the address once more, to say it is done; its content is forgotten once sent.
      await this.mail.queue(manager, authEmails.accountDeleted(me.email));
    });
  }
}
