import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { DataSource, EntityManager } from 'typeorm';
import { Actor, AuditService } from '../audit/audit.service';
import { BadInputError, UnauthorizedError } from '../common/errors/domain-error';
import { safeNext, withQuery } from '../common/http/safe-next';
import type { AppConfig } from '../config';
import { MailService } from '../mail/mail.service';
import { passwordProblem, PasswordService } from '../users/password.service';
import { TokensService } from '../users/tokens.service';
import { User } from '../users/user.entity';
import { normaliseEmail, UsersService } from '../users/users.service';
import { authEmails } from './auth.emails';
import { LoginThrottleService } from './login-throttle.service';
import { RegistrationNoticesService } from './registration-notices.service';
import { TotpService } from './totp.service';

export const REGISTERED_MESSAGE =
  'Thank you. We have sent an email to that address: open the link in it to confirm your address and finish registering.';
export const RESET_REQUESTED_MESSAGE =
  'If an account uses that address, we have sent it a link to reset the password. The link works for one hour.';
const BAD_CREDENTIALS = 'Email or password is incorrect';

export type LoginOutcome = { kind: 'signed-in'; user: User } | { kind: 'mfa-required'; userId: string };

/**
 * Registration, sign-in, email verification and password reset. Every answer
 * that could reveal whether an address has an account is the same either way,
 * and costs the same (a password hash is computed on both paths).
 */
@Injectable()
export class AuthService {
  private readonly publicUrl: string;

  constructor(
    config: ConfigService,
    private readonly dataSource: DataSource,
    private readonly users: UsersService,
    private readonly passwords: PasswordService,
    private readonly tokens: TokensService,
    private readonly totp: TotpService,
    private readonly throttle: LoginThrottleService,
    private readonly registrationNotices: RegistrationNoticesService,
    private readonly audit: AuditService,
    private readonly mail: MailService,
  ) {
    this.publicUrl = config.getOrThrow<AppConfig>('app').publicUrl;
  }

  link(path: string, token?: string): string {
    return `${this.publicUrl}${path}${token ? `?token=${encodeURIComponent(token)}` : ''}`;
  }

  assertPasswordAcceptable(password: string, context: string[], field = 'password'): void {
    const problem = passwordProblem(password, context);
    if (problem) throw new BadInputError({ [field]: [problem] });
  }

  /**
   * Creates the account and emails a verification link; for an address that
   * already has an account, emails the owner instead (once per quiet period,
   * however many attempts a burst makes). The caller answers the same either way.
   */
  async register(input: { email: string; name: string; password: string }, actor: Actor, next?: string): Promise<void> {
    this.assertPasswordAcceptable(input.password, [input.name, input.email.split('@')[0] ?? '']);
    const passwordHash = await this.passwords.hash(input.password);
    const created = await this.dataSource.transaction(async (manager) => {
      const user = await this.users.createIfAbsent(manager, { email: input.email, name: input.name, passwordHash });
      if (!user) return false;
      await this.sendVerification(manager, user, next);
      await this.audit.record(manager, { ...actor, id: user.id, role: user.role }, { action: 'user.registered', subjectType: 'user', subjectId: user.id });
      return true;
    });
    // Outside the transaction: the counter takes its own pool connection, and
    // twenty requests each holding one while waiting for another could starve the pool.
    const email = normaliseEmail(input.email);
    if (!created && (await this.registrationNotices.firstInQuietPeriod(email))) {
      await this.mail.queueNow(authEmails.alreadyRegistered(email, this.link('/login'), this.link('/forgot-password')));
    }
  }

  /**
   * Emails a verification link. With `next` (a path on this site, such as the
   * hand-over invitation that asked for it), the confirmation page offers to go
   * back there.
   */
  async sendVerification(manager: EntityManager, user: User, next?: string): Promise<void> {
    const token = await this.tokens.issue(manager, 'verify_email', user.id);
    const back = safeNext(next, '');
    const link = back ? withQuery(this.link('/verify-email', token), 'next', back) : this.link('/verify-email', token);
    await this.mail.queue(manager, authEmails.verify(user.email, user.name, link));
  }

  async resendVerification(user: User, next?: string): Promise<void> {
    if (user.emailVerifiedAt) return;
    await this.dataSource.transaction((manager) => this.sendVerification(manager, user, next));
  }

  /** Marks the address verified. Returns false for an unknown, used or expired link. */
  async verifyEmail(token: string, actor: Actor): Promise<boolean> {
    return this.dataSource.transaction(async (manager) => {
      const used = await this.tokens.consume(manager, 'verify_email', token);
      if (!used?.userId) return false;
      await manager.getRepository(User).update({ id: used.userId }, { emailVerifiedAt: new Date() });
      await this.audit.record(manager, { ...actor, id: used.userId }, { action: 'user.email_verified', subjectType: 'user', subjectId: used.userId });
      return true;
    });
  }

