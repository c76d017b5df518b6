import { queuedEmails } from '../factories/branches.factory';
import { signInAdmin } from '../utils/auth';
import { describeInBrowser } from '../utils/browser';
import { browserSession, type BrowserSession } from '../utils/browser-session';
import { pageShots } from '../utils/page-shots';
import { createTestApp, type TestApp } from '../utils/test-app';

/** Pictures of the pages, to be looked at, when STATEMENT_SHOTS_DIR names a folder. */
const shot = pageShots('STATEMENT_SHOTS_DIR');

describeInBrowser('signing Where We Stand in a browser', () => {
  let t: TestApp;
  let b: BrowserSession;

  const linkIn = async (email: string, path: string): Promise<string> => {
    const [latest] = await queuedEmails(t, email);
    const match = latest?.text.match(new RegExp(`http\\S*${path.replace('/', '\\/')}\\?token=[A-Za-z0-9_-]{43}`));
    if (!match) throw new Error(`no ${path} link emailed to ${email}`);
    return match[0].replace(/^https?:\/\/[^/]+/, t.baseUrl);
  };

  beforeAll(async () => {
    t = await createTestApp({ listen: true });
    b = await browserSession(t);
  });
  afterAll(async () => {
    await b?.close();
    await t?.close();
  });

  it('signs, confirms and appears on the list, with every page accessible at 375 px; an admin publishes the message', async () => {
    const phone = await b.phone();
    const { page } = phone;
    await page.goto(`${t.baseUrl}/statement`);
    await phone.audit();
    await page.click('main a:has-text("Sign the statement")');
    await page.waitForURL(/\/statement\/sign$/);
    await phone.audit();
    await page.click('main form button[type="submit"]');
    await page.waitForSelector('.error-summary');
    expect(await page.textContent('.error-summary')).toContain('Enter your name');
    await phone.audit();
    await shot(page, 'sign-errors-375');

    await page.fill('#field-name', 'Nadia Browser');
    await page.fill('#field-email', 'nadia@example.org');
    await page.fill('#field-town', 'Sheffield');
    await page.check('#field-showName');
    await page.fill('#field-message', 'We stand with you.\nAlways.');
    await page.check('#field-messagePublic');
    await page.click('main form button[type="submit"]');
    await page.waitForSelector('h1:has-text("Check your email")');
    await phone.audit();

    await page.goto(await linkIn('nadia@example.org', '/statement/confirm'));
    expect(await page.textContent('main dl')).toContain('We stand with you.');
    await phone.audit();
    await shot(page, 'confirm-375');
    await page.click('main form button[type="submit"]');
    await page.waitForSelector('h1:has-text("your signature is confirmed")');
    await phone.audit();
    // A new browser: this one may keep the page it saw before signing for its max-age (30 s), as any visitor's may.
    const fresh = await b.phone();
    await fresh.page.goto(`${t.baseUrl}/statement`);
    expect(await fresh.page.textContent('#supporters-title ~ ul')).toContain('Nadia Browser, Sheffield');
    expect(await fresh.page.textContent('main')).not.toContain('We stand with you');
    await fresh.audit();
    await fresh.close();

    await page.goto(`${t.baseUrl}/statement/my-data`);
    await phone.audit();
    await page.fill('#field-email', 'nadia@example.org');
    await page.click('main form button[type="submit"]');
    await page.waitForSelector('h1:has-text("Check your email")');
    await page.goto(await linkIn('nadia@example.org', '/statement/my-data'));
    await phone.audit();
    await shot(page, 'my-data-375');
    await page.goto(await linkIn('nadia@example.org', '/statement/withdraw'));
    await phone.audit();
    await shot(page, 'withdraw-375');
    await phone.close();

    const admin = await signInAdmin(t);
    for (const width of [375, 1280]) {
      const desk = await b.phoneAs(admin, { width });
      await desk.page.goto(`${t.baseUrl}/admin/messages?status=pending`);
      await desk.audit();
      await shot(desk.page, `admin-messages-${width}`);
      await desk.close();
    }
    const desk = await b.phoneAs(admin, { width: 1280 });
    await desk.page.goto(`${t.baseUrl}/admin/messages`);
    await desk.page.click('button:has-text("Publish")');
    await desk.page.waitForSelector('text=Published the message from Nadia Browser');
    await desk.audit();
    await desk.close();

    const after = await b.phone();
    await after.page.goto(`${t.baseUrl}/statement`);
    expect(await after.page.textContent('#messages-title ~ figure')).toContain('We stand with you.');
    await after.audit();
    await shot(after.page, 'statement-375');
    await after.close();
    const wide = await b.phone({ width: 1280 });
    await wide.page.goto(`${t.baseUrl}/statement`);
    await shot(wide.page, 'statement-1280');
    await wide.page.goto(`${t.baseUrl}/statement/sign`);
    await wide.audit();
    await shot(wide.page, 'sign-1280');
    await wide.close();
  });
});
