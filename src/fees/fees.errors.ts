import { londonDate } from '../common/clock';
import { BadInputError, ConflictError, NotFoundError } from '../common/errors/domain-error';
import { ukDate } from './fees.emails';

/** The UK calendar day of an instant, "14 March 2026". */
const ukDay = (at: Date): string => ukDate(londonDate(at));

export class InvoiceNotFoundError extends NotFoundError {
  constructor() {
    super('Invoice not found');
  }
}

export class PaymentNotFoundError extends NotFoundError {
  constructor() {
    super('Payment not found');
  }
}

export class FeeBandNotFoundError extends NotFoundError {
  constructor() {
    super('Fee band not found');
  }
}

export class NoFeeBandError extends ConflictError {
  constructor() {
    super('No fee band covers this membership size. Please tell the campaign.');
  }
}

export const UNKNOWN_REFERENCE_MESSAGE =
  'No invoice has this reference. Check it character by character: the last character is a check that catches typing mistakes.';

/** A reference that is not a valid payment reference, or names no invoice. */
export class UnknownReferenceError extends BadInputError {
  constructor(field = 'reference') {
    super({ [field]: [UNKNOWN_REFERENCE_MESSAGE] });
  }
}

export class CannotReverseError extends ConflictError {}

export class ReceiptNotReadyError extends ConflictError {
  constructor() {
    super('The receipt is ready once the invoice is paid in full.');
  }
}

/** A bank statement that cannot be read; nothing from it is stored. `line` is the file's line number (1 is the header). */
export class StatementInvalidError extends BadInputError {
  constructor(
    readonly line: number | null,
    reason: string,
  ) {
    const message = line ? `Line ${line}: ${reason}` : reason;
    super({ csv: [message] }, `The bank statement could not be read. ${message}. Nothing was imported.`);
  }
}

/** A reminder asked for within REMINDER_INTERVAL_DAYS of the last one: nothing is sent. */
export class AlreadyRemindedError extends ConflictError {
  constructor(
    readonly reference: string,
    readonly lastReminderAt: Date,
    readonly nextReminderFrom: Date,
  ) {
    super(`Invoice ${reference} was already reminded on ${ukDay(lastReminderAt)}. Another reminder can be sent from ${ukDay(nextReminderFrom)}.`);
    this.details = { lastReminderAt: lastReminderAt.toISOString(), nextReminderFrom: nextReminderFrom.toISOString() };
  }
}

export class InvoicePaidError extends ConflictError {
  constructor(reference: string) {
    super(`Invoice ${reference} is paid: there is nothing to remind the branch about.`);
  }
}

export class InvoiceNotOverdueError extends ConflictError {
  constructor(reference: string, dueOn: string) {
    super(`Invoice ${reference} is not overdue: it is due on ${ukDate(dueOn)}.`);
  }
}

export class NoSecretaryToRemindError extends ConflictError {
  constructor(reference: string) {
    super(`The branch of invoice ${reference} has no secretary to send a reminder to. Give the branch a secretary first.`);
  }
}
