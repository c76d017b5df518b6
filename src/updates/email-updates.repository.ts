import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { QUEUE_SCHEMA } from '../queue/queue.service';
import { EmailUpdateDelivery } from './email-update-delivery.entity';
import { EmailUpdate } from './email-update.entity';
import type { AudienceRecipient } from './update-audiences';
import type { UpdateAudienceKey } from './update-audience';

/** A delivery taken for sending: whom, from which audience. */
export interface PendingDelivery {
  id: string;
  email: string;
  name: string;
  audience: UpdateAudienceKey;
}

/** What an unsubscribe link leads to. */
export interface DeliveryByToken {
  id: string;
  audience: UpdateAudienceKey;
  ref: string;
  /** Until the retention rule forgets it (RETENTION_UPDATE_ADDRESS_DAYS). */
  email: string | null;
  unsubscribedAt: Date | null;
}

/** Rows inserted per statement when an update's recipients are snapshotted. */
const INSERT_CHUNK = 1000;

/**
 * The updates feature's tables (it is their only writer): named queries for
 * writing an update with its recipients, taking batches of them to send, the
 * unsubscribe links, and forgetting addresses once sent.
 */
@Injectable()
export class EmailUpdatesRepository {
  constructor(private readonly dataSource: DataSource) {}

  async insertUpdate(
    manager: EntityManager,
    fields: Pick<EmailUpdate, 'subject' | 'body' | 'audiences' | 'createdBy' | 'recipientCount' | 'requestKey'>,
  ): Promise<EmailUpdate> {
    const repo = manager.getRepository(EmailUpdate);
    return repo.save(repo.create({ ...fields, sentCount: 0, completedAt: fields.recipientCount === 0 ? new Date() : null }));
  }

  async insertDeliveries(manager: EntityManager, updateId: string, recipients: AudienceRecipient[]): Promise<void> {
    for (let i = 0; i < recipients.length; i += INSERT_CHUNK) {
      const rows = recipients.slice(i, i + INSERT_CHUNK).map((r) => ({ updateId, audience: r.audience, ref: r.ref, email: r.email, name: r.name.slice(0, 120) }));
      await manager.createQueryBuilder().insert().into(EmailUpdateDelivery).values(rows).execute();
    }
  }

  /** The update's row, locked for this batch (a concurrent change to it waits until the batch commits). */
  async lockForBatch(manager: EntityManager, id: string): Promise<{ id: string; subject: string; body: string; completedAt: Date | null; batchJobId: string | null } | null> {
    const rows: { id: string; subject: string; body: string; completedAt: Date | null; batchJobId: string | null }[] = await manager.query(
      `SELECT id, subject, body, completed_at AS "completedAt", batch_job_id AS "batchJobId" FROM email_updates WHERE id = $1 FOR UPDATE`,
      [id],
    );
    return rows[0] ?? null;
  }

  /**
   * Updates still sending whose named batch job will never run: it failed its
   * last retry, was cancelled or deleted (or none is named). `queue` is the
   * batch queue's name.
   */
  async findStalled(queue: string, manager: EntityManager = this.dataSource.manager): Promise<string[]> {
    const rows: { id: string }[] = await manager.query(
      `SELECT u.id FROM email_updates u
        WHERE u.completed_at IS NULL
          AND NOT EXISTS (
            SELECT 1 FROM ${QUEUE_SCHEMA}.job j
             WHERE j.name = $1 AND j.id = u.batch_job_id AND j.state::text IN ('created', 'retry', 'active')
          )`,
      [queue],
    );
    return rows.map((r) => r.id);
  }

  /** Names the job that sends the update's next batch (null: none, it is complete). */
  async setBatchJob(manager: EntityManager, id: string, jobId: string | null): Promise<void> {
    await manager.query(`UPDATE email_updates SET batch_job_id = $2 WHERE id = $1`, [id, jobId]);
  }


  /** Up to `limit` deliveries not yet sent, locked until the transaction ends; rows another worker holds are skipped. */
  lockUnsent(manager: EntityManager, updateId: string, limit: number): Promise<PendingDelivery[]> {
    return manager.query(
      `SELECT id::text AS id, email, name, audience FROM email_update_deliveries
        WHERE update_id = $1 AND sent_at IS NULL AND email IS NOT NULL
        ORDER BY id LIMIT $2 FOR UPDATE SKIP LOCKED`,
      [updateId, limit],
    );
  }

