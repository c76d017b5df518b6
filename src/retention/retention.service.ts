import { Injectable, Logger } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { DataSource, type EntityManager } from 'typeorm';
import { AuditService, SYSTEM_ACTOR } from '../audit/audit.service';
import { affiliationYearOf } from '../affiliations/affiliation-year';
import { Clock } from '../common/clock';
import type { RetentionConfig } from '../config';
import { MailRetention } from '../mail/mail-retention.service';
import { AccountErasureService } from '../privacy/account-erasure.service';
import { LetterFollowUpsService } from '../replies/letter-follow-ups.service';
import { RepliesRepository } from '../replies/replies.repository';
import { EmailUpdatesRepository } from '../updates/email-updates.repository';
import { RETENTION_RULES, type RetentionCounts, type RetentionRule } from './retention-rules';
import { RetentionRepository } from './retention.repository';

/**
 * Rows removed per transaction: each batch is short (well inside a request's
 * statement limit) and holds its row locks briefly, however much a first run
 * after a long gap finds.
 */
export const RETENTION_BATCH = 500;

const DAY_MS = 86_400_000;

/**
 * Applies the retention periods (RetentionConfig): one method per rule, each
 * removing what ended more than its period before the clock's "now" and
 * nothing younger. A rule works in batches, each its own transaction with an
 * audit row that says which rule removed how many: counts only, never whose.
 * A run that finds nothing writes nothing, so running a rule twice changes
 * nothing more; rows another instance is removing are skipped, so several
 * instances can run at once (RetentionRepository).
 */
@Injectable()
export class RetentionService {
  private readonly logger = new Logger('Retention');
  private readonly config: RetentionConfig;

  constructor(
    private readonly dataSource: DataSource,
    private readonly repository: RetentionRepository,
    private readonly mail: MailRetention,
    private readonly erasure: AccountErasureService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly updates: EmailUpdatesRepository,
    private readonly followUps: LetterFollowUpsService,
    private readonly replies: RepliesRepository,
    config: ConfigService,
  ) {
    this.config = config.getOrThrow<RetentionConfig>('retention');
  }

  /**
   * Every rule, one after the other. A rule that fails does not stop the
   * others; the run then fails (naming the rules), so the queue retries it.
   */
  async runAll(): Promise<RetentionCounts> {
    const counts = Object.fromEntries(RETENTION_RULES.map((rule) => [rule, 0])) as RetentionCounts;
    const failed: string[] = [];
    for (const rule of RETENTION_RULES) {
      try {
        counts[rule] = await this.run(rule);
      } catch (error) {
        failed.push(rule);
        this.logger.error({ msg: 'Retention rule failed', rule, error: error instanceof Error ? error.message : String(error) });
      }
    }
    if (failed.length > 0) throw new Error(`Retention rules failed: ${failed.join(', ')}`);
    return counts;
  }

  run(rule: RetentionRule): Promise<number> {
    switch (rule) {
      case 'unverified-accounts':
        return this.deleteUnverifiedAccounts();
      case 'spent-tokens':
        return this.deleteSpentTokens();
      case 'ended-handovers':
        return this.deleteEndedHandovers();
      case 'expired-throttles':
        return this.deleteExpiredThrottles();
      case 'audit-ips':
        return this.forgetAuditIps();
      case 'sent-mail-bodies':
        return this.dropSentMailBodies();
      case 'signed-letters':
        return this.deleteOldSignedLetters();
      case 'unconfirmed-signatures':
        return this.deleteUnconfirmedSignatures();
      case 'update-addresses':
        return this.forgetUpdateAddresses();
      case 'follow-up-addresses':
        return this.forgetFollowUpAddresses();
      case 'reply-addresses':
        return this.forgetReplyAddresses();
    }
  }

  /**
   * Accounts never confirmed within RETENTION_UNVERIFIED_ACCOUNT_DAYS of
   * registering, each erased as a person's own request would erase it (the
   * addresses it typed, its sessions, counters, emails…), so an abandoned
   * account leaves exactly what a deleted one does.
   */
  deleteUnverifiedAccounts(): Promise<number> {
    const before = this.daysAgo(this.config.unverifiedAccountDays);
    return this.inBatches('unverified-accounts', async (manager, limit) => {
      const users = await this.repository.lockUnverifiedAccounts(manager, before, limit);
      for (const user of users) await this.erasure.eraseInTransaction(manager, user, 'never_confirmed');
      return users.length;
    });
  }

  /** Emailed links (accounts' and signatures') RETENTION_TOKEN_DAYS after they were used or expired. */
  deleteSpentTokens(): Promise<number> {
    const before = this.daysAgo(this.config.tokenDays);
    return this.inBatches('spent-tokens', (manager, limit) => this.repository.deleteSpentTokens(manager, before, limit));
  }

