import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { LetterKind } from './letter-kinds';
import { LetterReply } from './letter-reply.entity';
import { PUBLIC_REPLY_STATUSES, type ReplyStance, type ReplyStatus, REPLY_STATUSES } from './reply-status';

export interface NewReply {
  kind: LetterKind;
  representativeName: string;
  area: string | null;
  policeAreaKey: string | null;
  receivedOn: string;
  stance: ReplyStance;
  summary: string | null;
  email: string | null;
}

/** A reply as its writer told it, without the writer's address. */
export type ReplyAsTold = Omit<NewReply, 'email'>;

export function replyAsTold(r: LetterReply): ReplyAsTold {
  return {
    kind: r.kind,
    representativeName: r.representativeName,
    area: r.area,
    policeAreaKey: r.policeAreaKey,
    receivedOn: r.receivedOn,
    stance: r.stance,
    summary: r.summary,
  };
}

/** Named queries on letter_replies; RepliesService is its one writer (and the retention rule, through it). */
@Injectable()
export class RepliesRepository {
  constructor(private readonly dataSource: DataSource) {}

  async insert(manager: EntityManager, reply: NewReply): Promise<string> {
    const saved = await manager.getRepository(LetterReply).save(manager.getRepository(LetterReply).create({ ...reply, status: 'pending', publishedAt: null }));
    return saved.id;
  }

  /** Newest first, optionally in one status. */
  findForAdmin(status?: ReplyStatus): Promise<LetterReply[]> {
    const qb = this.dataSource.getRepository(LetterReply).createQueryBuilder('r').orderBy('r.created_at', 'DESC').addOrderBy('r.id', 'DESC');
    if (status) qb.where('r.status = :status', { status });
    return qb.getMany();
  }

  async countByStatus(): Promise<Record<ReplyStatus, number>> {
    const rows: Array<{ status: ReplyStatus; n: number }> = await this.dataSource.query('SELECT status, count(*)::int AS n FROM letter_replies GROUP BY status');
    const counts = Object.fromEntries(REPLY_STATUSES.map((s) => [s, 0])) as Record<ReplyStatus, number>;
    for (const r of rows) counts[r.status] = r.n;
    return counts;
  }

  lock(manager: EntityManager, id: string): Promise<LetterReply | null> {
    return manager.getRepository(LetterReply).createQueryBuilder('r').setLock('pessimistic_write').where('r.id = :id', { id }).getOne();
  }

  async setStatus(manager: EntityManager, id: string, status: ReplyStatus, now: Date): Promise<void> {
    await manager.query(
      `UPDATE letter_replies SET status = $2::varchar, published_at = CASE WHEN $2::varchar = 'published' THEN $3::timestamptz ELSE published_at END, updated_at = now() WHERE id = $1`,
      [id, status, now],
    );
  }

  /** Published replies counted by kind and stance. */
  countPublishedByKind(): Promise<Array<{ kind: LetterKind; stance: ReplyStance; n: number }>> {
    return this.dataSource.query(`SELECT kind, stance, count(*)::int AS n FROM letter_replies WHERE status = ANY($1) GROUP BY kind, stance`, [PUBLIC_REPLY_STATUSES]);
  }

  /** Published PCC replies counted by police force area and stance. */
  countPublishedByPoliceArea(): Promise<Array<{ key: string; stance: ReplyStance; n: number }>> {
    return this.dataSource.query(
      `SELECT police_area_key AS key, stance, count(*)::int AS n FROM letter_replies
       WHERE status = ANY($1) AND kind = 'pcc' AND police_area_key IS NOT NULL GROUP BY police_area_key, stance`,
      [PUBLIC_REPLY_STATUSES],
    );
  }

  /** An erased account's address, on any reply it reported. */
  /** Replies told with this address and still holding it, oldest first, for its owner's data export. */
  findByEmail(email: string): Promise<LetterReply[]> {
    return this.dataSource.getRepository(LetterReply).createQueryBuilder('r').where('lower(r.email) = lower(:email)', { email }).orderBy('r.created_at').addOrderBy('r.id').getMany();
  }

  async forgetEmail(manager: EntityManager, email: string): Promise<number> {
    const [, n] = (await manager.query('UPDATE letter_replies SET email = NULL, updated_at = now() WHERE lower(email) = lower($1)', [email])) as [unknown, number];
    return n;
  }

  /** Retention: the writer's address on replies reported before `before`, in batches. */
  async forgetAddresses(manager: EntityManager, before: Date, limit: number): Promise<number> {
    const [, n] = (await manager.query(
      `UPDATE letter_replies SET email = NULL, updated_at = now() WHERE id IN (
         SELECT id FROM letter_replies WHERE email IS NOT NULL AND created_at < $1 LIMIT $2 FOR UPDATE SKIP LOCKED)`,
      [before, limit],
    )) as [unknown, number];
    return n;
  }
}
