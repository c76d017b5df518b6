import type { Page } from 'playwright-core';
import type { Invoice } from '../../src/fees/invoice.entity';
import { makeOverdueInvoice } from '../factories/arrears.factory';
import { queuedEmails } from '../factories/branches.factory';
import { makeInvoice, makeSecretary } from '../factories/database.factory';
import { signInAdmin, type SignedIn } from '../utils/auth';
import { describeInBrowser } from '../utils/browser';
import { browserSession, PHONE_WIDTH, type BrowserSession, type Phone } from '../utils/browser-session';
import { createTestApp, TestApp } from '../utils/test-app';

const SCRIPT = '<script>alert(1)</script>';
const DESKTOP = 1280;

/** The page as it looks, for people to judge, when SCREENSHOT_DIR is set. */
async function shoot(page: Page, name: string): Promise<void> {
  const dir = process.env.SCREENSHOT_DIR;
  if (dir) await page.screenshot({ path: `${dir}/${name}-${page.viewportSize()?.width}.png`, fullPage: true });
}

const ukDay = (at: Date): string => at.toLocaleDateString('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'Europe/London' });
const shortDay = (at: Date): string => at.toLocaleDateString('en-GB', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'Europe/London' });

describeInBrowser('the arrears list and reminders in a browser', () => {
  let t: TestApp;
  let b: BrowserSession;
  let admin: SignedIn;
  const invoices: Record<string, Invoice> = {};
  const secretaries: Record<string, string> = {};

  beforeAll(async () => {
    t = await createTestApp({ listen: true });
    b = await browserSession(t);
    admin = await signInAdmin(t);
    const branches: [string, number, string][] = [
      ['Tyneside Hospitals', 4, 'unison'],
      ['Leeds Central', 38, 'unite'],
      [`Bristol ${SCRIPT}`, 75, 'gmb'],
      ['Cardiff Civil Service', 130, 'pcs'],
      ['Glasgow Posties', 52, 'cwu'],
      ['Norwich Teachers', 61, 'neu'],
    ];
    for (const [name, days, union] of branches) {
      const secretary = await makeSecretary(t);
      secretaries[name] = secretary.email;
      invoices[name] = await makeOverdueInvoice(t, days, { secretary, branch: { name, union } });
    }
    await makeInvoice(t, { branch: { name: 'Not Yet Due Depot', union: 'rmt' } });
  });
  afterAll(async () => {
    await b?.close();
    await t?.close();
  });

  const rowOf = (page: Page, name: string) => page.locator('.arrears-table tbody tr', { hasText: name.replace(SCRIPT, '') });
  const referencesShown = async (page: Page) => page.locator('.arrears-table tbody .arrears-reference').allTextContents();

  for (const width of [PHONE_WIDTH, DESKTOP]) {
    it(`at ${width} px: the fees dashboard's figures lead to the arrears, which filter by bucket and sort by column`, async () => {
      const phone: Phone = await b.phoneAs(admin, { width });
      const { page } = phone;
      await page.goto(`${t.baseUrl}/admin/fees`);
      await phone.audit();
      await shoot(page, 'fees-dashboard');
      await page.click('.card a:has-text("outstanding")');
      expect(new URL(page.url()).pathname).toBe('/admin/fees/arrears');
      await phone.audit();
      await shoot(page, 'arrears');
      expect(await page.textContent('.lead')).toContain('on 6 invoices past their due date');
      expect(await referencesShown(page)).toEqual(['Cardiff Civil Service', 'Bristol', 'Norwich Teachers', 'Glasgow Posties', 'Leeds Central', 'Tyneside Hospitals'].map((n) => invoices[n === 'Bristol' ? `Bristol ${SCRIPT}` : n]!.reference));
      // Names are text, never markup.
      expect(await rowOf(page, `Bristol ${SCRIPT}`).locator('.arrears-branch').textContent()).toBe(`Bristol ${SCRIPT}`);
      expect(await page.locator('main script').count()).toBe(0);

      if (width === DESKTOP) {
        // A table whose headings and figures stay on one line.
        const heights = await page.$$eval('.arrears-table thead th', (ths) => ths.map((th) => th.getBoundingClientRect().height));
        expect(Math.max(...heights) - Math.min(...heights)).toBeLessThan(2);
        const lineHeight = await page.$eval('.arrears-table thead th a', (a) => parseFloat(getComputedStyle(a).lineHeight));
        expect(Math.max(...heights)).toBeLessThan(lineHeight * 2);
        // Within the page's column, not spilling past it.
        const [table, main] = await Promise.all([page.$eval('.arrears-table', (e) => e.getBoundingClientRect().right), page.$eval('main', (e) => e.getBoundingClientRect().right - parseFloat(getComputedStyle(e).paddingRight))]);
        expect(table).toBeLessThanOrEqual(main + 1);
      } else {
        // Compact rows: a handful of short lines each, not a page of labels.
        const box = await rowOf(page, 'Leeds Central').boundingBox();
        expect(box!.height).toBeLessThan(130);
      }

      await page.click('.arrears-buckets a:has-text("61 to 90 days")');
      expect(new URL(page.url()).searchParams.get('bucket')).toBe('61-90');
      expect(await page.getAttribute('.arrears-buckets a:has-text("61 to 90 days")', 'aria-current')).toBe('page');
      expect(await page.textContent('.arrears-buckets a:has-text("61 to 90 days")')).toMatch(/2 · £50/);
      expect(await referencesShown(page)).toEqual([invoices[`Bristol ${SCRIPT}`]!.reference, invoices['Norwich Teachers']!.reference]);
      await phone.audit();

      await page.click('.arrears-table thead a:has-text("Branch")');
      expect(new URL(page.url()).searchParams.get('sort')).toBe('branch');
      expect(await page.getAttribute('.arrears-table thead th:has(a:has-text("Branch"))', 'aria-sort')).toBe('ascending');
      expect(await referencesShown(page)).toEqual([invoices[`Bristol ${SCRIPT}`]!.reference, invoices['Norwich Teachers']!.reference]);
      await page.click('.arrears-table thead a:has-text("Branch")');
      expect(await page.getAttribute('.arrears-table thead th:has(a:has-text("Branch"))', 'aria-sort')).toBe('descending');
      expect(await referencesShown(page)).toEqual([invoices['Norwich Teachers']!.reference, invoices[`Bristol ${SCRIPT}`]!.reference]);
      await page.click('.arrears-buckets a:has-text("All")');
      expect(new URL(page.url()).searchParams.get('sort')).toBe('-branch');
      expect(await page.getAttribute('main a[download]', 'href')).toBe('/api/admin/exports/arrears.csv?sort=-branch');
      await phone.close();
    });
  }

  it('at 375 px: a reminder from its row, then its refusal within 7 days among the selected', async () => {
    const phone = await b.phoneAs(admin);
    const { page } = phone;
    await page.goto(`${t.baseUrl}/admin/fees/arrears`);
    // Nothing ticked: the page again, saying so, with the link to the first box.
    await page.click('button:has-text("Send reminders for the selected invoices")');
    expect(await page.textContent('.error-summary')).toContain('Select at least one invoice to send a reminder about');
    expect(await page.getAttribute('.error-summary a', 'href')).toBe('#field-ids');
    await phone.audit();
    await shoot(page, 'arrears-nothing-selected');

    const leeds = invoices['Leeds Central']!;
    await rowOf(page, 'Leeds Central').locator('button:has-text("Remind")').click();
    await page.waitForURL(/sent=/);
    expect(await page.textContent('.notice-success')).toContain(`${leeds.reference} (Leeds Central)`);
    expect(await rowOf(page, 'Leeds Central').textContent()).toContain(`Reminded: ${shortDay(new Date())}`);
    expect(await rowOf(page, 'Leeds Central').locator('button').count()).toBe(0);
    await phone.audit();
    await shoot(page, 'arrears-reminded');

    await rowOf(page, 'Leeds Central').locator('input[type="checkbox"]').check();
    await rowOf(page, 'Glasgow Posties').locator('input[type="checkbox"]').check();
    await page.click('button:has-text("Send reminders for the selected invoices")');
    await page.waitForURL(/refused=/);
    expect(await page.textContent('.notice-success')).toContain(`${invoices['Glasgow Posties']!.reference} (Glasgow Posties)`);
    expect(await page.textContent('.notice-warning')).toContain(`Invoice ${leeds.reference} was already reminded on ${ukDay(new Date())}.`);
    await phone.audit();
    await shoot(page, 'arrears-refused');

    const emails = async (name: string) => (await queuedEmails(t, secretaries[name]!)).filter((m) => /overdue/.test(m.subject));
    expect(await emails('Leeds Central')).toHaveLength(1);
    expect(await emails('Glasgow Posties')).toHaveLength(1);
    await phone.close();
  });

  it('works without JavaScript: a row’s button sends, a second try is refused with the date', async () => {
    const { page, close } = await b.phoneAs(admin, { javaScriptEnabled: false });
    await page.goto(`${t.baseUrl}/admin/fees/arrears`);
    await Promise.all([page.waitForURL(/sent=/), rowOf(page, 'Cardiff Civil Service').locator('button:has-text("Remind")').click()]);
    expect(await page.textContent('.notice-success')).toContain(invoices['Cardiff Civil Service']!.reference);
    await rowOf(page, 'Cardiff Civil Service').locator('input[type="checkbox"]').check();
    await Promise.all([page.waitForURL(/refused=/), page.click('button:has-text("Send reminders for the selected invoices")')]);
    expect(await page.textContent('.notice-warning')).toContain(`already reminded on ${ukDay(new Date())}`);
    await close();
  });

  it('at 1280 px: the selected invoices reminded together, and one reminded meanwhile in another tab refused', async () => {
    const first = await b.phoneAs(admin, { width: DESKTOP });
    const second = await b.phoneAs(admin, { width: DESKTOP });
    for (const p of [first, second]) await p.page.goto(`${t.baseUrl}/admin/fees/arrears?sort=branch`);
    await rowOf(first.page, 'Norwich Teachers').locator('input[type="checkbox"]').check();
    await rowOf(first.page, 'Tyneside Hospitals').locator('input[type="checkbox"]').check();
    await first.page.click('button:has-text("Send reminders for the selected invoices")');
    await first.page.waitForURL(/sent=/);
    expect(new URL(first.page.url()).searchParams.get('sort')).toBe('branch');
    const sent = (await first.page.textContent('.notice-success')) ?? '';
    expect(sent).toContain(invoices['Norwich Teachers']!.reference);
    expect(sent).toContain(invoices['Tyneside Hospitals']!.reference);
    await first.audit();

    // The other tab still offers the button; the server refuses and says when.
    await rowOf(second.page, 'Tyneside Hospitals').locator('button:has-text("Remind")').click();
    await second.page.waitForURL(/refused=/);
    expect(await second.page.textContent('.notice-warning')).toContain(`was already reminded on ${ukDay(new Date())}`);
    expect(await second.page.locator('.notice-success').count()).toBe(0);
    await second.audit();
    await shoot(second.page, 'arrears-refused');
    await first.close();
    await second.close();
  });
});
