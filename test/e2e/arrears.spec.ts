import { parse } from 'csv-parse/sync';
import { Clock } from '../../src/common/clock';
import { makeOverdueInvoice } from '../factories/arrears.factory';
import { count, queuedEmails } from '../factories/branches.factory';
import { makeBranch, makeInvoice, makeSecretary } from '../factories/database.factory';
import { signInAdmin, signUpSecretary, type SignedIn } from '../utils/auth';
import { answerProblems, servedDocument, type OpenApiDocument } from '../utils/openapi-shape';
import { createTestApp, TestApp } from '../utils/test-app';

const LIST = '/api/admin/fees/arrears';
const REMIND = '/api/admin/invoices/{id}/reminders';

/** "14 March 2026" for an instant, as the portal writes dates. */
const ukDay = (at: Date | string): string =>
  new Date(at).toLocaleDateString('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'Europe/London' });

describe('arrears and reminders (API)', () => {
  let t: TestApp;
  let admin: SignedIn;
  let doc: OpenApiDocument;

  beforeAll(async () => {
    t = await createTestApp();
    admin = await signInAdmin(t);
    doc = await servedDocument(t);
  });
  afterAll(async () => {
    jest.restoreAllMocks();
    await t?.close();
  });

  const list = (query = '') => admin.agent.get(`${LIST}${query}`);
  const remind = (invoiceId: string) => admin.agent.post(`/api/admin/invoices/${invoiceId}/reminders`).set('X-CSRF-Token', admin.csrf).send({});
  const reminderEmails = async (to: string, reference: string) =>
    (await queuedEmails(t, to)).filter((m) => /overdue/.test(m.subject) && m.text.includes(reference));

  it('lists every unpaid invoice past due with what it owes, its bucket and last reminder, in the documented shape', async () => {
    const secretary = await makeSecretary(t);
    const branch = await makeBranch(t, { secretary, union: 'unite', name: 'Arrears Works' });
    const late = await makeOverdueInvoice(t, 45, { branch });
    const open = await makeInvoice(t, { branch: { union: 'gmb', name: 'Not Yet Due' } });

    const res = await list().expect(200);
    expect(answerProblems(doc, 'get', LIST, res)).toEqual([]);
    const item = res.body.items.find((i: { invoiceId: string }) => i.invoiceId === late.id);
    expect(item).toEqual({
      invoiceId: late.id,
      reference: late.reference,
      branchId: branch.id,
      branchName: 'Arrears Works',
      publicName: branch.publicName,
      union: 'unite',
      unionName: expect.stringMatching(/Unite/),
      affiliationYear: late.affiliationYear,
      amountPence: late.amountPence,
      outstandingPence: late.amountPence,
      dueOn: late.dueOn,
      daysOverdue: 45,
      bucket: '31-60',
      lastReminderAt: null,
      nextReminderFrom: null,
    });
    expect(res.body.items.some((i: { invoiceId: string }) => i.invoiceId === open.id)).toBe(false);
    expect(res.body.buckets.map((b: { bucket: string }) => b.bucket)).toEqual(['1-30', '31-60', '61-90', 'over-90']);
  });

  it('filters by bucket with counts and totals for every bucket, sorts by allow-listed columns and pages', async () => {
    const made = await Promise.all([3, 30, 31, 60, 61, 90, 91, 400].map((days) => makeOverdueInvoice(t, days)));
    const all = (await list('?pageSize=100').expect(200)).body;
    const days = (id: string) => all.items.find((i: { invoiceId: string }) => i.invoiceId === id)?.daysOverdue;
    expect(made.map((m) => days(m.id))).toEqual([3, 30, 31, 60, 61, 90, 91, 400]);
    expect(all.items.map((i: { daysOverdue: number }) => i.daysOverdue)).toEqual([...all.items.map((i: { daysOverdue: number }) => i.daysOverdue)].sort((a, b) => b - a));

    for (const [bucket, min, max] of [['1-30', 1, 30], ['31-60', 31, 60], ['61-90', 61, 90], ['over-90', 91, Infinity]] as const) {
      const page = (await list(`?bucket=${bucket}&pageSize=100`).expect(200)).body;
      expect(page.items.length).toBeGreaterThan(0);
      expect(page.items.every((i: { daysOverdue: number; bucket: string }) => i.bucket === bucket && i.daysOverdue >= min && i.daysOverdue <= max)).toBe(true);
      const summary = page.buckets.find((b: { bucket: string }) => b.bucket === bucket);
      expect(summary).toMatchObject({ count: page.total, outstandingPence: page.items.reduce((s: number, i: { outstandingPence: number }) => s + i.outstandingPence, 0) });
    }

    const byOwed = (await list('?sort=-outstanding&pageSize=100').expect(200)).body.items.map((i: { outstandingPence: number }) => i.outstandingPence);
    expect(byOwed).toEqual([...byOwed].sort((a: number, b: number) => b - a));
    const byRef = (await list('?sort=reference&pageSize=100').expect(200)).body.items.map((i: { reference: string }) => i.reference);
    expect(byRef).toEqual([...byRef].sort());
    const second = (await list('?sort=reference&pageSize=2&page=2').expect(200)).body;
    expect(second.items.map((i: { reference: string }) => i.reference)).toEqual(byRef.slice(2, 4));
    expect(second).toMatchObject({ page: 2, pageSize: 2, total: all.total });

    const bad = await list('?sort=amount_pence;drop&bucket=ninety').expect(400);
    expect(Object.keys(bad.body.errors)).toEqual(['bucket', 'sort']);
  });

  it('owes what the ledger says: part-payments and a branch’s credit from an overpaid year count', async () => {
    const branch = await makeBranch(t, { name: 'Credit Works' });
    const older = await makeOverdueInvoice(t, 400, { branch });
    await t.dataSource.query('UPDATE affiliations SET affiliation_year = affiliation_year - 1 WHERE branch_id = $1', [branch.id]);
    const newer = await makeOverdueInvoice(t, 20, { branch });
    const pay = (reference: string, amountPence: number, bankReference: string) =>
      admin.agent
        .post('/api/admin/payments')
        .set('X-CSRF-Token', admin.csrf)
        .send({ reference, amountPence, receivedOn: new Date().toISOString().slice(0, 10), method: 'bank_transfer', bankReference })
        .expect(201);
    await pay(older.reference, 3000, 'OVER'); // 5.00 over: credit for the newer one
    await pay(newer.reference, 700, 'PART');
    const items = (await list('?pageSize=100').expect(200)).body.items as { invoiceId: string; outstandingPence: number }[];
    expect(items.find((i) => i.invoiceId === older.id)).toBeUndefined();
    expect(items.find((i) => i.invoiceId === newer.id)?.outstandingPence).toBe(newer.amountPence - 700 - 500);
    const statement = (await admin.agent.get(`/api/admin/branches/${branch.id}/statement`).expect(200)).body;
    expect(statement.invoices.find((i: { id: string }) => i.id === newer.id).outstandingPence).toBe(newer.amountPence - 1200);
  });

  it('sends a reminder (202, audited, one email to the secretary), then refuses another within 7 days (409 with the date); 7 days later one may go', async () => {
    const sec = await signUpSecretary(t, { name: 'Reminded Secretary' });
    const invoice = await makeOverdueInvoice(t, 12, { secretary: sec.user });

    const sent = await remind(invoice.id).expect(202);
    expect(answerProblems(doc, 'post', REMIND, sent)).toEqual([]);
    expect(sent.body).toMatchObject({ invoiceId: invoice.id, reference: invoice.reference, kind: 'manual' });
    expect(new Date(sent.body.nextReminderFrom).getTime() - new Date(sent.body.remindedAt).getTime()).toBe(7 * 86_400_000);
    const [email] = await reminderEmails(sec.user.email, invoice.reference);
    expect(email!.text).toContain('Reminded Secretary');
    expect(email!.text).toContain('is still to pay');
    expect(await count(t, `audit_events WHERE action = 'invoice.reminded' AND subject_id = $1 AND actor_id = $2`, [invoice.id, admin.user.id])).toBe(1);

    const again = await remind(invoice.id).expect(409);
    expect(answerProblems(doc, 'post', REMIND, again)).toEqual([]);
    expect(again.body.message).toContain(`already reminded on ${ukDay(sent.body.remindedAt)}`);
    expect(again.body).toMatchObject({ statusCode: 409, lastReminderAt: sent.body.remindedAt, nextReminderFrom: sent.body.nextReminderFrom });
    expect(await reminderEmails(sec.user.email, invoice.reference)).toHaveLength(1);
    const listed = (await list('?pageSize=100').expect(200)).body.items.find((i: { invoiceId: string }) => i.invoiceId === invoice.id);
    expect(listed).toMatchObject({ lastReminderAt: sent.body.remindedAt, nextReminderFrom: sent.body.nextReminderFrom });

    const clock = t.app.get(Clock);
    const realNow = clock.now();
    jest.spyOn(clock, 'now').mockReturnValue(new Date(realNow.getTime() + 7 * 86_400_000 - 60_000));
    await remind(invoice.id).expect(409);
    jest.spyOn(clock, 'now').mockReturnValue(new Date(realNow.getTime() + 7 * 86_400_000 + 60_000));
    await remind(invoice.id).expect(202);
    jest.restoreAllMocks();
    expect(await reminderEmails(sec.user.email, invoice.reference)).toHaveLength(2);
  });

  it('sends exactly one reminder when ten are asked for at once: one 202, nine 409, one email, one audit row', async () => {
    const sec = await signUpSecretary(t);
    const invoice = await makeOverdueInvoice(t, 33, { secretary: sec.user });
    const answers = await Promise.all(Array.from({ length: 10 }, () => remind(invoice.id)));
    expect(answers.map((a) => a.status).sort()).toEqual([202, ...Array(9).fill(409)]);
    for (const refused of answers.filter((a) => a.status === 409)) expect(refused.body.message).toMatch(/already reminded on/);
    expect(await reminderEmails(sec.user.email, invoice.reference)).toHaveLength(1);
    expect(await count(t, `audit_events WHERE action = 'invoice.reminded' AND subject_id = $1`, [invoice.id])).toBe(1);
    expect(await count(t, 'invoice_reminders WHERE invoice_id = $1', [invoice.id])).toBe(1);
  });

  it('refuses a reminder for an unknown invoice (404), a paid one, one not yet due, or a branch without a secretary (409), queueing nothing', async () => {
    await remind('00000000-0000-4000-8000-000000000000').expect(404);
    await remind('not-an-id').expect(404);

    const paid = await makeOverdueInvoice(t, 5);
    await admin.agent
      .post('/api/admin/payments')
      .set('X-CSRF-Token', admin.csrf)
      .send({ reference: paid.reference, amountPence: paid.amountPence, receivedOn: new Date().toISOString().slice(0, 10), method: 'cheque', bankReference: 'CHQ 1' })
      .expect(201);
    expect((await remind(paid.id).expect(409)).body.message).toBe(`Invoice ${paid.reference} is paid: there is nothing to remind the branch about.`);

    const open = await makeInvoice(t);
    expect((await remind(open.id).expect(409)).body.message).toMatch(new RegExp(`^Invoice ${open.reference} is not overdue: it is due on \\d+ \\w+ \\d{4}\\.$`));

    const orphan = await makeOverdueInvoice(t, 8);
    await t.dataSource.query('UPDATE branches SET secretary_id = NULL WHERE id = $1', [orphan.branchId]);
    expect((await remind(orphan.id).expect(409)).body.message).toMatch(/has no secretary/);

    expect(await count(t, 'invoice_reminders WHERE invoice_id = ANY($1)', [[paid.id, open.id, orphan.id]])).toBe(0);
    expect(await count(t, `audit_events WHERE action = 'invoice.reminded' AND subject_id = ANY($1)`, [[paid.id, open.id, orphan.id]])).toBe(0);
  });

  it('exports the arrears as formula-safe RFC 4180 CSV, audited', async () => {
    const invoice = await makeOverdueInvoice(t, 70, { branch: { name: '=HYPERLINK("http://evil.example","x")', union: 'unison' } });
    const res = await admin.agent.get('/api/admin/exports/arrears.csv?bucket=61-90').expect(200);
    expect(res.headers['content-type']).toMatch(/^text\/csv/);
    expect(res.headers['content-disposition']).toMatch(/arrears\.csv/);
    const rows: string[][] = parse(res.text);
    expect(rows[0]).toEqual(['Reference', 'Branch', 'Public name', 'Union', 'Year', 'Outstanding', 'Due on', 'Days overdue', 'Bucket', 'Last reminder']);
    const row = rows.find((r) => r[0] === invoice.reference)!;
    expect(row[1]).toBe(`'=HYPERLINK("http://evil.example","x")`);
    expect(row.slice(5, 9)).toEqual([(invoice.amountPence / 100).toFixed(2), invoice.dueOn, '70', '61 to 90 days']);
    expect(rows.slice(1).every((r) => r[8] === '61 to 90 days')).toBe(true);
    expect(await count(t, `audit_events WHERE action = 'export.arrears' AND actor_id = $1`, [admin.user.id])).toBeGreaterThan(0);
  });

  it('keeps the arrears and reminders to admins', async () => {
    const sec = await signUpSecretary(t);
    const invoice = await makeOverdueInvoice(t, 3, { secretary: sec.user });
    await sec.agent.get(LIST).expect(403);
    await sec.agent.get('/api/admin/exports/arrears.csv').expect(403);
    await sec.agent.post(`/api/admin/invoices/${invoice.id}/reminders`).set('X-CSRF-Token', sec.csrf).send({}).expect(403);
    await admin.agent.post(`/api/admin/invoices/${invoice.id}/reminders`).send({}).expect(403);
    await t.http().get(LIST).expect(401);
  });
});
