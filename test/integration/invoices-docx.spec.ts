import { makeInvoice } from '../factories/database.factory';
import { signInAdmin, signUpSecretary } from '../utils/auth';
import { assertWellFormedDocx, libreOfficeAvailable, mammothText, pdfTexts, squash } from '../utils/docx';
import { createTestApp, TestApp } from '../utils/test-app';

describe('invoice and receipt documents', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp({ env: { BANK_ACCOUNT_NAME: 'Police Spies Out of Lives', BANK_SORT_CODE: '08-60-01', BANK_ACCOUNT_NUMBER: '20245678' } });
  });
  afterAll(() => t?.close());

  it('renders the invoice with the reference, amount and bank details, and the receipt once paid; both open in LibreOffice', async () => {
    const sec = await signUpSecretary(t);
    const admin = await signInAdmin(t);
    const invoice = await makeInvoice(t, {
      secretary: sec.user,
      admin: admin.user,
      branch: { name: 'Hostile <script>alert(1)</script> **Branch**', membershipSize: 2500, address: '1 High Street\nBristol\nBS1 1AA' },
    });

    const res = await sec.agent.get(`/api/branches/${invoice.branchId}/invoices/${invoice.id}/invoice.docx`).buffer(true).parse((r, cb) => {
      const chunks: Buffer[] = [];
      r.on('data', (c: Buffer) => chunks.push(c));
      r.on('end', () => cb(null, Buffer.concat(chunks)));
    });
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.wordprocessingml.document');
    expect(res.headers['content-disposition']).toMatch(/^attachment; filename="Police Spies Out of Lives - invoice - /);
    const docx = res.body as Buffer;
    await assertWellFormedDocx(docx);
    const text = squash(await mammothText(docx));
    expect(text).toContain(invoice.reference);
    expect(text).toContain('£100');
    expect(text).toContain('08-60-01');
    expect(text).toContain('20245678');
    expect(text).toContain('Hostile <script>alert(1)</script> **Branch**');

    await admin.agent
      .post('/api/admin/payments')
      .set('X-CSRF-Token', admin.csrf)
      .send({ reference: invoice.reference, amountPence: 10000, receivedOn: new Date().toISOString().slice(0, 10), method: 'bank_transfer', bankReference: 'TX-DOC' })
      .expect(201);
    const receipt = await sec.agent.get(`/api/branches/${invoice.branchId}/invoices/${invoice.id}/receipt.docx`).buffer(true).parse((r, cb) => {
      const chunks: Buffer[] = [];
      r.on('data', (c: Buffer) => chunks.push(c));
      r.on('end', () => cb(null, Buffer.concat(chunks)));
    });
    expect(receipt.status).toBe(200);
    expect(squash(await mammothText(receipt.body as Buffer))).toContain(`Receipt for ${invoice.reference}`);

    if (!libreOfficeAvailable()) {
      process.stderr.write('LibreOffice (soffice) not found: the invoice was not opened in LibreOffice\n');
      return;
    }
    const [invoicePdf, receiptPdf] = (await pdfTexts([docx, receipt.body as Buffer])).map(squash);
    expect(invoicePdf).toContain(invoice.reference);
    expect(invoicePdf).toContain('£100');
    expect(invoicePdf).toContain('08-60-01');
    expect(receiptPdf).toContain(invoice.reference);
  }, 180_000);
});
