import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { DataSource } from 'typeorm';
import { findTransition } from '../affiliations/affiliation-transitions';
import { AffiliationWorkflow } from '../affiliations/affiliation-workflow';
import { AffiliationsRepository } from '../affiliations/affiliations.repository';
import { AffiliationsService } from '../affiliations/affiliations.service';
import { AuditService, SYSTEM_ACTOR } from '../audit/audit.service';
import { addDays, Clock } from '../common/clock';
import type { AppConfig, FeesConfig } from '../config';
import { QueueService } from '../queue/queue.service';
import { FeesLedgerService } from './fees-ledger.service';
import { FeesNotices } from './fees-notices';
import { renewalRaised } from './fees.emails';
import { InvoiceRemindersService } from './invoice-reminders.service';
import { InvoicesRepository } from './invoices.repository';

export const FEES_JOB_QUEUE = 'fees-time-rules';

export interface TimeRulesResult {
  /** Invoices found unpaid past their due date. */
  overdue: number;
  /** First reminders sent for them (FEES_AUTO_REMINDER). */
  reminded: number;
  lapsed: number;
  renewed: number;
}

/**
 * The fee rules that depend on the date, run by a scheduled job:
 * - overdue: unpaid after the due date → marked overdue and, with
 *   FEES_AUTO_REMINDER, the first reminder (recorded as the admins' are, so
 *   none goes if an admin reminded the branch in the last 7 days);
 * - lapsed: unpaid FEES_LAPSE_DAYS after the due date → the affiliation
 *   lapses (off the public list; the workflow tells the secretary);
 * - renewal: FEES_RENEWAL_DAYS before the affiliation year ends, next year's
 *   affiliation and invoice are raised and the secretary asked to check the
 *   branch's details.
 *
 * Safe to run twice, or on several instances at once: each step is its own
 * transaction that starts with a conditional update (`... AND overdue_at IS
 * NULL`) or an insert guarded by a unique key, so only one run acts on a row.
 */
@Injectable()
export class FeesTimeRules implements OnApplicationBootstrap {
  private readonly logger = new Logger('FeesTimeRules');
  private readonly fees: FeesConfig;
  private readonly env: AppConfig['env'];

  constructor(
    private readonly dataSource: DataSource,
    private readonly invoices: InvoicesRepository,
    private readonly ledger: FeesLedgerService,
    private readonly workflow: AffiliationWorkflow,
    private readonly affiliations: AffiliationsRepository,
    private readonly affiliationsService: AffiliationsService,
    private readonly audit: AuditService,
    private readonly notices: FeesNotices,
    private readonly reminders: InvoiceRemindersService,
    private readonly queue: QueueService,
    private readonly clock: Clock,
    config: ConfigService,
  ) {
    this.fees = config.getOrThrow<FeesConfig>('fees');
    this.env = config.getOrThrow<AppConfig>('app').env;
  }

  async onApplicationBootstrap(): Promise<void> {
    // One run at a time across instances; the rules are idempotent besides.
    await this.queue.createQueue(FEES_JOB_QUEUE, { policy: 'singleton' });
    await this.queue.schedule(FEES_JOB_QUEUE, this.fees.jobCron, {}, { tz: 'Europe/London' });
    // Tests run the rules directly, with a clock they control.
    if (this.env !== 'test') await this.queue.work(FEES_JOB_QUEUE, () => this.run());
  }

  async run(): Promise<TimeRulesResult> {
    const { overdue, reminded } = await this.markOverdue();
    const result = { overdue, reminded, lapsed: await this.lapseUnpaid(), renewed: await this.renew() };
    if (result.overdue || result.reminded || result.lapsed || result.renewed) this.logger.log({ msg: 'Fee time rules applied', ...result });
    return result;
  }

