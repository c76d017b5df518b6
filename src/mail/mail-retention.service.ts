import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { QUEUE_SCHEMA } from '../queue/queue.service';
import { MAIL_QUEUE } from './outgoing-email';

/**
 * The job states after which an email will never be sent: delivered, given up
 * after its last retry, or cancelled. pg-boss sets `completed_on` on each.
 */
const FINAL_STATES = ['completed', 'failed', 'cancelled'] as const;

/** The parts of an OutgoingEmail that are only needed until it is sent. */
const BODY_FIELDS = ['text', 'html'] as const;

/**
 * What the outbox keeps of an email once it is out. A queued email is a job
 * whose data is the whole message; pg-boss keeps finished jobs for a week or
 * so (ARCHIVE_COMPLETED_AFTER_SECONDS, then DELETE_ARCHIVED_AFTER_DAYS).
 * Only the envelope is worth keeping that long — who it went to, its subject
 * and when (the account export lists them) — so the text goes sooner.
 */
@Injectable()
export class MailRetention {
  /**
   * Drops the text and HTML of at most `limit` emails that reached a final
   * state before `before`, in the live job table and in the archive, and
   * resolves to how many were changed. Emails still waiting or being retried
   * keep their text. Rows another run is changing are skipped, so several
   * instances can run it at once; a second run finds nothing left to do.
   */
  async dropSentBodies(manager: EntityManager, before: Date, limit: number): Promise<number> {
    let changed = 0;
    for (const table of ['job', 'archive']) {
      const [, count] = (await manager.query(
        `WITH picked AS (
           SELECT name, id FROM ${QUEUE_SCHEMA}.${table}
            WHERE name = $1 AND state::text = ANY($2) AND completed_on < $3 AND data ?| $4
            LIMIT $5
            FOR UPDATE SKIP LOCKED
         )
         UPDATE ${QUEUE_SCHEMA}.${table} AS j SET data = j.data - $4::text[]
           FROM picked WHERE j.name = picked.name AND j.id = picked.id`,
        [MAIL_QUEUE, FINAL_STATES, before, BODY_FIELDS, limit - changed],
      )) as [unknown, number];
      changed += count;
      if (changed >= limit) break;
    }
    return changed;
  }
}
