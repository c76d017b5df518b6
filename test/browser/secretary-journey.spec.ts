import type { Page } from 'playwright-core';
import { signInAdmin, signUpSecretary, type SignedIn } from '../utils/auth';
import { describeInBrowser } from '../utils/browser';
import { browserSession, type BrowserSession, type Phone } from '../utils/browser-session';
import { createTestApp, TestApp } from '../utils/test-app';
import { today } from '../factories/branches.factory';

/** The danger colour (`--accent`), which a destructive button wears instead of the campaign's purple. */
const DANGER = 'rgb(179, 38, 30)';

/**
 * A secretary's journey through the pages, as a phone and a desktop show it:
 * every page audited (axe, overflow, nothing foreign), no page saying
 * "coming soon", the next action always a button, and a withdrawal that asks
 * first and can be undone by affiliating again.
 */
describeInBrowser('a secretary’s journey, at 375 px and 1280 px', () => {
  let t: TestApp;
  let b: BrowserSession;
  let admin: SignedIn;

  beforeAll(async () => {
    t = await createTestApp({ listen: true });
    b = await browserSession(t);
    admin = await signInAdmin(t);
  });
  afterAll(async () => {
    await b?.close();
    await t?.close();
  });

  /** Audits the page the browser is on, and checks it says nothing is "coming soon". */
  async function check(s: Phone): Promise<void> {
    await s.audit();
    expect({ url: s.page.url(), text: ((await s.page.textContent('body')) ?? '').match(/coming soon/i)?.[0] ?? null }).toEqual({ url: s.page.url(), text: null });
  }

  /** The page's main button (the branch page's next action). */
  const nextAction = (page: Page) => page.locator('main .next-action a.button');

  /** Fills the affiliation form by its fields' names: a date as one field, or as day, month and year. */
  async function submitAffiliationForm(page: Page, isoDate: string): Promise<void> {
    const form = page.locator('main form[method="post"]').last();
    const [year, month, day] = isoDate.split('-');
    if (await form.locator('[name="motionPassedOn"]').count()) {
      await form.locator('[name="motionPassedOn"]').fill(isoDate);
    } else {
      await form.locator('[name$="day"]').fill(String(Number(day)));
      await form.locator('[name$="month"]').fill(String(Number(month)));
      await form.locator('[name$="year"]').fill(year!);
    }
    await form.locator('[name="endorsesStatement"]').check();
    await form.locator('button[type="submit"]').click();
  }

  /** The menu: folded into "Menu" on a phone, which opens without JavaScript; a row of links on a desktop. */
  async function checkMenu(s: Phone, width: number): Promise<void> {
    const toggle = s.page.locator('header summary.nav-toggle');
    const link = s.page.locator('header nav a[href="/affiliates"]');
    if (width < 700) {
      expect(await link.isVisible()).toBe(false);
      await toggle.click();
      expect(await link.isVisible()).toBe(true);
      await s.audit();
      await toggle.click();
    } else {
      expect(await toggle.isVisible()).toBe(false);
      expect(await link.isVisible()).toBe(true);
      const top = async (href: string) => (await s.page.locator(`header nav a[href="${href}"]`).boundingBox())!.y;
      // One row.
      expect(await top('/')).toBe(await top('/account'));
    }
  }

  for (const width of [375, 1280]) {
    it(`at ${width} px: home, register, submit, pay, register another, withdraw after confirming, affiliate again`, async () => {
      const sec = await signUpSecretary(t, { email: `journey-${width}@example.org`, name: 'Jo Journey' });
      const s = await b.phoneAs(sec, { width });
      const { page } = s;

      // Home: the fee table, the menu, and the footer's small print for developers.
      await page.goto(`${t.baseUrl}/`);
      await check(s);
      expect(await page.locator('main table').textContent()).toContain('£25');
      await checkMenu(s, width);
      expect(await page.locator('footer .small-print a[href="/api/docs"]').count()).toBe(1);
      expect(await page.locator('footer a[href="/api/docs"]').count()).toBe(1);

      // Register the branch.
      await page.goto(`${t.baseUrl}/branch`);
      await check(s);
      await page.click('main a:has-text("Register your branch")');
      await check(s);
      await page.selectOption('[name="union"]', 'unison');
      await page.selectOption('[name="region"]', 'yorkshire_humber');
      await page.fill('[name="name"]', `Journey ${width}`);
      await page.fill('[name="membershipSize"]', '300');
      await page.check('[name="listPublicly"][value="true"]');
      await page.click('main form button[type="submit"]');
      await page.waitForURL(/\/branch\/[0-9a-f-]{36}\?done=registered/);
      const branchId = /\/branch\/([0-9a-f-]{36})/.exec(page.url())![1]!;
      await check(s);
      expect(await page.textContent('main')).toContain('Not yet submitted');

      // Submit the affiliation from the page's main button.
      expect(await nextAction(page).textContent()).toBe('Submit the affiliation');
      await nextAction(page).click();
      await check(s);
      await submitAffiliationForm(page, today());
      await page.waitForURL(/done=submitted/);
      await check(s);
      expect(await page.textContent('main')).toContain('Waiting for review');
      expect(await nextAction(page).textContent()).toBe('Download the affiliation letter (Word)');

      const [{ id: affiliationId }] = await t.dataSource.query('SELECT id FROM affiliations WHERE branch_id = $1', [branchId]);
      await admin.agent.post(`/api/admin/affiliations/${affiliationId}/approve`).set('X-CSRF-Token', admin.csrf).send({}).expect(200);

      // Approved: the next action is paying, as a button leading to the invoice.
      await page.goto(`${t.baseUrl}/branch/${branchId}`);
      await check(s);
      expect(await nextAction(page).textContent()).toBe('Pay £25 by bank transfer — see the invoice');
      await nextAction(page).click();
      await page.waitForURL(new RegExp(`/branch/${branchId}/invoices$`));
      await check(s);
      expect(await page.textContent('main')).toContain('PSOOL-');

      // Register another branch, from the branch page.
      await page.goto(`${t.baseUrl}/branch/${branchId}`);
      await page.click('main a:has-text("Register another branch")');
      await page.waitForURL(/\/branch\/new$/);
      await check(s);
      await page.goto(`${t.baseUrl}/account`);
      await check(s);

      // Withdrawing asks first; the destructive button looks like one, and looking changes nothing.
      await page.goto(`${t.baseUrl}/branch/${branchId}`);
      expect(await page.locator(`main form[action$="/withdraw"]`).count()).toBe(0);
      await page.click('main a:has-text("Withdraw the affiliation")');
      await page.waitForURL(new RegExp(`/branch/${branchId}/affiliations/${affiliationId}/withdraw$`));
      await check(s);
      expect(await page.textContent('h1')).toContain(`Journey ${width}`);
      expect(await page.textContent('main')).toContain('leaves the public list');
      expect(await page.textContent('main')).toContain('stays owed');
      const withdraw = page.locator('main button:has-text("Withdraw the affiliation")');
      expect(await withdraw.evaluate((el) => getComputedStyle(el).backgroundColor)).toBe(DANGER);
      expect((await t.dataSource.query('SELECT status FROM affiliations WHERE id = $1', [affiliationId]))[0].status).toBe('approved');
      await withdraw.click();
      await page.waitForURL(/done=withdrawn/);
      await check(s);
      expect(await page.textContent('main')).toContain('Withdrawn');

      // And affiliate again.
      expect(await nextAction(page).textContent()).toBe('Affiliate the branch again');
      await nextAction(page).click();
      await check(s);
      await submitAffiliationForm(page, today());
      await page.waitForURL(/done=submitted/);
      await check(s);
      expect(await page.textContent('main')).toContain('Waiting for review');
      expect((await t.dataSource.query('SELECT status FROM affiliations WHERE branch_id = $1', [branchId])).map((r: { status: string }) => r.status)).toEqual(['submitted']);

      await s.close();
    }, 120_000);
  }

  // axe runs in the page, so these pages are audited above or below with JavaScript on; here it is off.
  it('works without JavaScript: the phone menu opens, withdrawing asks and withdraws, the bank statement import takes a pasted file', async () => {
    const sec = await signUpSecretary(t, { email: 'journey-nojs@example.org' });
    const s = await b.phoneAs(sec, { javaScriptEnabled: false });
    await s.page.goto(`${t.baseUrl}/`);
    const link = s.page.locator('header nav a[href="/affiliates"]');
    expect(await link.isVisible()).toBe(false);
    await s.page.click('header summary.nav-toggle');
    expect(await link.isVisible()).toBe(true);

    const branch = (await sec.agent.post('/api/branches').set('X-CSRF-Token', sec.csrf)
      .send({ union: 'gmb', name: 'No Script', region: 'wales', membershipSize: 40, listPublicly: false }).expect(201)).body;
    const aff = (await sec.agent.post(`/api/branches/${branch.id}/affiliations`).set('X-CSRF-Token', sec.csrf)
      .send({ motionPassedOn: today(), endorsesStatement: true }).expect(201)).body;
    await admin.agent.post(`/api/admin/affiliations/${aff.id}/approve`).set('X-CSRF-Token', admin.csrf).send({}).expect(200);
    await s.page.goto(`${t.baseUrl}/branch/${branch.id}`);
    await s.page.click('main a:has-text("Withdraw the affiliation")');
    await s.page.click('main button:has-text("Withdraw the affiliation")');
    await s.page.waitForURL(/done=withdrawn/);
    expect((await t.dataSource.query('SELECT status FROM affiliations WHERE id = $1', [aff.id]))[0].status).toBe('withdrawn');
    await s.close();

    const a = await b.phoneAs(admin, { javaScriptEnabled: false });
    await a.page.goto(`${t.baseUrl}/admin/fees/import`);
    expect(await a.page.locator('label[for="statement-file"]').isVisible()).toBe(false);
    expect(await a.page.locator('#statement-file').isVisible()).toBe(false);
    await a.page.fill('#field-csv', `Date,Description,Amount\n${today()},NOTHING-TO-MATCH,25.00\n`);
    await a.page.click('main button:has-text("Check the statement")');
    await a.page.waitForSelector('h1:has-text("Check the statement")');
    await a.close();

    // With JavaScript the file chooser and its label appear together.
    const js = await b.phoneAs(admin);
    await js.page.goto(`${t.baseUrl}/admin/fees/import`);
    await js.page.waitForLoadState('networkidle');
    expect(await js.page.locator('label[for="statement-file"]').isVisible()).toBe(true);
    expect(await js.page.locator('#statement-file').isVisible()).toBe(true);
    await js.audit();
    await js.close();
  }, 60_000);
});