  /** Marks each unpaid invoice past its due date overdue, once; with FEES_AUTO_REMINDER, also sends its first reminder. */
  private async markOverdue(): Promise<{ overdue: number; reminded: number }> {
    let overdue = 0;
    let reminded = 0;
    for (const id of await this.invoices.findDueForReminder(this.clock.today())) {
      const done = await this.dataSource.transaction(async (manager): Promise<false | 'marked' | 'reminded'> => {
        const res = await manager.query(
          'UPDATE invoices SET overdue_at = $2, updated_at = now() WHERE id = $1 AND overdue_at IS NULL AND paid_at IS NULL AND due_on < $3',
          [id, this.clock.now(), this.clock.today()],
        );
        if (res[1] !== 1) return false;
        const ctx = (await this.invoices.context(id, manager))!;
        const balance = await this.ledger.balance(ctx.branchId, manager);
        const outstanding = balance.invoices.find((b) => b.id === id)?.outstandingPence ?? ctx.amountPence;
        await this.audit.record(manager, SYSTEM_ACTOR, {
          action: 'invoice.overdue',
          subjectType: 'invoice',
          subjectId: id,
          summary: { reference: ctx.reference, branchId: ctx.branchId, dueOn: ctx.dueOn, outstandingPence: outstanding },
        });
        // The update above holds the invoice's row lock, as an admin's reminder takes it: the two never both send.
        if (this.fees.autoReminder && (await this.reminders.remindAutomatically(manager, ctx, outstanding, SYSTEM_ACTOR))) return 'reminded';
        return 'marked';
      });
      if (done) overdue++;
      if (done === 'reminded') reminded++;
    }
    return { overdue, reminded };
  }

  private async lapseUnpaid(): Promise<number> {
    let n = 0;
    const lastDueOn = addDays(this.clock.today(), -this.fees.lapseDays);
    for (const id of await this.invoices.findDueForLapse(lastDueOn)) {
      const done = await this.dataSource.transaction(async (manager) => {
        const res = await manager.query(
          'UPDATE invoices SET lapsed_at = $2, overdue_at = COALESCE(overdue_at, $2), updated_at = now() WHERE id = $1 AND lapsed_at IS NULL AND paid_at IS NULL AND due_on <= $3',
          [id, this.clock.now(), lastDueOn],
        );
        if (res[1] !== 1) return false;
        const ctx = (await this.invoices.context(id, manager))!;
        await this.audit.record(manager, SYSTEM_ACTOR, {
          action: 'invoice.lapsed',
          subjectType: 'invoice',
          subjectId: id,
          summary: { reference: ctx.reference, branchId: ctx.branchId, dueOn: ctx.dueOn, affiliationStatus: ctx.affiliationStatus },
        });
        // Only what the lifecycle lets lapse does (an approved year, an unpaid renewal); a suspended or withdrawn one is already off the list.
        if (findTransition(ctx.affiliationStatus, 'lapse', 'system')) {
          await this.workflow.transition({ affiliationId: ctx.affiliationId, action: 'lapse', actor: SYSTEM_ACTOR, by: 'system' }, manager);
        }
        return true;
      });
      if (done) n++;
    }
    return n;
  }

  /** From FEES_RENEWAL_DAYS before 1 January, each current affiliation of this year gets next year's. */
  private async renew(): Promise<number> {
    const today = this.clock.today();
    const year = Number(today.slice(0, 4));
    if (today < addDays(`${year + 1}-01-01`, -this.fees.renewalDays)) return 0;
    let n = 0;
    for (const id of await this.affiliations.findDueForRenewal(year)) {
      if (await this.renewOne(id, year + 1)) n++;
    }
    return n;
  }

  /** Next year's affiliation (its invoice raised with it, by the workflow's listener) and the secretary's notice. */
  private renewOne(previousId: string, year: number): Promise<boolean> {
    return this.dataSource.transaction(async (manager) => {
      const renewed = await this.affiliationsService.renew(manager, previousId, year);
      if (!renewed) return false;
      const invoice = await this.invoices.findForAffiliation(renewed.id, manager);
      if (!invoice) return true;
      const ctx = (await this.invoices.context(invoice.id, manager))!;
      const balance = await this.ledger.balance(ctx.branchId, manager);
      const outstanding = balance.invoices.find((b) => b.id === invoice.id)?.outstandingPence ?? invoice.amountPence;
      await this.notices.send(manager, ctx, outstanding, (c) => renewalRaised(c, this.notices.branchLink(ctx.branchId, '/edit')));
      return true;
    });
  }
}
