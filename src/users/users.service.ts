import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, Repository } from 'typeorm';
import { uniqueViolation } from '../common/errors/unique-violation';
import { normaliseEmail } from '../common/validation/email-address';
import { Role } from '../common/access';
import { User } from './user.entity';
import { EmailTakenError } from './users.errors';

export { normaliseEmail } from '../common/validation/email-address';

/** The named constraint that keeps one account per address maps to a precise 409. */
async function emailTakenOnViolation<T>(write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (error) {
    if (uniqueViolation(error) === 'uq_users_email') throw new EmailTakenError();
    throw error;
  }
}

export interface NewUser {
  email: string;
  name: string;
  passwordHash: string;
  role?: Role;
  emailVerifiedAt?: Date | null;
  totpSecret?: string | null;
}

@Injectable()
export class UsersService {
  /**
   * The query behind `findActive`, built once from the entity's columns
   * (`"password_hash" AS "passwordHash"`, …): it runs on every signed-in
   * request, and TypeORM's query builder and entity transformer cost more than
   * the query itself there.
   */
  private readonly activeUserSql: string;

  constructor(@InjectRepository(User) private readonly users: Repository<User>) {
    const columns = users.metadata.columns.map((column) => `"${column.databaseName}" AS "${column.propertyName}"`).join(', ');
    this.activeUserSql = `SELECT ${columns} FROM "${users.metadata.tableName}" WHERE "id" = $1 AND "disabled_at" IS NULL`;
  }

  findById(id: string): Promise<User | null> {
    return this.users.findOneBy({ id });
  }

  findByEmail(email: string, manager?: EntityManager): Promise<User | null> {
    const repo = manager ? manager.getRepository(User) : this.users;
    return repo.findOneBy({ email: normaliseEmail(email) });
  }

  /** For every request: the account as it is now, or null when gone or disabled. */
  async findActive(id: string): Promise<User | null> {
    const rows = (await this.users.query(this.activeUserSql, [id])) as Partial<User>[];
    return rows.length ? Object.assign(new User(), rows[0]) : null;
  }

  /** Throws EmailTakenError when the address has an account, even one created a moment ago by a racing request. */
  async create(manager: EntityManager, data: NewUser): Promise<User> {
    const repo = manager.getRepository(User);
    return emailTakenOnViolation(() => repo.save(repo.create({ ...data, email: normaliseEmail(data.email), role: data.role ?? 'secretary' })));
  }

  /** Moves an account to a confirmed new address; EmailTakenError when another account has it. */
  async changeEmail(manager: EntityManager, id: string, email: string): Promise<void> {
    await emailTakenOnViolation(() => manager.getRepository(User).update({ id }, { email: normaliseEmail(email), emailVerifiedAt: new Date() }));
  }

  /**
   * Creates the account unless the address already has one, in which case it
   * resolves to null. One INSERT … ON CONFLICT DO NOTHING, so of parallel
   * registrations of one address exactly one creates it and none fails (the
   * others wait for its transaction, then see the conflict). The email's
   * unique constraint is the only one a new row can meet: the id is generated.
   */
  async createIfAbsent(manager: EntityManager, data: NewUser): Promise<User | null> {
    const result = await manager
      .createQueryBuilder()
      .insert()
      .into(User)
      .values({ ...data, email: normaliseEmail(data.email), role: data.role ?? 'secretary' })
      .orIgnore()
      .returning('id')
      .execute();
    const id = (result.raw as { id: string }[])[0]?.id;
    return id ? manager.getRepository(User).findOneByOrFail({ id }) : null;
  }

  countAdmins(): Promise<number> {
    return this.users.countBy({ role: 'admin' });
  }

  /** Ends every session of a user (all of them, or all but the one given). */
  async endSessions(manager: EntityManager, userId: string, exceptSid?: string): Promise<void> {
    await manager.query('DELETE FROM sessions WHERE user_id = $1 AND ($2::text IS NULL OR sid <> $2)', [userId, exceptSid ?? null]);
  }

  /** Turns the campaign's email updates on or off for an account; false when the account does not exist or already had that setting. */
  async setEmailUpdates(manager: EntityManager, id: string, on: boolean): Promise<boolean> {
    const result = await manager.getRepository(User).update({ id, emailUpdates: !on }, { emailUpdates: on });
    return (result.affected ?? 0) > 0;
  }
}
