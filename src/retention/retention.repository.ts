import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { User } from '../users/user.entity';

/** TypeORM resolves a DELETE or UPDATE to [rows, affected]. */
type Affected = [unknown, number];

/**
 * The retention rules' queries. Each removes at most `limit` rows that ended
 * before the cutoff and resolves to how many it removed. Rows are picked with
 * `FOR UPDATE SKIP LOCKED`, so two instances running the same rule at once
 * split the work instead of waiting for each other, and nothing is counted
 * twice; a second run finds nothing left.
 *
 * The one exception to "one writer per fact": these tables belong to users/,
 * branches/, audit/, documents/, statement/ and the throttles, which create and change their rows;
 * retention only ever deletes rows (or blanks a column) that their owners no
 * longer read, and keeps each rule's query beside its period. The outbox's
 * rule lives in mail/ (MailRetention), which knows what an email job holds.
 */
@Injectable()
export class RetentionRepository {
  /**
   * Up to `limit` accounts whose address was never confirmed, registered
   * before `before`, locked for the caller's transaction (others being erased
   * elsewhere are skipped). Admins are always created confirmed; they are left
   * out all the same, so this can never remove the last one.
   */
  async lockUnverifiedAccounts(manager: EntityManager, before: Date, limit: number): Promise<User[]> {
    return manager
      .getRepository(User)
      .createQueryBuilder('u')
      .where("u.email_verified_at IS NULL AND u.role <> 'admin' AND u.created_at < :before", { before })
      .orderBy('u.created_at')
      .limit(limit)
      .setLock('pessimistic_write')
      .setOnLocked('skip_locked')
      .getMany();
  }

  /** Emailed links used, or expired unused, before `before`. */
  async deleteSpentTokens(manager: EntityManager, before: Date, limit: number): Promise<number> {
    let count = 0;
    // Each table at most `limit`: a sum below it means both are done.
    for (const table of ['user_tokens', 'statement_tokens']) {
      const [, n] = (await manager.query(
        `DELETE FROM ${table} WHERE id IN (
           SELECT id FROM ${table} WHERE LEAST(used_at, expires_at) < $1 LIMIT $2 FOR UPDATE SKIP LOCKED)`,
        [before, limit],
      )) as Affected;
      count += n;
    }
    return count;
  }

  /** Signatures of the statement never confirmed, signed before `before` (their links go with them, by cascade). */
  async deleteUnconfirmedSignatures(manager: EntityManager, before: Date, limit: number): Promise<number> {
    const [, count] = (await manager.query(
      `DELETE FROM statement_signatures WHERE id IN (
         SELECT id FROM statement_signatures WHERE confirmed_at IS NULL AND created_at < $1 LIMIT $2 FOR UPDATE SKIP LOCKED)`,
      [before, limit],
    )) as Affected;
    return count;
  }

  /**
   * Hand-over invitations (with the invitee's address) that were accepted,
   * cancelled or expired before `before`: whichever came first ended it. Who
   * became secretary when stays in branch_secretary_changes, by account id.
   */
  async deleteEndedHandovers(manager: EntityManager, before: Date, limit: number): Promise<number> {
    const [, count] = (await manager.query(
      `DELETE FROM branch_handovers WHERE id IN (
         SELECT id FROM branch_handovers WHERE LEAST(accepted_at, cancelled_at, expires_at) < $1 LIMIT $2 FOR UPDATE SKIP LOCKED)`,
      [before, limit],
    )) as Affected;
    return count;
  }

  /**
   * Throttle counters (rate-limiter-flexible's rows) whose window ended before
   * `nowMs`: an expired row counts as nothing to the limiter already, so
   * deleting it changes no answer. A row with no expiry would be a limit
   * without a window, which the portal never sets; it is left alone.
   */
  async deleteExpiredThrottles(manager: EntityManager, nowMs: number, limit: number): Promise<number> {
    const [, count] = (await manager.query(
      `DELETE FROM rate_limits WHERE key IN (
         SELECT key FROM rate_limits WHERE expire < $1 LIMIT $2 FOR UPDATE SKIP LOCKED)`,
      [nowMs, limit],
    )) as Affected;
    return count;
  }

  /** Signed affiliation letters uploaded for an affiliation year before `firstKept`. */
  async deleteSignedLettersBefore(manager: EntityManager, firstKept: number, limit: number): Promise<number> {
    const [, count] = (await manager.query(
      `DELETE FROM signed_letters WHERE id IN (
         SELECT id FROM signed_letters WHERE affiliation_year < $1 LIMIT $2 FOR UPDATE SKIP LOCKED)`,
      [firstKept, limit],
    )) as Affected;
    return count;
  }

  /** Forgets the client address of audit events recorded before `before`; the events stay. */
  async forgetAuditIps(manager: EntityManager, before: Date, limit: number): Promise<number> {
    const [, count] = (await manager.query(
      `UPDATE audit_events SET ip = NULL WHERE id IN (
         SELECT id FROM audit_events WHERE ip IS NOT NULL AND created_at < $1 LIMIT $2 FOR UPDATE SKIP LOCKED)`,
      [before, limit],
    )) as Affected;
    return count;
  }
}
