import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { FollowUpAnswer } from './follow-up-answer';
import { LetterFollowUp } from './letter-follow-up.entity';
import type { LetterKind } from './letter-kinds';

export interface DueFollowUp {
  id: string;
  kind: LetterKind;
  area: string | null;
  email: string;
  writtenAt: Date;
}

/** Named queries on letter_follow_ups; LetterFollowUpsService is its one writer. */
@Injectable()
export class LetterFollowUpsRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Stores a request; false when the address already has one waiting for this kind of recipient. */
  async insert(manager: EntityManager, row: { kind: LetterKind; area: string | null; email: string; writtenAt: Date; dueAt: Date }): Promise<boolean> {
    const rows: unknown[] = await manager.query(
      `INSERT INTO letter_follow_ups (kind, area, email, written_at, due_at) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (lower(email), kind) WHERE sent_at IS NULL AND email IS NOT NULL DO NOTHING RETURNING id`,
      [row.kind, row.area, row.email, row.writtenAt, row.dueAt],
    );
    return rows.length === 1;
  }

  /** Due and not yet sent, oldest first, locked (another instance's run skips them). */
  async lockDue(manager: EntityManager, now: Date, limit: number): Promise<DueFollowUp[]> {
    const rows: Array<{ id: string; kind: LetterKind; area: string | null; email: string; written_at: Date }> = await manager.query(
      `SELECT id, kind, area, email, written_at FROM letter_follow_ups
       WHERE due_at <= $1 AND sent_at IS NULL AND email IS NOT NULL
       ORDER BY due_at LIMIT $2 FOR UPDATE SKIP LOCKED`,
      [now, limit],
    );
    return rows.map((r) => ({ id: r.id, kind: r.kind, area: r.area, email: r.email, writtenAt: r.written_at }));
  }

  async markSent(manager: EntityManager, id: string, tokenHash: string, now: Date): Promise<void> {
    await manager.query('UPDATE letter_follow_ups SET sent_at = $2, token_hash = $3 WHERE id = $1', [id, now, tokenHash]);
  }

  /** The request a link belongs to, if it was sent and not yet answered. */
  findOpenByToken(tokenHash: string): Promise<LetterFollowUp | null> {
    return this.dataSource
      .getRepository(LetterFollowUp)
      .createQueryBuilder('f')
      .where('f.token_hash = :tokenHash AND f.sent_at IS NOT NULL AND f.answer IS NULL', { tokenHash })
      .getOne();
  }

  /** Records the answer and forgets the address, exactly once: false when the link was already used (or is unknown). */
  async answer(manager: EntityManager, tokenHash: string, answer: FollowUpAnswer, now: Date): Promise<boolean> {
    const [, n] = (await manager.query(
      `UPDATE letter_follow_ups SET answer = $2, answered_at = $3, email = NULL
       WHERE token_hash = $1 AND sent_at IS NOT NULL AND answer IS NULL`,
      [tokenHash, answer, now],
    )) as [unknown, number];
    return n === 1;
  }

  /** Retention: the address of every request written before `before`, in batches. */
  async forgetAddresses(manager: EntityManager, before: Date, limit: number): Promise<number> {
    const [, n] = (await manager.query(
      `UPDATE letter_follow_ups SET email = NULL WHERE id IN (
         SELECT id FROM letter_follow_ups WHERE email IS NOT NULL AND written_at < $1 LIMIT $2 FOR UPDATE SKIP LOCKED)`,
      [before, limit],
    )) as [unknown, number];
    return n;
  }

  /** Answers counted by kind of recipient. */
  async countAnswers(): Promise<Array<{ kind: LetterKind; answer: FollowUpAnswer; n: number }>> {
    return this.dataSource.query(`SELECT kind, answer, count(*)::int AS n FROM letter_follow_ups WHERE answer IS NOT NULL GROUP BY kind, answer`);
  }

  /** Everything held about an address (a person's data request or erasure). */
  async findByEmail(email: string): Promise<LetterFollowUp[]> {
    return this.dataSource.getRepository(LetterFollowUp).createQueryBuilder('f').where('lower(f.email) = lower(:email)', { email }).orderBy('f.written_at').getMany();
  }

  async forgetEmail(manager: EntityManager, email: string): Promise<number> {
    const [, n] = (await manager.query('UPDATE letter_follow_ups SET email = NULL WHERE lower(email) = lower($1)', [email])) as [unknown, number];
    return n;
  }
}
