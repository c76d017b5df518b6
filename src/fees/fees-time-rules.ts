import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { DataSource } from 'typeorm';
import { AffiliationStatusChange } from '../affiliations/affiliation-status-change.entity';
import { AffiliationWorkflow } from '../affiliations/affiliation-workflow';
import { Affiliation } from '../affiliations/affiliation.entity';
import { FeeBandsService } from '../affiliations/fee-bands.service';
import { AuditService, SYSTEM_ACTOR } from '../audit/audit.service';
import { addDays, Clock } from '../common/clock';
import type { AppConfig, FeesConfig } from '../config';
import { QueueService } from '../queue/queue.service';
import { FeesLedgerService } from './fees-ledger.service';
import { FeesNotices } from './fees-notices';
import { overdueReminder, renewalRaised } from './fees.emails';
import { InvoiceRaiser } from './invoice-raiser';
import { InvoicesRepository } from './invoices.repository';

export const FEES_JOB_QUEUE = 'fees-time-rules';

export interface TimeRulesResult {
  reminded: number;
  lapsed: number;
  renewed: number;
}

/**
 * The fee rules that depend on the date, run by a scheduled job:
 * - overdue: unpaid after the due date → marked overdue, one reminder;
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
    private readonly raiser: InvoiceRaiser,
    private readonly workflow: AffiliationWorkflow,
    private readonly feeBands: FeeBandsService,
    private readonly audit: AuditService,
    private readonly notices: FeesNotices,
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
    const result = { reminded: await this.remindOverdue(), lapsed: await this.lapseUnpaid(), renewed: await this.renew() };
    if (result.reminded || result.lapsed || result.renewed) this.logger.log({ msg: 'Fee time rules applied', ...result });
    return result;
  }

  private async remindOverdue(): Promise<number> {
    let n = 0;
    for (const id of await this.invoices.findDueForReminder(this.clock.today())) {
      const done = await this.dataSource.transaction(async (manager) => {
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
        await this.notices.send(manager, ctx, outstanding, overdueReminder);
        return true;
      });
      if (done) n++;
    }
    return n;
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
        // A suspended or withdrawn affiliation is already off the list; only a current one lapses.
        if (ctx.affiliationStatus === 'approved') {
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
    const due: { id: string }[] = await this.dataSource.query(
      `SELECT a.id FROM affiliations a
        WHERE a.affiliation_year = $1 AND a.status = 'approved'
          AND NOT EXISTS (SELECT 1 FROM affiliations n WHERE n.branch_id = a.branch_id AND n.affiliation_year = $2)
        ORDER BY a.id`,
      [year, year + 1],
    );
    let n = 0;
    for (const { id } of due) {
      if (await this.renewOne(id, year + 1)) n++;
    }
    return n;
  }

  private renewOne(previousId: string, year: number): Promise<boolean> {
    return this.dataSource.transaction(async (manager) => {
      const previous = await manager.getRepository(Affiliation).findOneByOrFail({ id: previousId });
      const [branch]: { membershipSize: number; regionalBody: boolean }[] = await manager.query(
        'SELECT membership_size AS "membershipSize", regional_body AS "regionalBody" FROM branches WHERE id = $1',
        [previous.branchId],
      );
      // An amount agreed with a branch that pays what it can carries over; otherwise today's band.
      const agreed = previous.payWhatYouCan && previous.payWhatYouCanAgreedAt;
      const band = agreed ? null : await this.feeBands.bandFor(branch!.membershipSize, branch!.regionalBody, manager);
      const now = this.clock.now();
      const inserted: { id: string }[] = await manager.query(
        `INSERT INTO affiliations (branch_id, affiliation_year, status, motion_passed_on, endorses_statement, membership_size,
                                   fee_band_id, fee_band_label, fee_pence, pay_what_you_can, pay_what_you_can_note,
                                   pay_what_you_can_agreed_at, submitted_at, approved_at)
         VALUES ($1, $2, 'approved', $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $12)
         ON CONFLICT ON CONSTRAINT uq_affiliations_branch_year DO NOTHING
         RETURNING id`,
        [
          previous.branchId,
          year,
          previous.motionPassedOn,
          previous.endorsesStatement,
          branch!.membershipSize,
          band ? band.id : previous.feeBandId,
          band ? band.label : previous.feeBandLabel,
          band ? band.amountPence : previous.feePence,
          !!agreed,
          agreed ? previous.payWhatYouCanNote : null,
          agreed ? now : null,
          now,
        ],
      );
      if (inserted.length === 0) return false;
      const affiliation = await manager.getRepository(Affiliation).findOneByOrFail({ id: inserted[0]!.id });
      await manager.getRepository(AffiliationStatusChange).insert({
        affiliationId: affiliation.id,
        fromStatus: null,
        toStatus: 'approved',
        action: 'renew',
        actorId: null,
        actorRole: 'system',
        message: null,
      });
      await this.audit.record(manager, SYSTEM_ACTOR, {
        action: 'affiliation.renew',
        subjectType: 'affiliation',
        subjectId: affiliation.id,
        summary: { branchId: affiliation.branchId, year, previous: previous.id, feePence: affiliation.feePence },
      });
      const invoice = await this.raiser.raise(manager, affiliation, SYSTEM_ACTOR);
      const ctx = (await this.invoices.context(invoice.id, manager))!;
      const balance = await this.ledger.balance(ctx.branchId, manager);
      const outstanding = balance.invoices.find((b) => b.id === invoice.id)?.outstandingPence ?? invoice.amountPence;
      await this.notices.send(manager, ctx, outstanding, (c) => renewalRaised(c, this.notices.branchLink(ctx.branchId, '/edit')));
      return true;
    });
  }
}
