import { Injectable } from '@nestjs/common';
import { Clock } from '../common/clock';
import type { FieldErrors } from '../common/errors/domain-error';
import type { FieldChecks } from '../common/validation';
import { UNKNOWN_REFERENCE_MESSAGE } from './fees.errors';
import { InvoicesRepository } from './invoices.repository';
import { parseReference } from './payment-reference';

export const FUTURE_PAYMENT_MESSAGE = 'The date received cannot be in the future';

/**
 * A payment form's rules that need the database or the clock, run with its
 * DTO's rules (see `CheckedBy`): the reference names an invoice, and the money
 * did not arrive after today. `PaymentsService.record` enforces both again.
 */
@Injectable()
export class PaymentChecks implements FieldChecks<{ reference: string; receivedOn: string }> {
  constructor(
    private readonly invoices: InvoicesRepository,
    private readonly clock: Clock,
  ) {}

  async check(dto: { reference: string; receivedOn: string }, passed: (field: string) => boolean): Promise<FieldErrors> {
    const errors: FieldErrors = {};
    const reference = passed('reference') ? parseReference(dto.reference) : null;
    if (reference && !(await this.invoices.findByReference(reference))) errors.reference = [UNKNOWN_REFERENCE_MESSAGE];
    if (passed('receivedOn') && dto.receivedOn > this.clock.today()) errors.receivedOn = [FUTURE_PAYMENT_MESSAGE];
    return errors;
  }
}
