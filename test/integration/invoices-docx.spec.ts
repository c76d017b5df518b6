import type { Response } from 'supertest';
import { makeInvoice } from '../factories/database.factory';
import { signInAdmin, signUpSecretary, type SignedIn } from '../utils/auth';
import { assertWellFormedDocx, libreOfficeAvailable, mammothText, pdfTexts, squash } from '../utils/docx';
import { createTestApp, TestApp } from '../utils/test-app';

function binary(res: Response, done: (err: Error | null, body: Buffer) => void): void {
  const chunks: Buffer[] = [];
  res.on('data', (c: Buffer) => chunks.push(c));
  res.on('end', () => done(null, Buffer.concat(chunks)));
}

/** "14 March 2026" for a "YYYY-MM-DD", as the documents write it (spaces squashed). */
const written = (iso: string): string => new Date(`${iso}T00:00:00Z`).toLocaleDateString('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });

describe('invoice and receipt documents', () => {
  let t: TestApp;
  let sec: SignedIn;
  let admin: SignedIn;

  beforeAll(async () => {
    t = await createTestApp({
      env: {
        BANK_ACCOUNT_NAME: 'Police Spies Out of Lives',
        BANK_SORT_CODE: '08-60-01',
        BANK_ACCOUNT_NUMBER: '20245678',
        CAMPAIGN_ADDRESS: 'PO Box 4242, Leeds, LS1 9ZZ',
        CAMPAIGN_EMAIL: 'branches@psool.example.org',
        FEES_LAPSE_DAYS: '60',
      },
    });
    sec = await signUpSecretary(t);
    admin = await signInAdmin(t);
  });
  afterAll(() => t?.close());

  const get = (path: string) => sec.agent.get(path).buffer(true).parse(binary);

  it('renders an invoice: number, dates, a table of lines with a total in pounds and pence, no VAT, how to pay, then PAID with a receipt', async () => {
    const invoice = await makeInvoice(t, {
      secretary: sec.user,
      admin: admin.user,
      branch: { name: 'Hostile <script>alert(1)</script> **Branch**', membershipSize: 2500, address: '1 High Street\nBristol\nBS1 1AA' },
    });
    const base = `/api/branches/${invoice.branchId}/invoices/${invoice.id}`;

    const unpaid = await get(`${base}/invoice.docx`).expect(200);
    expect(unpaid.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.wordprocessingml.document');
    // "<union> <branch> - invoice <reference>.docx", the characters a file name cannot hold left out.
    expect(unpaid.headers['content-disposition']).toMatch(new RegExp(`^attachment; filename="UNISON Hostile script alert\\(1\\) script Branch - invoice ${invoice.reference}\\.docx"$`));
    const unpaidDocx = unpaid.body as Buffer;
    const parts = await assertWellFormedDocx(unpaidDocx);
    expect(parts.get('word/styles.xml')).toContain('<w:lang w:val="en-GB"/>');
    const text = squash(await mammothText(unpaidDocx));
    expect(text).toContain(`Invoice number: ${invoice.reference}`);
    expect(text).toContain(`Issue date: ${written(invoice.issuedOn)}`);
    expect(text).toContain(`Due date: ${written(invoice.dueOn)}`);
    expect(text).toContain('Hostile <script>alert(1)</script> **Branch**');
    expect(text).toContain(`Please pay £100.00 by ${written(invoice.dueOn)}, by bank transfer`);
    expect(text).toContain('08-60-01');
    expect(text).toContain('No VAT is charged on this invoice.');
    // FEES_LAPSE_DAYS after the due date, as the time rules count.
    const lapses = new Date(`${invoice.dueOn}T00:00:00Z`);
    lapses.setUTCDate(lapses.getUTCDate() + 60);
    expect(text).toContain(`still unpaid 60 days after the due date, the affiliation lapses on ${written(lapses.toISOString().slice(0, 10))}`);
    expect(text).not.toContain('PAID');

    await admin.agent
      .post('/api/admin/payments')
      .set('X-CSRF-Token', admin.csrf)
      .send({ reference: invoice.reference, amountPence: 10000, receivedOn: new Date().toISOString().slice(0, 10), method: 'cheque', bankReference: 'CHQ 001234' })
      .expect(201);
    const paidDocx = (await get(`${base}/invoice.docx`).expect(200)).body as Buffer;
    const paidText = squash(await mammothText(paidDocx));
    expect(paidText).toMatch(/PAID in full on \d{1,2} \w+ \d{4}: thank you/);
    expect(paidText).not.toContain('Please pay');
    expect(paidText).not.toContain('How to pay');

    const receipt = await get(`${base}/receipt.docx`).expect(200);
    const receiptNumber = `RCT-${invoice.reference.slice(6, 10)}-${invoice.reference.split('-')[2]}`;
    expect(receipt.headers['content-disposition']).toMatch(new RegExp(` - receipt ${receiptNumber}\\.docx"`));
    const receiptText = squash(await mammothText(receipt.body as Buffer));
    expect(receiptText).toContain(`Receipt ${receiptNumber}`);
    expect(receiptText).toContain(`For invoice: ${invoice.reference}`);
    expect(receiptText).toContain('Paid by: Cheque');
    expect(receiptText).toContain('Bank reference: CHQ 001234');

    if (!libreOfficeAvailable()) {
      process.stderr.write('LibreOffice (soffice) not found: the invoice and receipt were not opened in LibreOffice\n');
      return;
    }
    const [unpaidPdf, paidPdf, receiptPdf] = await pdfTexts([unpaidDocx, paidDocx, receipt.body as Buffer]);
    // The table: its headings, its line, and the total, paid and still to pay, each in pounds and pence.
    expect(unpaidPdf).toMatch(/Description\s+Amount\n/);
    expect(unpaidPdf).toMatch(/Yearly affiliation fee to Police Spies Out of Lives for \d{4}[^\n]*£100\.00\n/);
    expect(unpaidPdf).toMatch(/Total\s+£100\.00\n\s*Paid\s+£0\.00\n\s*Still to pay\s+£100\.00\n/);
    expect(squash(unpaidPdf)).toContain('Police Spies Out of Lives PO Box 4242 Leeds LS1 9ZZ branches@psool.example.org');
    expect(squash(unpaidPdf)).toContain(invoice.reference);
    expect(paidPdf).toMatch(/Total\s+£100\.00\n\s*Paid\s+£100\.00\n\s*Still to pay\s+£0\.00\n/);
    expect(squash(paidPdf)).toMatch(/PAID in full on \d{1,2} \w+ \d{4}: thank you/);
    expect(paidPdf).not.toContain('Please pay');
    expect(squash(receiptPdf)).toContain(`Receipt ${receiptNumber}`);
    expect(squash(receiptPdf)).toContain('Paid by: Cheque Bank reference: CHQ 001234');
    expect(receiptPdf).toMatch(/Total paid\s+£100\.00\n/);
  }, 180_000);
});
