import { makeBranch, makeInvoice } from '../factories/database.factory';
import { signInAdmin, signUpSecretary, type SignedIn } from '../utils/auth';
import { describeInBrowser } from '../utils/browser';
import { browserSession, type BrowserSession, type Phone } from '../utils/browser-session';
import { expectRefusedForm } from '../utils/browser-form-errors';
import { createTestApp, TestApp } from '../utils/test-app';

const SCRIPT = '<script>alert(1)</script>';

describeInBrowser('fees pages in a browser', () => {
  let t: TestApp;
  let b: BrowserSession;
  let sec: SignedIn;
  let admin: SignedIn;
  let branchId: string;
  let reference: string;
  let publicName: string;

  beforeAll(async () => {
    t = await createTestApp({ listen: true });
    b = await browserSession(t);
    sec = await signUpSecretary(t, { name: `Sec ${SCRIPT}` });
    admin = await signInAdmin(t);
    const branch = await makeBranch(t, { secretary: sec.user, name: `Branch ${SCRIPT}`, publicName: `Public ${SCRIPT}` });
    branchId = branch.id;
    publicName = branch.publicName;
    reference = (await makeInvoice(t, { branch, admin: admin.user })).reference;
  });
  afterAll(async () => {
    await b?.close();
    await t?.close();
  });

  /** The page passes the audit, and user-supplied text stayed text. */
  async function audit(phone: Phone): Promise<void> {
    await phone.audit();
    expect(await phone.page.$$('main script:not([src]), main svg')).toHaveLength(0);
  }

  it('the secretary sees the invoice, how to pay and the downloads; names show literally', async () => {
    const s = await b.phoneAs(sec);
    await s.page.goto(`${t.baseUrl}/branch/${branchId}`);
    await s.page.click('text=Invoices, payments and how to pay');
    expect(s.page.url()).toContain(`/branch/${branchId}/invoices`);
    await audit(s);
    const main = (await s.page.textContent('main')) ?? '';
    expect(main).toContain(reference);
    expect(main).toContain('00-00-00');
    expect(main).toContain(publicName);
    const download = await Promise.all([s.page.waitForEvent('download'), s.page.click(`text=Invoice ${reference} (Word)`)]);
    expect(download[0].suggestedFilename()).toMatch(new RegExp(`^.+ - invoice ${reference}\\.docx$`));
    await s.close();
  });

  it('an admin records a payment (and a mistake first), reverses it, changes a band and imports a statement', async () => {
    const a = await b.phoneAs(admin);
    await a.page.goto(`${t.baseUrl}/admin`);
    await a.page.click('text=Fees and payments');
    await audit(a);

    await a.page.goto(`${t.baseUrl}/admin/fees/payments/new`);
    await audit(a);
    // A mistyped reference and an amount in words are reported together, one message each, in the form's order.
    await a.page.fill('#field-reference', `${reference.slice(0, -1)}${reference.endsWith('0') ? '1' : '0'}`);
    await a.page.fill('#field-amount', 'twenty five');
    const now = new Date();
    await a.page.fill('#field-receivedOn', `${now.getUTCDate()}/${now.getUTCMonth() + 1}/${now.getUTCFullYear()}`);
    await a.page.fill('#field-bankReference', `FP ${SCRIPT}`);
    await a.page.click('button:has-text("Record the payment")');
    await expectRefusedForm(a.page, [
      ['#field-reference', /^No invoice has this reference/],
      ['#field-amount', 'Enter the amount in pounds, like 25 or 12.50'],
    ]);
    await audit(a);
    await a.page.fill('#field-reference', reference);
    await a.page.fill('#field-amount', '10.50');
    await a.page.click('button:has-text("Record the payment")');
    await a.page.waitForURL(/\/admin\/fees\/payments\?done=recorded/);
    expect(await a.page.textContent('main')).toContain(`FP ${SCRIPT}`);
    await audit(a);

    await a.page.click('a:has-text("Reverse")');
    await audit(a);
    await a.page.fill('#field-reason', 'Entered against the wrong branch');
    await a.page.click('button:has-text("Reverse the payment")');
    await a.page.waitForURL(/done=reversed/);
    expect(await a.page.textContent('main')).toContain('Reversed');

    await a.page.goto(`${t.baseUrl}/admin/fees/bands`);
    await audit(a);
    await a.page.click('a:has-text("Change") >> nth=0');
    await audit(a);
    await a.page.fill('#field-amount', '30');
    await a.page.click('button:has-text("Save the band")');
    await a.page.waitForURL(/done=band/);
    expect(await a.page.textContent('main')).toContain('£30');

    // A new band, where it starts typed in; then removed after a confirmation.
    await a.page.click('a:has-text("Add a band")');
    await audit(a);
    await a.page.fill('#field-label', '10,001 members or more');
    await a.page.fill('#field-minMembers', 'ten thousand');
    await a.page.fill('#field-amount', '500');
    await a.page.click('button:has-text("Add the band")');
    await expectRefusedForm(a.page, [['#field-minMembers', 'Enter the number of members the band starts at as a whole number, like 501']]);
    await audit(a);
    await a.page.fill('#field-minMembers', '10001');
    await a.page.click('button:has-text("Add the band")');
    await a.page.waitForURL(/done=bandAdded/);
    expect(await a.page.textContent('main')).toContain('5001 to 10000');
    await a.page.click('a:has-text("Remove 10,001 members or more")');
    await audit(a);
    await a.page.click('button:has-text("Remove the band")');
    await a.page.waitForURL(/done=bandRemoved/);
    expect(await a.page.textContent('main')).not.toContain('10,001 members or more');

    await a.page.goto(`${t.baseUrl}/admin/fees/import`);
    await audit(a);
    await a.page.fill('#field-csv', 'Date,Description,Amount\n14/03/2026,"X",25.00,extra\n');
    await a.page.click('button:has-text("Check the statement")');
    expect(await a.page.textContent('.error-summary')).toContain('Line 2');
    await audit(a);
    const today = new Date().toISOString().slice(0, 10);
    await a.page.fill('#field-csv', `Date,Description,Amount\n${today},"BGC ${reference}",25.00\n${today},"UNKNOWN ${SCRIPT}",5.00\n`);
    await a.page.click('button:has-text("Check the statement")');
    await audit(a);
    expect(await a.page.textContent('main')).toContain(`UNKNOWN ${SCRIPT}`);
    await a.page.click('button:has-text("Record the ticked lines")');
    await a.page.waitForURL(/done=imported/);
    expect(await a.page.textContent('main')).toContain('1 payment(s) recorded');

    await a.page.goto(`${t.baseUrl}/admin/fees/branches/${branchId}`);
    await audit(a);
    await a.page.click('a:has-text("Agree a different amount")');
    await audit(a);

    await a.page.goto(`${t.baseUrl}/admin/fees`);
    await audit(a);
    await a.close();
  });
});
