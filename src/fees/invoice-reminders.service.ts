import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager, In } from 'typeorm';
import { AuditService, type Actor } from '../audit/audit.service';
import { Clock } from '../common/clock';
import { ConflictError } from '../common/errors/domain-error';
import { REMINDER_INTERVAL_DAYS } from './arrears';
import { FeesLedgerService } from './fees-ledger.service';
import { FeesNotices } from './fees-notices';
import { overdueReminder } from './fees.emails';
import { AlreadyRemindedError, InvoiceNotFoundError, InvoiceNotOverdueError, InvoicePaidError, NoSecretaryToRemindError } from './fees.errors';
import { InvoiceReminder, type ReminderKind } from './invoice-reminder.entity';
import { InvoicesRepository, type InvoiceContext } from './invoices.repository';

const DAY_MS = 86_400_000;

/** When the next reminder may go, after one sent at `last`. */
export const nextReminderFrom = (last: Date): Date => new Date(last.getTime() + REMINDER_INTERVAL_DAYS * DAY_MS);

/** What decides whether an invoice may be reminded about now. */
export interface ReminderState {
  reference: string;
  dueOn: string;
  paid: boolean;
  hasSecretary: boolean;
  lastReminderAt: Date | null;
}

/**
 * Why no reminder may be sent now, or null when one may: the invoice is paid,
 * not yet overdue, was reminded about in the last REMINDER_INTERVAL_DAYS, or
 * its branch has no secretary to write to. The one statement of the rule: the
 * service enforces it under the invoice's lock, the arrears page explains a
 * refusal with it.
 */
export function reminderRefusal(s: ReminderState, now: Date, today: string): ConflictError | null {
  if (s.paid) return new InvoicePaidError(s.reference);
  if (s.dueOn >= today) return new InvoiceNotOverdueError(s.reference, s.dueOn);
  if (s.lastReminderAt && nextReminderFrom(s.lastReminderAt) > now) return new AlreadyRemindedError(s.reference, s.lastReminderAt, nextReminderFrom(s.lastReminderAt));
  if (!s.hasSecretary) return new NoSecretaryToRemindError(s.reference);
  return null;
}

export interface SentReminder {
  id: string;
  invoiceId: string;
  reference: string;
  kind: ReminderKind;
  remindedAt: Date;
  nextReminderFrom: Date;
}

/** An invoice's reminders as they stand: the last one, and why none may go now (null: one may). */
export interface ReminderStanding {
  reference: string;
  branchName: string;
  lastReminderAt: Date | null;
  refusal: string | null;
}

/** The outcome of one invoice of a batch sent from the arrears page. */
export type ReminderOutcome = { invoiceId: string; sent: SentReminder } | { invoiceId: string; refused: string };

/**
 * Reminders about unpaid invoices, emailed to the branch's secretary. Each is
 * one transaction that holds the invoice's row lock while it checks the last
 * reminder and writes the new one, its audit row and its email, so an invoice
 * gets at most one in REMINDER_INTERVAL_DAYS however many admins (or the time
 * rules) ask at once. Only this service writes `invoice_reminders`.
 */
