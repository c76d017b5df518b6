import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { BadInputError } from '../common/errors/domain-error';
import type { Page } from '../common/openapi/page.dto';
import { DATE_EXAMPLE, isCalendarDate, normaliseEmail } from '../common/validation';
import { AuditEvent } from './audit-event.entity';
import type { AuditQueryDto } from './dto/audit-query.dto';

export const AUDIT_PAGE_SIZE = 50;

export interface AuditRow {
  id: string;
  action: string;
  subjectType: string | null;
  subjectId: string | null;
  summary: Record<string, unknown>;
  ip: string | null;
  actorRole: string | null;
  actorEmail: string | null;
  createdAt: Date;
}

/**
 * Reads audit_events for the admin audit log; filters are bound parameters on
 * indexed columns. Actors are named from the users table by SQL alone, so the
 * log that every feature writes to depends on none of them.
 */
@Injectable()
export class AuditLogService {
  constructor(@InjectRepository(AuditEvent) private readonly events: Repository<AuditEvent>) {}

  /** A page of the log, newest first, and how many events match the filters. */
  async findForAdmin(q: AuditQueryDto): Promise<Page<AuditRow>> {
    const page = q.page ?? 1;
    const pageSize = q.pageSize ?? AUDIT_PAGE_SIZE;
    const qb = this.events
      .createQueryBuilder('e')
      .leftJoin('users', 'u', 'u.id = e.actor_id')
      .select([
        'e.id AS "id"',
        'e.action AS "action"',
        'e.subject_type AS "subjectType"',
        'e.subject_id AS "subjectId"',
        'e.summary AS "summary"',
        'e.ip AS "ip"',
        'e.actor_role AS "actorRole"',
        'u.email AS "actorEmail"',
        'e.created_at AS "createdAt"',
      ]);
    if (q.action) {
      if (q.action.endsWith('.')) qb.andWhere('e.action LIKE :prefix', { prefix: `${q.action}%` });
      else qb.andWhere('e.action = :action', { action: q.action });
    }
    if (q.actor) {
      // An unknown actor (NULL) matches nothing rather than everything.
      qb.andWhere('e.actor_id = (SELECT id FROM users WHERE email = :actorEmail)', { actorEmail: normaliseEmail(q.actor) });
    }
    for (const key of ['from', 'to'] as const) {
      const v = q[key];
      if (v && !isCalendarDate(v)) throw new BadInputError({ [key]: [`Enter a real date, like ${DATE_EXAMPLE}`] });
    }
    if (q.from && q.to && q.from > q.to) throw new BadInputError({ to: ['The end date must be on or after the start date'] });
    if (q.from) qb.andWhere(`e.created_at >= (:from::date AT TIME ZONE 'Europe/London')`, { from: q.from });
    if (q.to) qb.andWhere(`e.created_at < ((:to::date + 1) AT TIME ZONE 'Europe/London')`, { to: q.to });
    const [items, total] = await Promise.all([
      qb
        .clone()
        .orderBy('e.created_at', 'DESC')
        .addOrderBy('e.id', 'DESC')
        .limit(pageSize)
        .offset((page - 1) * pageSize)
        .getRawMany<AuditRow>(),
      qb.getCount(),
    ]);
    return { items, total, page, pageSize };
  }
}
