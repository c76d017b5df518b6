import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { DataSource, IsNull, MoreThan } from 'typeorm';
import { Actor, AuditService } from '../audit/audit.service';
import { BadInputError, ConflictError, NotFoundError } from '../common/errors/domain-error';
import { MailService } from '../mail/mail.service';
import { PasswordService } from '../users/password.service';
import { TokensService } from '../users/tokens.service';
import { Role } from '../common/access';
import { User } from '../users/user.entity';
import { UserToken } from '../users/user-token.entity';
import { normaliseEmail, UsersService } from '../users/users.service';
import { EmailTakenError } from '../users/users.errors';
import { authEmails } from './auth.emails';
import { AuthService } from './auth.service';
import { TotpService } from './totp.service';

export interface NewAdmin {
  user: User;
  recoveryCodes: string[];
}

/** Admin accounts: the first one, invitations, and admins managing users. */
@Injectable()
export class AdminsService implements OnApplicationBootstrap {
  private readonly logger = new Logger('Admins');

  constructor(
    private readonly dataSource: DataSource,
    private readonly users: UsersService,
    private readonly passwords: PasswordService,
    private readonly tokens: TokensService,
    private readonly totp: TotpService,
    private readonly auth: AuthService,
    private readonly audit: AuditService,
    private readonly mail: MailService,
  ) {}

  /** With no admin yet, log a one-time link to create the first one. */
  async onApplicationBootstrap(): Promise<void> {
    if ((await this.users.countAdmins()) > 0) return;
    const token = await this.dataSource.transaction(async (manager) => {
      // Only one live setup link at a time: a restart replaces the previous one.
      await manager.getRepository(UserToken).update({ purpose: 'admin_setup', usedAt: IsNull(), expiresAt: MoreThan(new Date()) }, { usedAt: new Date() });
      return this.tokens.issue(manager, 'admin_setup', null);
    });
    this.logger.warn(`No admin account exists yet. Create the first one within 24 hours at: ${this.auth.link('/setup/admin', token)}`);
  }

  /** Creates an admin with a confirmed second factor (CLI, invitation or first setup). */
  async createAdmin(input: { email: string; name: string; password: string; totpSecret: string }, actor: Actor): Promise<NewAdmin> {
    this.auth.assertPasswordAcceptable(input.password, [input.name, input.email.split('@')[0] ?? '']);
    const passwordHash = await this.passwords.hash(input.password);
    return this.dataSource.transaction(async (manager) => {
      if (await this.users.findByEmail(input.email, manager)) throw new EmailTakenError();
      const user = await this.users.create(manager, {
        email: input.email,
        name: input.name,
        passwordHash,
        role: 'admin',
        emailVerifiedAt: new Date(),
        totpSecret: input.totpSecret,
      });
      const recoveryCodes = await this.totp.newRecoveryCodes(manager, user.id);
      await this.audit.record(manager, actor.id ? actor : { ...actor, id: user.id, role: 'admin' }, { action: 'admin.created', subjectType: 'user', subjectId: user.id, summary: { secondFactor: 'totp' } });
      return { user, recoveryCodes };
    });
  }

  async invite(input: { email: string; name: string }, inviter: User, actor: Actor): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      if (await this.users.findByEmail(input.email, manager)) {
        throw new ConflictError('An account with that email address already exists', { email: ['An account with that email address already exists; change its role instead'] });
      }
      const token = await this.tokens.issue(manager, 'admin_invite', null, { email: normaliseEmail(input.email), name: input.name });
      await this.mail.queue(manager, authEmails.adminInvite(input.email, input.name, inviter.name, this.auth.link('/invite/accept', token)));
      await this.audit.record(manager, actor, { action: 'admin.invited', subjectType: 'invitation', summary: { role: 'admin' } });
    });
  }

  /** What the invitation or setup link is for, or undefined when it no longer works. */
  async peekLink(purpose: 'admin_invite' | 'admin_setup', token: string): Promise<{ email?: string; name?: string } | undefined> {
    const row = await this.tokens.peek(this.dataSource.manager, purpose, token);
    return row ? row.data : undefined;
  }

  /** Completes an invitation or the first-admin setup: password, and a proven authenticator. */
  async complete(
    purpose: 'admin_invite' | 'admin_setup',
    input: { token: string; email?: string; name?: string; password: string; totpSecret: string; code: string },
    actor: Actor,
  ): Promise<NewAdmin> {
    if (this.totp.step(input.totpSecret, input.code.replace(/\s/g, '')) === undefined) {
      throw new BadInputError({ code: ['That code does not match: check the app was set up with this page\'s QR code, then enter its current code'] });
    }
    const link = await this.peekLink(purpose, input.token);
    if (!link) throw new BadInputError({ token: ['This link has expired or was already used'] }, 'This link has expired or was already used');
    if (purpose === 'admin_setup' && (await this.users.countAdmins()) > 0) {
      throw new ConflictError('An admin already exists: ask them to invite you');
    }
    const email = purpose === 'admin_invite' ? link.email : input.email;
    const name = purpose === 'admin_invite' ? link.name : input.name;
    if (!email || !name) throw new BadInputError({ ...(!email && { email: ['Enter your email address'] }), ...(!name && { name: ['Enter your name'] }) });
    const created = await this.createAdmin({ email, name, password: input.password, totpSecret: input.totpSecret }, actor);
    await this.dataSource.transaction((manager) => this.tokens.consume(manager, purpose, input.token));
    return created;
  }

  listUsers(): Promise<User[]> {
    return this.dataSource.getRepository(User).find({ order: { role: 'ASC', name: 'ASC' }, take: 500 });
  }

  /** One page of everyone with an account, admins first, then by name (the id keeps pages apart when names repeat); with the total. */
  findUsersPage(page: number, pageSize: number): Promise<[User[], number]> {
    return this.dataSource.getRepository(User).findAndCount({ order: { role: 'ASC', name: 'ASC', id: 'ASC' }, skip: (page - 1) * pageSize, take: pageSize });
  }

  async setRole(userId: string, role: Role, actor: Actor): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const user = await manager.getRepository(User).findOne({ where: { id: userId }, lock: { mode: 'pessimistic_write' } });
      if (!user) throw new NotFoundError('No such user');
      if (user.role === role) return;
      if (role === 'admin' && !user.totpSecret) {
        throw new ConflictError('This person has no authenticator set up: invite them as an admin from a new email address, or ask them to use an invitation');
      }
      if (user.role === 'admin' && (await manager.getRepository(User).countBy({ role: 'admin' })) <= 1) {
        throw new ConflictError('This is the only admin: make someone else an admin first');
      }
      await manager.getRepository(User).update({ id: userId }, { role });
      // A new admin must sign in again with a second factor; a former admin loses admin sessions.
      await this.users.endSessions(manager, userId);
      await this.audit.record(manager, actor, { action: 'user.role_changed', subjectType: 'user', subjectId: userId, summary: { from: user.role, to: role } });
    });
  }

  async setDisabled(userId: string, disabled: boolean, actor: Actor): Promise<void> {
    if (userId === actor.id) throw new ConflictError('You cannot disable your own account');
    await this.dataSource.transaction(async (manager) => {
      const result = await manager.getRepository(User).update({ id: userId }, { disabledAt: disabled ? new Date() : null });
      if (!result.affected) throw new NotFoundError('No such user');
      if (disabled) await this.users.endSessions(manager, userId);
      await this.audit.record(manager, actor, { action: disabled ? 'user.disabled' : 'user.enabled', subjectType: 'user', subjectId: userId });
    });
  }
}
