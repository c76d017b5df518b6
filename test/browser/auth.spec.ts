import { User } from '../../src/users/user.entity';
import { createUser, signInAdmin, TEST_PASSWORD, totpCode } from '../utils/auth';
import { describeInBrowser } from '../utils/browser';
import { expectRefusedForm } from '../utils/browser-form-errors';
import { browserSession, type BrowserSession } from '../utils/browser-session';
import { startSmtpSink, type SmtpSink } from '../utils/smtp-sink';
import { createTestApp, TestApp } from '../utils/test-app';

describeInBrowser('account pages in a browser', () => {
  let t: TestApp;
  let b: BrowserSession;
  let sink: SmtpSink;

  beforeAll(async () => {
    sink = await startSmtpSink();
    t = await createTestApp({ listen: true, env: { SMTP_URL: sink.url, MAIL_POLL_SECONDS: '0.5', MAIL_RETRY_DELAY_SECONDS: '1' } });
    b = await browserSession(t);
  });
  afterAll(async () => {
    await b?.close();
    await t?.close();
    await sink?.close();
  });

  it('registers, confirms the email from the link, signs out and in again — every page accessible at 375 px', async () => {
    const phone = await b.phone();
    const { page } = phone;

    await page.goto(`${t.baseUrl}/register`);
    await phone.audit();
    // Mistakes first: no name, a bad email and a short password are all reported at once, in the form's order,
    // one message each; the form comes back with the typed values.
    await page.fill('#field-email', 'dee@');
    await page.fill('#field-password', 'short');
    await page.click('button[type=submit]');
    await expectRefusedForm(page, [
      ['#field-name', 'Enter your name'],
      ['#field-email', 'Enter an email address like name@example.org'],
      ['#field-password', 'Use at least 12 characters; a few words make a good passphrase'],
    ]);
    expect(await page.inputValue('#field-email')).toBe('dee@');
    await phone.audit();
    await page.fill('#field-name', 'Dee <script>alert(1)</script>');
    await page.fill('#field-email', 'dee@example.org');
    await page.fill('#field-password', 'short');
    await page.click('button[type=submit]');
    await expectRefusedForm(page, [['#field-password', 'Use at least 12 characters; a few words make a good passphrase']]);
    expect(await page.inputValue('#field-name')).toBe('Dee <script>alert(1)</script>');
    expect(await page.inputValue('#field-password')).toBe('');
    await phone.audit();

    await page.fill('#field-password', 'a long enough passphrase');
    await page.click('button[type=submit]');
    await page.waitForSelector('h1:has-text("Check your email")');
    await phone.audit();

    const mail = await sink.waitFor((m) => m.to.includes('dee@example.org'));
    const link = /(http\S+verify-email\?token=[\w-]+)/.exec(mail.text)![1];
    await page.goto(link.replace(/^http:\/\/localhost:\d+/, t.baseUrl));
    await phone.audit();
    await page.click('button[type=submit]');
    await page.waitForSelector('h1:has-text("Email address confirmed")');
    const user = await t.dataSource.getRepository(User).findOneByOrFail({ email: 'dee@example.org' });
    expect(user.emailVerifiedAt).not.toBeNull();

    await page.goto(`${t.baseUrl}/login`);
    await phone.audit();
    await page.fill('#field-email', 'dee@example.org');
    await page.fill('#field-password', 'wrong password entirely');
    await page.click('button[type=submit]');
    expect(await page.textContent('.error-summary')).toContain('Email or password is incorrect');
    await page.fill('#field-password', 'a long enough passphrase');
    await page.click('button[type=submit]');
    await page.goto(`${t.baseUrl}/account`);
    await phone.audit();
    // The name shows literally, never as markup.
    expect(await page.textContent('main')).toContain('Dee <script>alert(1)</script>');
    // The password form sends only its own fields (its username box, for password managers, has no name).
    await page.fill('#field-password-currentPassword', 'a long enough passphrase');
    await page.fill('#field-password-newPassword', 'short');
    await page.click('button:has-text("Change password")');
    await expectRefusedForm(page, [['#field-password-newPassword', 'Use at least 12 characters; a few words make a good passphrase']]);
    await phone.audit();
    await page.fill('#field-password-currentPassword', 'a long enough passphrase');
    await page.fill('#field-password-newPassword', 'another long enough passphrase');
    await page.click('button:has-text("Change password")');
    await page.waitForURL(/\/account\?done=password$/);
    expect(await page.textContent('main')).toContain('Your password has been changed');
    await page.click('text=Sign out');
    await page.goto(`${t.baseUrl}/account`);
    expect(page.url()).toContain('/login?next=%2Faccount');
    await phone.close();
  });

  it('forgot and reset password pages are accessible', async () => {
    const phone = await b.phone();
    const { page } = phone;
    for (const path of ['/forgot-password', '/reset-password?token=abc', '/verify-email?token=abc']) {
      await page.goto(`${t.baseUrl}${path}`);
      await phone.audit();
    }
    await page.goto(`${t.baseUrl}/forgot-password`);
    await page.fill('#field-email', 'nobody@example.org');
    await page.click('button[type=submit]');
    await page.waitForSelector('h1:has-text("Check your email")');
    await phone.close();
  });

  it('an admin signs in with the second factor and manages people', async () => {
    const admin = await signInAdmin(t);
    await createUser(t, { name: '"><svg onload=alert(1)> {{7*7}}' });
    const phone = await b.phone();
    const { page } = phone;
    await page.goto(`${t.baseUrl}/login`);
    await page.fill('#field-email', admin.user.email);
    await page.fill('#field-password', TEST_PASSWORD);
    await page.click('button[type=submit]');
    await page.waitForURL(/\/login\/mfa/);
    await phone.audit();
    // The code used by signInAdmin is spent; wait for the next time step.
    const nextStep = (Math.floor(Date.now() / 30000) + 1) * 30;
    await page.fill('#field-code', totpCode(admin.totpSecret!, nextStep));
    await new Promise((r) => setTimeout(r, Math.max(0, nextStep * 1000 - Date.now() + 200)));
    await page.click('button[type=submit]');
    await page.goto(`${t.baseUrl}/account`);
    await phone.audit();
    await page.fill('#field-recovery-currentPassword', TEST_PASSWORD);
    await page.click('text=Make new recovery codes');
    await page.waitForSelector('h1:has-text("Your new recovery codes")');
    expect(await page.locator('.codes li').count()).toBe(10);
    await phone.audit();
    await page.goto(`${t.baseUrl}/admin/users`);
    expect(page.url()).toContain('/admin/users');
    await phone.audit();
    const text = await page.textContent('main');
    expect(text).toContain('"><svg onload=alert(1)> {{7*7}}');
    expect(text).not.toContain('49');
    await phone.close();
  }, 60000);

  it('the first-admin setup page shows a QR code from our own origin and is accessible', async () => {
    const phone = await b.phone();
    const { page } = phone;
    const res = await page.goto(`${t.baseUrl}/setup/admin?token=${'a'.repeat(43)}`);
    expect(res?.status()).toBe(404);
    await phone.audit();
    await phone.close();
  });
});
