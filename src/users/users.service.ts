import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, Repository } from 'typeorm';
import { Role, User } from './user.entity';

export const normaliseEmail = (email: string): string => email.trim().toLowerCase();

@Injectable()
export class UsersService {
  constructor(@InjectRepository(User) private readonly users: Repository<User>) {}

  findById(id: string): Promise<User | null> {
    return this.users.findOneBy({ id });
  }

  findByEmail(email: string, manager?: EntityManager): Promise<User | null> {
    const repo = manager ? manager.getRepository(User) : this.users;
    return repo.findOneBy({ email: normaliseEmail(email) });
  }

  /** For every request: the account as it is now, or null when gone or disabled. */
  async findActive(id: string): Promise<User | null> {
    const user = await this.users.findOneBy({ id });
    return user && !user.disabledAt ? user : null;
  }

  async create(
    manager: EntityManager,
    data: { email: string; name: string; passwordHash: string; role?: Role; emailVerifiedAt?: Date | null; totpSecret?: string | null },
  ): Promise<User> {
    const repo = manager.getRepository(User);
    return repo.save(repo.create({ ...data, email: normaliseEmail(data.email), role: data.role ?? 'secretary' }));
  }

  countAdmins(): Promise<number> {
    return this.users.countBy({ role: 'admin' });
  }

  /** Ends every session of a user (all of them, or all but the one given). */
  async endSessions(manager: EntityManager, userId: string, exceptSid?: string): Promise<void> {
    await manager.query('DELETE FROM sessions WHERE user_id = $1 AND ($2::text IS NULL OR sid <> $2)', [userId, exceptSid ?? null]);
  }
}
