import { Clock } from '../../src/common/clock';
import { FeesTimeRules } from '../../src/fees/fees-time-rules';
import { PublicListRepository } from '../../src/public-list/public-list.repository';
import { makeReference } from '../../src/fees/payment-reference';
import { count, createBranch, queuedEmails, submitAffiliation } from '../factories/branches.factory';
import { signInAdmin, signUpSecretary, type SignedIn } from '../utils/auth';
import { createTestApp, TestApp } from '../utils/test-app';

describe('affiliation fees (API)', () => {
  let t: TestApp;
  let sec: SignedIn;
  let other: SignedIn;
  let admin: SignedIn;
  let bankRef = 0;

  beforeAll(async () => {
    t = await createTestApp();
    sec = await signUpSecretary(t, { name: 'Fees Secretary' });
    other = await signUpSecretary(t);
    admin = await signInAdmin(t);
  });
  afterAll(async () => {
    jest.restoreAllMocks();
    await t?.close();
  });

  async function approvedBranch(membershipSize = 350): Promise<{ branchId: string; affiliationId: string; invoice: Record<string, any> }> {
    const branch = await createBranch(sec, { membershipSize });
    const aff = await submitAffiliation(sec, branch.id);
    await admin.agent.post(`/api/admin/affiliations/${aff.id}/approve`).set('X-CSRF-Token', admin.csrf).send({}).expect(200);
    const res = await sec.agent.get(`/api/branches/${branch.id}/invoices`).expect(200);
    return { branchId: branch.id, affiliationId: aff.id, invoice: res.body.invoices[0] };
  }

  const pay = (reference: string, amountPence: number, extra: Record<string, unknown> = {}) =>
    admin.agent
      .post('/api/admin/payments')
      .set('X-CSRF-Token', admin.csrf)
      .send({ reference, amountPence, receivedOn: new Date().toISOString().slice(0, 10), method: 'bank_transfer', bankReference: `BANK-${++bankRef}`, ...extra });

  const balanceOf = async (branchId: string) => (await sec.agent.get(`/api/branches/${branchId}/invoices`).expect(200)).body;

  it('approval raises one invoice with the band’s amount, due in 30 days; a later band change leaves it alone', async () => {
    const { branchId, affiliationId, invoice } = await approvedBranch(1200);
    expect(invoice).toMatchObject({ affiliationId, amountPence: 5000, outstandingPence: 5000, status: 'open', bandLabel: '501 to 2,000 members' });
    expect(invoice.reference).toMatch(/^PSOOL-\d{4}-\d{4}-[0-9A-Z]$/);
    const due = new Date(`${invoice.issuedOn}T00:00:00Z`);
    due.setUTCDate(due.getUTCDate() + 30);
    expect(invoice.dueOn).toBe(due.toISOString().slice(0, 10));
    expect(await count(t, 'invoices WHERE affiliation_id = $1', [affiliationId])).toBe(1);
    expect(await count(t, `audit_events WHERE action = 'invoice.raised' AND subject_id = $1`, [invoice.id])).toBe(1);

    const bands = (await admin.agent.get('/api/admin/fee-bands').expect(200)).body.items as { id: number; amountPence: number; minMembers: number }[];
    const band = bands.find((b) => b.minMembers === 501)!;
    await admin.agent.patch(`/api/admin/fee-bands/${band.id}`).set('X-CSRF-Token', admin.csrf).send({ amountPence: 6000 }).expect(200);
    expect((await balanceOf(branchId)).invoices[0].amountPence).toBe(5000);
    expect(await count(t, `audit_events WHERE action = 'fee_band.changed'`)).toBe(1);
    await admin.agent.patch(`/api/admin/fee-bands/${band.id}`).set('X-CSRF-Token', admin.csrf).send({ amountPence: 5000 }).expect(200);
  });

  it('shows another branch’s invoices to nobody else: 404', async () => {
    const { branchId, invoice } = await approvedBranch();
    await other.agent.get(`/api/branches/${branchId}/invoices`).expect(404);
    await other.agent.get(`/api/branches/${branchId}/invoices/${invoice.id}/invoice.docx`).expect(404);
    await sec.agent.get(`/api/branches/${branchId}/invoices/00000000-0000-4000-8000-000000000000/invoice.docx`).expect(404);
  });

  it('stores 20 identical payment requests sent at once as one payment', async () => {
    const { branchId, invoice } = await approvedBranch();
    const body = { reference: invoice.reference, amountPence: 1000, receivedOn: new Date().toISOString().slice(0, 10), method: 'bank_transfer', bankReference: 'FP 123456' };
    const results = await Promise.all(
      Array.from({ length: 20 }, () => admin.agent.post('/api/admin/payments').set('X-CSRF-Token', admin.csrf).send(body)),
    );
    expect(results.map((r) => r.status).sort()).toEqual([...Array(19).fill(200), 201]);
    expect(new Set(results.map((r) => r.body.id)).size).toBe(1);
    expect(await count(t, 'payments WHERE invoice_id = $1', [invoice.id])).toBe(1);
    expect(await count(t, `audit_events WHERE action = 'payment.recorded' AND summary->>'reference' = $1`, [invoice.reference])).toBe(1);
    const b = await balanceOf(branchId);
    expect(b.balance).toMatchObject({ paidPence: 1000, outstandingPence: 1500 });
  });

  it('gives the right balances to the penny: part-payment, overpayment carried as credit, reversal', async () => {
    const { branchId, affiliationId, invoice } = await approvedBranch();
    expect((await pay(invoice.reference, 1001)).status).toBe(201);
    let b = await balanceOf(branchId);
    expect(b.invoices[0]).toMatchObject({ paidPence: 1001, outstandingPence: 1499, status: 'open' });

    const second = await pay(invoice.reference, 2000);
    expect(second.status).toBe(201);
    b = await balanceOf(branchId);
    expect(b.invoices[0]).toMatchObject({ outstandingPence: 0, status: 'paid' });
    expect(b.balance).toMatchObject({ invoicedPence: 2500, paidPence: 3001, outstandingPence: 0, creditPence: 501 });
    expect((await queuedEmails(t, sec.user.email)).some((m) => /fee is paid/.test(m.subject))).toBe(true);
    await sec.agent.get(`/api/branches/${branchId}/invoices/${invoice.id}/receipt.docx`).expect(200);

    // Next year's invoice takes the credit.
    await t.dataSource.query('UPDATE affiliations SET affiliation_year = affiliation_year - 1 WHERE id = $1', [affiliationId]);
    const next = await submitAffiliation(sec, branchId);
    await admin.agent.post(`/api/admin/affiliations/${next.id}/approve`).set('X-CSRF-Token', admin.csrf).send({}).expect(200);
    b = await balanceOf(branchId);
    const fresh = b.invoices.find((i: { affiliationId: string }) => i.affiliationId === next.id);
    expect(fresh).toMatchObject({ amountPence: 2500, creditAppliedPence: 501, outstandingPence: 1999 });
    expect(b.balance).toMatchObject({ outstandingPence: 1999, creditPence: 0 });

    // Reverse the 20.00 payment: the first invoice is short again, and the credit is gone.
    const reversal = await admin.agent.post(`/api/admin/payments/${second.body.id}/reverse`).set('X-CSRF-Token', admin.csrf).send({ reason: 'Bounced' });
    expect(reversal.status).toBe(201);
    expect(reversal.body).toMatchObject({ amountPence: -2000, reversesPaymentId: second.body.id });
    const again = await admin.agent.post(`/api/admin/payments/${second.body.id}/reverse`).set('X-CSRF-Token', admin.csrf).send({ reason: 'Bounced' });
    expect(again.status).toBe(200);
    expect(again.body.id).toBe(reversal.body.id);
    b = await balanceOf(branchId);
    expect(b.balance).toMatchObject({ invoicedPence: 5000, paidPence: 1001, outstandingPence: 3999, creditPence: 0 });
    expect(b.invoices.find((i: { id: string }) => i.id === invoice.id)).toMatchObject({ outstandingPence: 1499, status: 'open' });
    await sec.agent.get(`/api/branches/${branchId}/invoices/${invoice.id}/receipt.docx`).expect(409);
  });

  it('answers a new payment 201 with the Location of its GET, a replay 200 with the stored one; reversals likewise', async () => {
    const { invoice } = await approvedBranch();
    const today = new Date().toISOString().slice(0, 10);
    const body = { reference: invoice.reference, amountPence: 700, receivedOn: today, method: 'cheque', bankReference: 'CHQ 000123' };
    const first = await admin.agent.post('/api/admin/payments').set('X-CSRF-Token', admin.csrf).send(body).expect(201);
    expect(first.headers.location).toBe(`/api/admin/payments/${first.body.id}`);
    expect(first.body).toMatchObject({ created: true, reference: invoice.reference, amountPence: 700, receivedOn: today, method: 'cheque', source: 'manual' });
    const replay = await admin.agent.post('/api/admin/payments').set('X-CSRF-Token', admin.csrf).send(body).expect(200);
    expect(replay.headers.location).toBeUndefined();
    expect(replay.headers['content-location']).toBe(first.headers.location);
    expect(replay.body).toEqual({ ...first.body, created: false });

    const { created: _created, ...payment } = first.body;
    expect((await admin.agent.get(first.headers.location).expect(200)).body).toEqual(payment);

    const reversal = await admin.agent.post(`/api/admin/payments/${first.body.id}/reverse`).set('X-CSRF-Token', admin.csrf).send({ reason: 'Bounced' }).expect(201);
    expect(reversal.headers.location).toBe(`/api/admin/payments/${reversal.body.id}`);
    const again = await admin.agent.post(`/api/admin/payments/${first.body.id}/reverse`).set('X-CSRF-Token', admin.csrf).send({ reason: 'Bounced' }).expect(200);
    expect(again.headers['content-location']).toBe(reversal.headers.location);
    expect((await admin.agent.get(reversal.headers.location).expect(200)).body).toMatchObject({ amountPence: -700, reversesPaymentId: first.body.id, note: 'Bounced' });
    expect((await admin.agent.get(first.headers.location).expect(200)).body.reversedById).toBe(reversal.body.id);
    // A reversal cannot itself be reversed.
    await admin.agent.post(`/api/admin/payments/${reversal.body.id}/reverse`).set('X-CSRF-Token', admin.csrf).send({ reason: 'Oops' }).expect(409);

    await admin.agent.get('/api/admin/payments/00000000-0000-4000-8000-000000000000').expect(404);
    await admin.agent.get('/api/admin/payments/not-an-id').expect(404);
    await sec.agent.get(first.headers.location).expect(403);
  });

  it('lists payments a page at a time, latest first, in the one list shape', async () => {
    const { invoice } = await approvedBranch();
    for (let i = 0; i < 3; i++) await pay(invoice.reference, 100 + i).expect(201);
    const total = await count(t, 'payments');
    const first = await admin.agent.get('/api/admin/payments?pageSize=2').expect(200);
    expect(first.body).toMatchObject({ total, page: 1, pageSize: 2 });
    expect(first.body.items).toHaveLength(2);
    const second = await admin.agent.get('/api/admin/payments?page=2&pageSize=2').expect(200);
    expect(second.body).toMatchObject({ total, page: 2, pageSize: 2 });
    expect(second.body.items.map((p: { id: string }) => p.id)).not.toContain(first.body.items[0].id);
    const all = await admin.agent.get('/api/admin/payments').expect(200);
    expect(all.body).toMatchObject({ total, page: 1, pageSize: 50 });
    const days: string[] = all.body.items.map((p: { receivedOn: string }) => p.receivedOn);
    expect(days).toEqual([...days].sort().reverse());
    expect((await admin.agent.get('/api/admin/payments?pageSize=101').expect(400)).body.errors.pageSize).toBeDefined();
    await admin.agent.get('/api/admin/payments?page=0').expect(400);
  });

  it('keeps the ledger append-only: the database refuses UPDATE and DELETE', async () => {
    const { invoice } = await approvedBranch();
    await pay(invoice.reference, 500).expect(201);
    await expect(t.dataSource.query('UPDATE payments SET amount_pence = 1 WHERE invoice_id = $1', [invoice.id])).rejects.toThrow(/append-only/);
    await expect(t.dataSource.query('DELETE FROM payments WHERE invoice_id = $1', [invoice.id])).rejects.toThrow(/append-only/);
  });

  it('refuses a mistyped reference and a future date', async () => {
    const { invoice } = await approvedBranch();
    const ref: string = invoice.reference;
    const typo = `${ref.slice(0, -1)}${ref.endsWith('0') ? '1' : '0'}`;
    const res = await pay(typo, 500);
    expect(res.status).toBe(400);
    expect(res.body.errors.reference[0]).toMatch(/No invoice has this reference/);
    expect((await pay(makeReference(1999, 1), 500)).status).toBe(400);
    const future = await pay(ref, 500, { receivedOn: '2999-01-01' });
    expect(future.status).toBe(400);
    expect((await pay(ref, 500, { method: 'bitcoin' })).status).toBe(400);
    expect((await pay(ref, 12.5)).status).toBe(400);
    expect((await pay(ref, 500, { branchId: 'x' })).status).toBe(400);
  });

  it('lets an admin agree a "pay what you can" amount on the invoice', async () => {
    const branch = await createBranch(sec);
    const aff = await submitAffiliation(sec, branch.id, { payWhatYouCan: true, payWhatYouCanNote: 'Small branch' });
    await admin.agent.post(`/api/admin/affiliations/${aff.id}/approve`).set('X-CSRF-Token', admin.csrf).send({}).expect(200);
    const invoice = (await balanceOf(branch.id)).invoices[0];
    const res = await admin.agent.post(`/api/admin/invoices/${invoice.id}/agreed-amount`).set('X-CSRF-Token', admin.csrf).send({ amountPence: 750 });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ amountPence: 750, outstandingPence: 750 });
    expect(await count(t, `audit_events WHERE action = 'invoice.amount_agreed' AND subject_id = $1`, [invoice.id])).toBe(1);
  });

  it('keeps the invoice in step when the amount is agreed from the affiliation after approval', async () => {
    const branch = await createBranch(sec);
    const aff = await submitAffiliation(sec, branch.id, { payWhatYouCan: true, payWhatYouCanNote: 'Tiny branch' });
    await admin.agent.post(`/api/admin/affiliations/${aff.id}/approve`).set('X-CSRF-Token', admin.csrf).send({}).expect(200);
    const before = (await balanceOf(branch.id)).invoices[0];
    await admin.agent.post(`/api/admin/affiliations/${aff.id}/pay-what-you-can`).set('X-CSRF-Token', admin.csrf).send({ amountPence: 500 }).expect(200);
    const after = (await balanceOf(branch.id)).invoices[0];
    expect(after).toMatchObject({ id: before.id, reference: before.reference, amountPence: 500, outstandingPence: 500 });
    expect(await count(t, `audit_events WHERE action = 'invoice.amount_agreed' AND subject_id = $1`, [before.id])).toBe(1);
  });

  it('keeps payments and exports to admins', async () => {
    await sec.agent.post('/api/admin/payments').set('X-CSRF-Token', sec.csrf).send({}).expect(403);
    await sec.agent.get('/api/admin/exports/payments.csv').expect(403);
    await admin.agent.post('/api/admin/payments').send({}).expect(403);
  });

  describe('time rules', () => {
    it('moves an unpaid invoice to overdue, then the affiliation to lapsed; a second run changes nothing', async () => {
      const { branchId, affiliationId, invoice } = await approvedBranch();
      // Early in the year, so the renewal rule (from 2 December) stays out of it.
      const year = Number(invoice.issuedOn.slice(0, 4));
      await t.dataSource.query(`UPDATE invoices SET issued_on = $2, due_on = $3 WHERE id = $1`, [invoice.id, `${year}-01-10`, `${year}-02-09`]);
      const clock = t.app.get(Clock);
      const rules = t.app.get(FeesTimeRules);
      const at = (date: string) => jest.spyOn(clock, 'now').mockReturnValue(new Date(`${date}T12:00:00Z`));
      const reminders = async () => (await queuedEmails(t, sec.user.email)).filter((m) => /overdue/.test(m.subject) && m.text.includes(invoice.reference));
      const statusOf = async () => (await t.dataSource.query('SELECT status FROM affiliations WHERE id = $1', [affiliationId]))[0].status;

      at(`${year}-02-09`);
      await rules.run();
      expect((await balanceOf(branchId)).invoices[0].status).toBe('open');

      at(`${year}-02-10`);
      await rules.run();
      expect((await balanceOf(branchId)).invoices[0].status).toBe('overdue');
      // FEES_AUTO_REMINDER is off by default: no email until an admin sends one (arrears.spec.ts covers it turned on).
      expect(await reminders()).toHaveLength(0);
      await rules.run();
      expect(await reminders()).toHaveLength(0);
      expect(await count(t, 'audit_events WHERE action = $1 AND subject_id = $2', ['invoice.overdue', invoice.id])).toBe(1);

      at(`${year}-05-09`); // 89 days past due
      await rules.run();
      expect(await statusOf()).toBe('approved');

      at(`${year}-05-10`); // 90 days past due; two instances at once
      await Promise.all([rules.run(), rules.run()]);
      expect(await statusOf()).toBe('lapsed');
      expect((await balanceOf(branchId)).invoices[0].status).toBe('lapsed');
      expect(await count(t, `affiliation_status_changes WHERE affiliation_id = $1 AND action = 'lapse'`, [affiliationId])).toBe(1);
      const { publicName } = await balanceOf(branchId);
      expect((await queuedEmails(t, sec.user.email)).filter((m) => m.subject === `${publicName}'s affiliation has lapsed`)).toHaveLength(1);

      const before = await t.dataSource.query('SELECT count(*)::int AS n FROM audit_events');
      await rules.run();
      expect(await t.dataSource.query('SELECT count(*)::int AS n FROM audit_events')).toEqual(before);

      // Paying in full restores it.
      jest.restoreAllMocks();
      await pay(invoice.reference, 2500).expect(201);
      expect(await statusOf()).toBe('approved');
    });

    it('raises next year’s affiliation and invoice 30 days before the year ends, once, waiting for payment until paid', async () => {
      const { branchId, invoice } = await approvedBranch();
      await pay(invoice.reference, 2500).expect(201);
      const year = Number(invoice.issuedOn.slice(0, 4));
      const clock = t.app.get(Clock);
      const rules = t.app.get(FeesTimeRules);
      jest.spyOn(clock, 'now').mockReturnValue(new Date(`${year}-12-01T12:00:00Z`));
      await rules.run();
      expect(await count(t, 'affiliations WHERE branch_id = $1 AND affiliation_year = $2', [branchId, year + 1])).toBe(0);
      jest.spyOn(clock, 'now').mockReturnValue(new Date(`${year}-12-02T12:00:00Z`));
      await Promise.all([rules.run(), rules.run()]);
      await rules.run();
      const statusOf = async () =>
        (await t.dataSource.query('SELECT status FROM affiliations WHERE branch_id = $1 AND affiliation_year = $2', [branchId, year + 1]))[0]?.status;
      expect(await statusOf()).toBe('renewal_due');
      expect(await count(t, `affiliation_status_changes c JOIN affiliations a ON a.id = c.affiliation_id
                             WHERE a.branch_id = $1 AND a.affiliation_year = $2 AND c.action = 'renew' AND c.from_status IS NULL AND c.to_status = 'renewal_due'`, [branchId, year + 1])).toBe(1);
      const b = await balanceOf(branchId);
      const renewal = b.invoices.find((i: { affiliationYear: number }) => i.affiliationYear === year + 1);
      expect(renewal).toMatchObject({ amountPence: 2500, dueOn: `${year + 1}-01-01`, status: 'open' });
      expect(renewal.reference.startsWith(`PSOOL-${year + 1}-`)).toBe(true);
      const publicName = (await t.dataSource.query('SELECT public_name FROM branches WHERE id = $1', [branchId]))[0].public_name;
      expect((await queuedEmails(t, sec.user.email)).filter((m) => m.subject === `${publicName}'s affiliation for ${year + 1}: invoice and details to check`)).toHaveLength(1);
      jest.restoreAllMocks();

      // Paying the renewal makes next year's affiliation current.
      await pay(renewal.reference, 2500).expect(201);
      expect(await statusOf()).toBe('approved');
    });

    it('in December, a renewal does not keep a branch listed once this year’s unpaid fee lapses', async () => {
      const { branchId, affiliationId, invoice } = await approvedBranch();
      const year = Number(invoice.issuedOn.slice(0, 4));
      // Approved in September, so this year's fee falls due in October and lapses 90 days later, in January.
      await t.dataSource.query(`UPDATE invoices SET issued_on = $2, due_on = $3 WHERE id = $1`, [invoice.id, `${year}-09-10`, `${year}-10-10`]);
      const clock = t.app.get(Clock);
      const rules = t.app.get(FeesTimeRules);
      const at = (date: string) => jest.spyOn(clock, 'now').mockReturnValue(new Date(`${date}T12:00:00Z`));
      const listed = async () => (await t.app.get(PublicListRepository).findListedBranches()).some((c) => c.branchId.includes(branchId));
      const statusOf = async (y: number) =>
        (await t.dataSource.query('SELECT status FROM affiliations WHERE branch_id = $1 AND affiliation_year = $2', [branchId, y]))[0]?.status;

      at(`${year}-12-02`);
      await rules.run();
      expect(await statusOf(year)).toBe('approved');
      expect(await statusOf(year + 1)).toBe('renewal_due');
      expect(await listed()).toBe(true);

      at(`${year + 1}-01-07`); // 89 days past due: this year is still in good standing.
      await rules.run();
      expect(await listed()).toBe(true);

      at(`${year + 1}-01-08`); // 90 days past due
      await rules.run();
      expect(await statusOf(year)).toBe('lapsed');
      expect(await listed()).toBe(false);
      const { publicName } = await balanceOf(branchId);
      expect((await queuedEmails(t, sec.user.email)).filter((m) => m.subject === `${publicName}'s affiliation has lapsed`).length).toBeGreaterThanOrEqual(1);
      jest.restoreAllMocks();

      // Paying the lapsed year restores it, and the branch is listed again.
      await pay(invoice.reference, 2500).expect(201);
      expect(await t.dataSource.query('SELECT status FROM affiliations WHERE id = $1', [affiliationId])).toEqual([{ status: 'approved' }]);
      expect(await listed()).toBe(true);
    });
  });
});
