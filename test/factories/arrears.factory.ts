import { addDays, Clock } from '../../src/common/clock';
import type { Invoice } from '../../src/fees/invoice.entity';
import type { TestApp } from '../utils/test-app';
import { makeInvoice, type AffiliationOptions } from './database.factory';

/**
 * An approved affiliation's invoice, `daysOverdue` days past its due date:
 * raised as the app raises it, then its dates moved back by as long as that
 * would have taken (issued 30 days before it fell due). Time is the one thing
 * a test cannot wait for.
 */
export async function makeOverdueInvoice(t: TestApp, daysOverdue: number, options: AffiliationOptions = {}): Promise<Invoice> {
  const invoice = await makeInvoice(t, options);
  const dueOn = addDays(t.app.get(Clock).today(), -daysOverdue);
  await t.dataSource.query('UPDATE invoices SET issued_on = $2, due_on = $3 WHERE id = $1', [invoice.id, addDays(dueOn, -30), dueOn]);
  return { ...invoice, issuedOn: addDays(dueOn, -30), dueOn } as Invoice;
}
