import { createBranch } from '../factories/branches.factory';
import { signUpSecretary, TEST_PASSWORD } from '../utils/auth';
import { describeInBrowser } from '../utils/browser';
import { browserSession, type BrowserSession } from '../utils/browser-session';
import { createTestApp, TestApp } from '../utils/test-app';
import { expectRefusedForm } from '../utils/browser-form-errors';

describeInBrowser('a person’s own data in a browser', () => {
  let t: TestApp;
  let b: BrowserSession;

  beforeAll(async () => {
    t = await createTestApp({ listen: true });
    b = await browserSession(t);
  });
  afterAll(async () => {
    await b?.close();
    await t?.close();
  });

  it('reads their data, is told what deleting does, refuses a wrong password, then deletes — accessible at 375 px', async () => {
    const sec = await signUpSecretary(t, { name: 'Petra <b>Page</b>' });
    await createBranch(sec, { name: 'Datapage Branch', address: '1 Page Street\nLeeds' });
    const phone = await b.phoneAs(sec);
    const { page } = phone;

    await page.goto(`${t.baseUrl}/account`);
    await phone.audit();
    await page.click('a:has-text("Your data and privacy")');
    await page.waitForURL(/\/account\/privacy$/);
    expect(await page.textContent('#delete-title ~ p')).toContain('deletes, at once and for good');
    expect(await page.textContent('main')).toContain('90 days after the event');
    await phone.audit();
    await page.click('a:has-text("See your data")');
    await page.waitForURL(/\/account\/data$/);
    const text = await page.textContent('main');
    expect(text).toContain('Petra <b>Page</b>');
    expect(text).toContain('1 Page Street');
    expect(text).toContain('Datapage Branch');
    await phone.audit();

    await page.goto(`${t.baseUrl}/account/privacy`);
    await page.fill('#field-delete-currentPassword', 'not my password at all');
    await page.fill('#field-delete-confirm', 'DELETE');
    await page.click('button:has-text("Delete my account")');
    await expectRefusedForm(page, [['#field-delete-currentPassword', /password/]]);
    await phone.audit();
    await page.fill('#field-delete-currentPassword', TEST_PASSWORD);
    await page.fill('#field-delete-confirm', 'DELETE');
    await page.click('button:has-text("Delete my account")');
    await page.waitForSelector('h1:has-text("Your account is deleted")');
    await phone.audit();
    await page.goto(`${t.baseUrl}/account`);
    await page.waitForURL(/\/login/);
    await phone.close();
  });
});
