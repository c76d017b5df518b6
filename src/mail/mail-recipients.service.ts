import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { QUEUE_SCHEMA } from '../queue/queue.service';
import { MAIL_QUEUE } from './outgoing-email';

export interface SentEmail {
  subject: string;
  queuedAt: Date;
  sentAt: Date | null;
  state: string;
}

/** What a job's data becomes once nothing of it may be kept. */
const ERASED = { erased: true };

/**
 * The outbox as its recipients' data: which emails went to an address (for a
 * person's export) and forgetting them (when the person erases their
 * account). The mail jobs live in pg-boss's tables, live and archived.
 */
@Injectable()
export class MailRecipientsService {
  constructor(private readonly dataSource: DataSource) {}

  /** Emails queued for `email`, oldest first: subject and dates only. */
  async sentTo(email: string): Promise<SentEmail[]> {
    return this.dataSource.query(
      `SELECT subject, "queuedAt", "sentAt", state FROM (
         SELECT data->>'subject' AS subject, created_on AS "queuedAt", completed_on AS "sentAt", state::text AS state
           FROM ${QUEUE_SCHEMA}.job WHERE name = $1 AND data->>'to' = $2
         UNION ALL
         SELECT data->>'subject', created_on, completed_on, state::text
           FROM ${QUEUE_SCHEMA}.archive WHERE name = $1 AND data->>'to' = $2
       ) m ORDER BY "queuedAt"`,
      [MAIL_QUEUE, email],
    );
  }

  /**
   * In the caller's transaction: emails to `email` not yet sent are never
   * sent, and those sent (or being sent) keep nothing of the address, the
   * subject or the text. Returns how many jobs were touched.
   */
  async forget(manager: EntityManager, email: string): Promise<number> {
    const [, dropped] = (await manager.query(
      `DELETE FROM ${QUEUE_SCHEMA}.job WHERE name = $1 AND data->>'to' = $2 AND state IN ('created', 'retry')`,
      [MAIL_QUEUE, email],
    )) as [unknown, number];
    let scrubbed = 0;
    for (const table of ['job', 'archive']) {
      const [, n] = (await manager.query(`UPDATE ${QUEUE_SCHEMA}.${table} SET data = $3 WHERE name = $1 AND data->>'to' = $2`, [
        MAIL_QUEUE,
        email,
        ERASED,
      ])) as [unknown, number];
      scrubbed += n;
    }
    return dropped + scrubbed;
  }

  /** Once an email that asked to be forgotten is sent, nothing of it stays. */
  async forgetJob(jobId: string): Promise<void> {
    await this.dataSource.query(`UPDATE ${QUEUE_SCHEMA}.job SET data = $3 WHERE name = $1 AND id = $2`, [MAIL_QUEUE, jobId, ERASED]);
  }
}
