import { Injectable } from '@nestjs/common';
import { DataSource, IsNull } from 'typeorm';
import { Actor, AuditService } from '../audit/audit.service';
import { BadInputError, ConflictError } from '../common/errors/domain-error';
import { MailService } from '../mail/mail.service';
import { PasswordService } from '../users/password.service';
import { RecoveryCode } from '../users/recovery-code.entity';
import { TokensService } from '../users/tokens.service';
import { User } from '../users/user.entity';
import { normaliseEmail, UsersService } from '../users/users.service';
import { EmailTakenError } from '../users/users.errors';
import { authEmails } from './auth.emails';
import { AuthService } from './auth.service';
import { TotpService } from './totp.service';


/** What a signed-in person can do to their own account. */
@Injectable()
export class AccountService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly users: UsersService,
    private readonly passwords: PasswordService,
    private readonly tokens: TokensService,
    private readonly auth: AuthService,
    private readonly totp: TotpService,
    private readonly audit: AuditService,
    private readonly mail: MailService,
  ) {}

  private assertPassword(user: User, password: string): Promise<void> {
    return this.passwords.assertCurrent(user, password);
  }

  async changeName(user: User, name: string, actor: Actor): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      await manager.getRepository(User).update({ id: user.id }, { name });
      await this.audit.record(manager, actor, { action: 'account.name_changed', subjectType: 'user', subjectId: user.id });
    });
  }

  /** Sends a link to the new address; the change happens when it is opened. */
  async requestEmailChange(user: User, email: string, currentPassword: string, actor: Actor): Promise<void> {
    await this.assertPassword(user, currentPassword);
    const next = normaliseEmail(email);
    if (next === user.email) throw new BadInputError({ email: ['That is already your email address'] });
    await this.dataSource.transaction(async (manager) => {
      const token = await this.tokens.issue(manager, 'change_email', user.id, { email: next });
      await this.mail.queue(manager, authEmails.changeEmail(next, user.name, this.auth.link('/account/confirm-email', token)));
      await this.mail.queue(manager, authEmails.emailChangeNotice(user.email, user.name));
      await this.audit.record(manager, actor, { action: 'account.email_change_requested', subjectType: 'user', subjectId: user.id });
    });
  }

  async confirmEmailChange(token: string, actor: Actor): Promise<boolean> {
    return this.dataSource.transaction(async (manager) => {
      const used = await this.tokens.consume(manager, 'change_email', token);
      if (!used?.userId || !used.data.email) return false;
      const taken = await this.users.findByEmail(used.data.email, manager);
      if (taken) throw new EmailTakenError('Another account already uses that email address');
      await this.users.changeEmail(manager, used.userId, used.data.email);
      await this.audit.record(manager, { ...actor, id: used.userId }, { action: 'account.email_changed', subjectType: 'user', subjectId: used.userId });
      return true;
    });
  }

  /** Changes the password and ends every other session (this one stays signed in). */
  async changePassword(user: User, currentPassword: string, newPassword: string, currentSid: string, actor: Actor): Promise<void> {
    await this.assertPassword(user, currentPassword);
    this.auth.assertPasswordAcceptable(newPassword, [user.name, user.email.split('@')[0] ?? ''], 'newPassword');
    const passwordHash = await this.passwords.hash(newPassword);
    await this.dataSource.transaction(async (manager) => {
      await manager.getRepository(User).update({ id: user.id }, { passwordHash, passwordChangedAt: new Date() });
      await this.users.endSessions(manager, user.id, currentSid);
      await this.mail.queue(manager, authEmails.passwordChanged(user.email, user.name));
      await this.audit.record(manager, actor, { action: 'account.password_changed', subjectType: 'user', subjectId: user.id });
    });
  }

  /** New recovery codes for an admin's second factor; the old ones stop working. Shown once. */
  async regenerateRecoveryCodes(user: User, currentPassword: string, actor: Actor): Promise<string[]> {
    await this.assertPassword(user, currentPassword);
    if (!user.totpSecret) throw new ConflictError('Your account has no second factor to make recovery codes for');
    return this.dataSource.transaction(async (manager) => {
      const codes = await this.totp.newRecoveryCodes(manager, user.id);
      await this.audit.record(manager, actor, { action: 'account.recovery_codes_regenerated', subjectType: 'user', subjectId: user.id });
      return codes;
    });
  }

  /** The campaign's email updates on or off for the account (a secretary of an affiliated branch gets them unless off). */
  async setEmailUpdates(user: User, enabled: boolean, actor: Actor): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      if (!(await this.users.setEmailUpdates(manager, user.id, enabled))) return;
      await this.audit.record(manager, actor, { action: enabled ? 'account.email_updates_on' : 'account.email_updates_off', subjectType: 'user', subjectId: user.id });
    });
  }

  async unusedRecoveryCodes(user: User): Promise<number> {
    return this.dataSource.getRepository(RecoveryCode).countBy({ userId: user.id, usedAt: IsNull() });
  }
}