  async verifyEmailOrThrow(token: string, actor: Actor): Promise<void> {
    if (!(await this.verifyEmail(token, actor))) {
      throw new BadInputError({ token: ['This link has expired or was already used. Sign in and ask for a new one.'] }, 'This link has expired or was already used');
    }
  }

  async recordLogout(actor: Actor): Promise<void> {
    await this.audit.record(undefined, actor, { action: 'auth.logout', subjectType: 'user', subjectId: actor.id ?? undefined });
  }

  /**
   * Checks the password (after the brute-force counters allow it). Admins get
   * `mfa-required`: they are not signed in until the second factor is given.
   */
  async login(email: string, password: string, actor: Actor): Promise<LoginOutcome> {
    const key = normaliseEmail(email);
    await this.throttle.assertAllowed(key, actor.ip ?? 'unknown');
    const user = await this.users.findByEmail(key);
    const ok = await this.passwords.verify(user?.passwordHash, password);
    if (!user || !ok || user.disabledAt) {
      await this.throttle.recordFailure(key, actor.ip ?? 'unknown');
      await this.audit.record(undefined, { id: null, ip: actor.ip }, {
        action: 'auth.login_failed',
        subjectType: user ? 'user' : undefined,
        subjectId: user?.id,
        summary: { reason: !user ? 'unknown_account' : user.disabledAt ? 'disabled' : 'wrong_password' },
      });
      throw new UnauthorizedError(BAD_CREDENTIALS);
    }
    await this.throttle.recordSuccess(key);
    if (user.role === 'admin') {
      await this.audit.record(undefined, { id: user.id, role: user.role, ip: actor.ip }, { action: 'auth.password_accepted', subjectType: 'user', subjectId: user.id });
      return { kind: 'mfa-required', userId: user.id };
    }
    await this.audit.record(undefined, { id: user.id, role: user.role, ip: actor.ip }, { action: 'auth.login', subjectType: 'user', subjectId: user.id });
    return { kind: 'signed-in', user };
  }

  /** The second step of an admin sign-in. Failures count against the same limits. */
  async completeMfa(userId: string, code: string, actor: Actor): Promise<User> {
    const user = await this.users.findActive(userId);
    if (!user) throw new UnauthorizedError('Your sign-in has expired. Please sign in again.');
    await this.throttle.assertAllowed(user.email, actor.ip ?? 'unknown');
    const method = await this.dataSource.transaction((m) => this.totp.verifyForUser(m, user.id, code));
    const who = { id: user.id, role: user.role, ip: actor.ip };
    if (!method) {
      await this.throttle.recordFailure(user.email, actor.ip ?? 'unknown');
      await this.audit.record(undefined, who, { action: 'auth.mfa_failed', subjectType: 'user', subjectId: user.id });
      throw new BadInputError({ code: ['That code is not right, or was already used. Enter the current code from your app.'] }, 'That code is not right');
    }
    await this.throttle.recordSuccess(user.email);
    await this.audit.record(undefined, who, { action: method === 'recovery' ? 'auth.login_recovery_code' : 'auth.login', subjectType: 'user', subjectId: user.id, summary: { secondFactor: method } });
    return user;
  }

  async requestPasswordReset(email: string, actor: Actor): Promise<void> {
    const user = await this.users.findByEmail(email);
    if (!user || user.disabledAt) {
      await this.passwords.burn(email);
      return;
    }
    await this.passwords.burn(email);
    await this.dataSource.transaction(async (manager) => {
      const token = await this.tokens.issue(manager, 'reset_password', user.id);
      await this.mail.queue(manager, authEmails.reset(user.email, user.name, this.link('/reset-password', token)));
      await this.audit.record(manager, { ...actor, id: null }, { action: 'auth.password_reset_requested', subjectType: 'user', subjectId: user.id });
    });
  }

  /** Sets the new password and ends every session of the user. */
  async resetPassword(token: string, password: string, actor: Actor): Promise<void> {
    const probe = await this.tokens.peek(this.dataSource.manager, 'reset_password', token);
    const user = probe?.userId ? await this.users.findById(probe.userId) : null;
    if (user) this.assertPasswordAcceptable(password, [user.name, user.email.split('@')[0] ?? '']);
    const passwordHash = await this.passwords.hash(password);
    await this.dataSource.transaction(async (manager) => {
      const used = await this.tokens.consume(manager, 'reset_password', token);
      if (!used?.userId) {
        throw new BadInputError({ token: ['This reset link has expired or was already used. Ask for a new one.'] }, 'This reset link has expired or was already used');
      }
      await manager.getRepository(User).update({ id: used.userId }, { passwordHash, passwordChangedAt: new Date(), emailVerifiedAt: () => 'COALESCE(email_verified_at, now())' });
      await this.users.endSessions(manager, used.userId);
      const changed = await manager.getRepository(User).findOneByOrFail({ id: used.userId });
      await this.mail.queue(manager, authEmails.passwordChanged(changed.email, changed.name));
      await this.audit.record(manager, { ...actor, id: used.userId }, { action: 'auth.password_reset', subjectType: 'user', subjectId: used.userId });
    });
  }
}
