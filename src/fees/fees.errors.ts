import { BadInputError, ConflictError, NotFoundError } from '../common/errors/domain-error';

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