@Injectable()
export class InvoiceRemindersService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly invoices: InvoicesRepository,
    private readonly ledger: FeesLedgerService,
    private readonly audit: AuditService,
    private readonly notices: FeesNotices,
    private readonly clock: Clock,
  ) {}

  /** An admin's reminder: 404 for no such invoice, 409 (saying why) when none may be sent now. */
  remind(actor: Actor, invoiceId: string): Promise<SentReminder> {
    return this.dataSource.transaction(async (manager) => {
      const invoice = await this.invoices.lock(invoiceId, manager);
      if (!invoice) throw new InvoiceNotFoundError();
      const ctx = (await this.invoices.context(invoiceId, manager))!;
      const outstanding = await this.outstanding(manager, ctx);
      const refusal = reminderRefusal(
        {
          reference: invoice.reference,
          dueOn: invoice.dueOn,
          paid: invoice.paidAt !== null || outstanding === 0,
          hasSecretary: ctx.secretaryEmail !== null,
          lastReminderAt: await this.lastReminderAt(manager, invoiceId),
        },
        this.clock.now(),
        this.clock.today(),
      );
      if (refusal) throw refusal;
      return this.send(manager, actor, ctx, outstanding, 'manual');
    });
  }

  /** Several invoices, each in its own transaction (so each keeps its own audit row and email), in the order given. */
  async remindEach(actor: Actor, invoiceIds: readonly string[]): Promise<ReminderOutcome[]> {
    const outcomes: ReminderOutcome[] = [];
    for (const invoiceId of new Set(invoiceIds)) {
      try {
        outcomes.push({ invoiceId, sent: await this.remind(actor, invoiceId) });
      } catch (error) {
        if (!(error instanceof InvoiceNotFoundError || error instanceof ConflictError)) throw error;
        outcomes.push({ invoiceId, refused: error.message });
      }
    }
    return outcomes;
  }

  /**
   * The time rules' first reminder, in their transaction, which already holds
   * the invoice's row lock (the update that marked it overdue): sent unless the
   * rule says no (an admin was quicker, or there is no secretary).
   */
  async remindAutomatically(manager: EntityManager, ctx: InvoiceContext, outstandingPence: number, actor: Actor): Promise<SentReminder | null> {
    const refusal = reminderRefusal(
      { reference: ctx.reference, dueOn: ctx.dueOn, paid: outstandingPence === 0, hasSecretary: ctx.secretaryEmail !== null, lastReminderAt: await this.lastReminderAt(manager, ctx.invoiceId) },
      this.clock.now(),
      this.clock.today(),
    );
    return refusal ? null : this.send(manager, actor, ctx, outstandingPence, 'automatic');
  }

  /** Where each invoice stands for reminders now (unknown ids left out): to say on the next page what a batch did. */
  async states(invoiceIds: readonly string[]): Promise<Map<string, ReminderStanding>> {
    const found = new Map<string, ReminderStanding>();
    if (invoiceIds.length === 0) return found;
    const manager = this.dataSource.manager;
    const lasts = await this.lastReminders(invoiceIds);
    for (const id of invoiceIds) {
      const ctx = await this.invoices.context(id, manager);
      if (!ctx) continue;
      const outstanding = await this.outstanding(manager, ctx);
      const lastReminderAt = lasts.get(id) ?? null;
      const refusal = reminderRefusal(
        { reference: ctx.reference, dueOn: ctx.dueOn, paid: ctx.paidAt !== null || outstanding === 0, hasSecretary: ctx.secretaryEmail !== null, lastReminderAt },
        this.clock.now(),
        this.clock.today(),
      );
      found.set(id, { reference: ctx.reference, branchName: ctx.branchName, lastReminderAt, refusal: refusal?.message ?? null });
    }
    return found;
  }

  /** The latest reminder of each invoice that has one. */
  async lastReminders(invoiceIds: readonly string[]): Promise<Map<string, Date>> {
    if (invoiceIds.length === 0) return new Map();
    const rows: { invoiceId: string; at: Date }[] = await this.dataSource
      .getRepository(InvoiceReminder)
      .createQueryBuilder('r')
      .select('r.invoice_id', 'invoiceId')
      .addSelect('max(r.reminded_at)', 'at')
      .where({ invoiceId: In([...invoiceIds]) })
      .groupBy('r.invoice_id')
      .getRawMany();
    return new Map(rows.map((r) => [r.invoiceId, new Date(r.at)]));
  }

  private async lastReminderAt(manager: EntityManager, invoiceId: string): Promise<Date | null> {
    const [row]: { at: Date | null }[] = await manager.query('SELECT max(reminded_at) AS at FROM invoice_reminders WHERE invoice_id = $1', [invoiceId]);
    return row?.at ?? null;
  }

  private async outstanding(manager: EntityManager, ctx: InvoiceContext): Promise<number> {
    const balance = await this.ledger.balance(ctx.branchId, manager);
    return balance.invoices.find((b) => b.id === ctx.invoiceId)?.outstandingPence ?? ctx.amountPence;
  }

  /** The reminder's record, its audit row and its email, together. */
  private async send(manager: EntityManager, actor: Actor, ctx: InvoiceContext, outstandingPence: number, kind: ReminderKind): Promise<SentReminder> {
    const remindedAt = this.clock.now();
    const reminder = await manager.getRepository(InvoiceReminder).save({ invoiceId: ctx.invoiceId, kind, remindedBy: kind === 'manual' ? actor.id : null, remindedAt });
    await this.audit.record(manager, actor, {
      action: 'invoice.reminded',
      subjectType: 'invoice',
      subjectId: ctx.invoiceId,
      summary: { reference: ctx.reference, branchId: ctx.branchId, kind, dueOn: ctx.dueOn, outstandingPence },
    });
    await this.notices.send(manager, ctx, outstandingPence, overdueReminder);
    return { id: reminder.id, invoiceId: ctx.invoiceId, reference: ctx.reference, kind, remindedAt, nextReminderFrom: nextReminderFrom(remindedAt) };
  }
}
