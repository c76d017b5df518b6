import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, Repository } from 'typeorm';
import { AuditEvent } from './audit-event.entity';

export interface Actor {
  id: string | null;
  role?: string | null;
  ip?: string | null;
}

export interface AuditEntry {
  action: string;
  subjectType?: string;
  subjectId?: string;
  summary?: Record<string, unknown>;
}

export const SYSTEM_ACTOR: Actor = { id: null, role: 'system' };

@Injectable()
export class AuditService {
  constructor(@InjectRepository(AuditEvent) private readonly events: Repository<AuditEvent>) {}

  /**
   * Writes the event with the caller's transaction manager, so it commits or
   * rolls back with the change it describes.
   */
  async record(manager: EntityManager | undefined, actor: Actor, entry: AuditEntry): Promise<void> {
    const repo = manager ? manager.getRepository(AuditEvent) : this.events;
    await repo.save(
      repo.create({
      actorId: actor.id,
      actorRole: actor.role ?? null,
      ip: actor.ip ?? null,
      action: entry.action,
      subjectType: entry.subjectType ?? null,
      subjectId: entry.subjectId ?? null,
      summary: entry.summary ?? {},
      }),
    );
  }

  /** Everything the log says this person did, or was done to their account: for their export. */
  trailOf(userId: string): Promise<AuditEvent[]> {
    return this.events.find({
      where: [{ actorId: userId }, { subjectType: 'user', subjectId: userId }],
      order: { createdAt: 'ASC', id: 'ASC' },
    });
  }

  /**
   * When a person erases their account, in that transaction: the log keeps
   * what happened, when, and the bare id of who did it (a pseudonym once the
   * account is gone), but no longer where from. Summaries hold no names or
   * addresses to begin with.
   */
  async forgetAddresses(manager: EntityManager, userId: string): Promise<number> {
    const [, n] = (await manager.query(
      `UPDATE audit_events SET ip = NULL WHERE ip IS NOT NULL AND (actor_id = $1 OR (subject_type = 'user' AND subject_id = $1::text))`,
      [userId],
    )) as [unknown, number];
    return n;
  }
}
