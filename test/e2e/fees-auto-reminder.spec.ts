import { FeesTimeRules } from '../../src/fees/fees-time-rules';
import { makeOverdueInvoice } from '../factories/arrears.factory';
import { count, queuedEmails } from '../factories/branches.factory';
import { signInAdmin, signUpSecretary, type SignedIn } from '../utils/auth';
import { createTestApp, TestApp } from '../utils/test-app';

/** The time rules' first reminder, turned on: recorded like an admin's, never twice, never beside an admin's. */
describe('automatic first reminders (FEES_AUTO_REMINDER=true)', () => {
  let t: TestApp;
  let admin: SignedIn;
  let sec: SignedIn;

  beforeAll(async () => {
    t = await createTestApp({ env: { FEES_AUTO_REMINDER: 'true' } });
    admin = await signInAdmin(t);
    sec = await signUpSecretary(t);
  });
  afterAll(async () => t?.close());

  const remind = (invoiceId: string) => admin.agent.post(`/api/admin/invoices/${invoiceId}/reminders`).set('X-CSRF-Token', admin.csrf).send({});
  const reminders = (invoiceId: string) =>
    t.dataSource.query('SELECT kind, reminded_by AS "remindedBy" FROM invoice_reminders WHERE invoice_id = $1 ORDER BY reminded_at', [invoiceId]);
  const emails = async (reference: string) => (await queuedEmails(t, sec.user.email)).filter((m) => /overdue/.test(m.subject) && m.text.includes(reference));

  it('sends the first reminder when an invoice becomes overdue, once, however often and wherever the rules run', async () => {
    const invoice = await makeOverdueInvoice(t, 1, { secretary: sec.user });
    const rules = t.app.get(FeesTimeRules);
    const [first, second] = await Promise.all([rules.run(), rules.run()]);
    expect(first.overdue + second.overdue).toBeGreaterThanOrEqual(1);
    expect(first.reminded + second.reminded).toBe(1);
    await rules.run();

    expect(await reminders(invoice.id)).toEqual([{ kind: 'automatic', remindedBy: null }]);
    expect(await emails(invoice.reference)).toHaveLength(1);
    expect(await count(t, `audit_events WHERE action = 'invoice.reminded' AND subject_id = $1 AND actor_role = 'system'`, [invoice.id])).toBe(1);
    // It counts for the weekly limit like any other.
    expect((await remind(invoice.id).expect(409)).body.message).toMatch(/already reminded on/);
  });

  it('sends none when an admin reminded the branch in the last 7 days, and none twice when both act at once', async () => {
    const rules = t.app.get(FeesTimeRules);
    const reminded = await makeOverdueInvoice(t, 3, { secretary: sec.user });
    await remind(reminded.id).expect(202);
    await rules.run();
    expect(await reminders(reminded.id)).toEqual([{ kind: 'manual', remindedBy: admin.user.id }]);
    expect(await emails(reminded.reference)).toHaveLength(1);
    expect(await count(t, `audit_events WHERE action = 'invoice.overdue' AND subject_id = $1`, [reminded.id])).toBe(1);

    const raced = await makeOverdueInvoice(t, 2, { secretary: sec.user });
    const [answers] = await Promise.all([Promise.all([remind(raced.id), remind(raced.id), remind(raced.id)]), rules.run(), rules.run()]);
    expect(answers.filter((a) => a.status === 202).length).toBeLessThanOrEqual(1);
    expect(await reminders(raced.id)).toHaveLength(1);
    expect(await emails(raced.reference)).toHaveLength(1);
  });
});