  /** Marks one delivery sent with its link's token hash, only if it was not: false means someone else sent it. */
  async markSent(manager: EntityManager, id: string, tokenHash: string): Promise<boolean> {
    const [, n] = (await manager.query(
      `UPDATE email_update_deliveries SET sent_at = now(), token_hash = $2 WHERE id = $1 AND sent_at IS NULL`,
      [id, tokenHash],
    )) as [unknown, number];
    return n === 1;
  }

  /** Adds `n` to the update's sent count and, when none is left to send, marks it complete. Resolves to how many are left. */
  async recordBatch(manager: EntityManager, updateId: string, n: number): Promise<number> {
    const [{ left }] = (await manager.query(
      `SELECT count(*)::int AS left FROM email_update_deliveries WHERE update_id = $1 AND sent_at IS NULL AND email IS NOT NULL`,
      [updateId],
    )) as [{ left: number }];
    await manager.query(
      `UPDATE email_updates SET sent_count = sent_count + $2, completed_at = CASE WHEN $3 THEN now() ELSE completed_at END WHERE id = $1`,
      [updateId, n, left === 0],
    );
    return left;
  }

  async findByRequestKey(requestKey: string): Promise<EmailUpdate | null> {
    return this.dataSource.getRepository(EmailUpdate).findOneBy({ requestKey });
  }

  async findById(id: string): Promise<EmailUpdate | null> {
    return this.dataSource.getRepository(EmailUpdate).findOneBy({ id });
  }

  /** Newest first. */
  async findPage(page: number, pageSize: number): Promise<{ items: EmailUpdate[]; total: number }> {
    const [items, total] = await this.dataSource.getRepository(EmailUpdate).findAndCount({
      order: { createdAt: 'DESC', id: 'DESC' },
      skip: (page - 1) * pageSize,
      take: pageSize,
    });
    return { items, total };
  }

  async findByTokenHash(tokenHash: string): Promise<DeliveryByToken | null> {
    const rows: DeliveryByToken[] = await this.dataSource.query(
      `SELECT id::text AS id, audience, ref, email, unsubscribed_at AS "unsubscribedAt" FROM email_update_deliveries WHERE token_hash = $1`,
      [tokenHash],
    );
    return rows[0] ?? null;
  }

  async markUnsubscribed(id: string): Promise<void> {
    await this.dataSource.query(`UPDATE email_update_deliveries SET unsubscribed_at = now() WHERE id = $1 AND unsubscribed_at IS NULL`, [id]);
  }

  /**
   * Blanks the address and name of at most `limit` deliveries sent before
   * `before`; the row stays (the link in the email keeps working, by its
   * audience and ref) and so do the update's counts. Rows another run holds are skipped.
   */
  async forgetSentAddresses(manager: EntityManager, before: Date, limit: number): Promise<number> {
    const [, n] = (await manager.query(
      `WITH picked AS (
         SELECT id FROM email_update_deliveries WHERE sent_at < $1 AND email IS NOT NULL
          ORDER BY sent_at LIMIT $2 FOR UPDATE SKIP LOCKED
       )
       UPDATE email_update_deliveries d SET email = NULL, name = NULL FROM picked WHERE d.id = picked.id`,
      [before, limit],
    )) as [unknown, number];
    return n;
  }

  /**
   * A person erasing their account: deliveries not yet sent to `email` are
   * dropped (their update then counts one recipient fewer), and sent ones lose
   * the address and name.
   */
  async forgetAddress(manager: EntityManager, email: string): Promise<number> {
    const [dropped] = (await manager.query(`DELETE FROM email_update_deliveries WHERE email = $1 AND sent_at IS NULL RETURNING update_id`, [email])) as [
      { update_id: string }[],
      number,
    ];
    for (const { update_id } of dropped) {
      await manager.query(`UPDATE email_updates SET recipient_count = recipient_count - 1 WHERE id = $1`, [update_id]);
    }
    const [, blanked] = (await manager.query(`UPDATE email_update_deliveries SET email = NULL, name = NULL WHERE email = $1`, [email])) as [unknown, number];
    return dropped.length + blanked;
  }

}