  /** Hand-over invitations RETENTION_HANDOVER_DAYS after they were accepted, cancelled or expired. */
  deleteEndedHandovers(): Promise<number> {
    const before = this.daysAgo(this.config.handoverDays);
    return this.inBatches('ended-handovers', (manager, limit) => this.repository.deleteEndedHandovers(manager, before, limit));
  }

  /** Throttle counters whose window has ended. */
  deleteExpiredThrottles(): Promise<number> {
    const nowMs = this.clock.now().getTime();
    return this.inBatches('expired-throttles', (manager, limit) => this.repository.deleteExpiredThrottles(manager, nowMs, limit));
  }

  /** Client addresses in audit rows RETENTION_AUDIT_IP_DAYS after the event. */
  forgetAuditIps(): Promise<number> {
    const before = this.daysAgo(this.config.auditIpDays);
    return this.inBatches('audit-ips', (manager, limit) => this.repository.forgetAuditIps(manager, before, limit));
  }

  /** The text of emails RETENTION_MAIL_BODY_DAYS after they were sent (or finally failed). */
  dropSentMailBodies(): Promise<number> {
    const before = this.daysAgo(this.config.mailBodyDays);
    return this.inBatches('sent-mail-bodies', (manager, limit) => this.mail.dropSentBodies(manager, before, limit));
  }

  /**
   * Signed affiliation letters RETENTION_SIGNED_LETTER_YEARS after the end of
   * the affiliation year they were uploaded for (31 December, UK time): with
   * the default of one, a 2026 letter goes once 2028 has begun.
   */
  deleteOldSignedLetters(): Promise<number> {
    const firstKept = affiliationYearOf(this.clock.now()) - this.config.signedLetterYears;
    return this.inBatches('signed-letters', (manager, limit) => this.repository.deleteSignedLettersBefore(manager, firstKept, limit));
  }

  /**
   * Signatures of the statement never confirmed within
   * RETENTION_UNCONFIRMED_SIGNATURE_DAYS of signing (their links go with them).
   * A confirmed signature is never touched, whatever a later signing asked.
   */
  deleteUnconfirmedSignatures(): Promise<number> {
    const before = this.daysAgo(this.config.unconfirmedSignatureDays);
    return this.inBatches('unconfirmed-signatures', (manager, limit) => this.repository.deleteUnconfirmedSignatures(manager, before, limit));
  }

  /**
   * The address and name on each delivery of an email update,
   * RETENTION_UPDATE_ADDRESS_DAYS after it was queued. The update keeps its
   * counts, and the delivery its link (by audience and ref, not address).
   */
  forgetUpdateAddresses(): Promise<number> {
    const before = this.daysAgo(this.config.updateAddressDays);
    return this.inBatches('update-addresses', (manager, limit) => this.updates.forgetSentAddresses(manager, before, limit));
  }

  /**
   * The address a letter's writer left for the "did they reply?" email,
   * RETENTION_FOLLOW_UP_ADDRESS_DAYS after the letter, answered or not (an
   * answer forgets it at once). The kind, area and any answer stay, counted.
   */
  forgetFollowUpAddresses(): Promise<number> {
    const before = this.daysAgo(this.config.followUpAddressDays);
    return this.inBatches('follow-up-addresses', (manager, limit) => this.followUps.forgetAddresses(manager, before, limit));
  }

  /** The address a writer left with a reported reply, RETENTION_REPLY_ADDRESS_DAYS after the report. */
  forgetReplyAddresses(): Promise<number> {
    const before = this.daysAgo(this.config.replyAddressDays);
    return this.inBatches('reply-addresses', (manager, limit) => this.replies.forgetAddresses(manager, before, limit));
  }

  private daysAgo(days: number): Date {
    return new Date(this.clock.now().getTime() - days * DAY_MS);
  }

  /** Runs `step` in transactions of RETENTION_BATCH rows until one finds fewer, auditing each batch that removed something. */
  private async inBatches(rule: RetentionRule, step: (manager: EntityManager, limit: number) => Promise<number>): Promise<number> {
    let total = 0;
    for (;;) {
      const removed = await this.dataSource.transaction(async (manager) => {
        const n = await step(manager, RETENTION_BATCH);
        if (n > 0) {
          await this.audit.record(manager, SYSTEM_ACTOR, { action: 'retention.applied', subjectType: 'retention', subjectId: rule, summary: { count: n } });
        }
        return n;
      });
      total += removed;
      if (removed < RETENTION_BATCH) break;
    }
    if (total > 0) this.logger.log({ msg: 'Retention applied', rule, count: total });
    return total;
  }
}
