import type { Page } from 'playwright-core';
import type { User } from '../../src/users/user.entity';
import { makeBranch, makeSecretary, makeSubmittedAffiliation } from '../factories/database.factory';
import { signInAdmin, type SignedIn } from '../utils/auth';
import { describeInBrowser } from '../utils/browser';
import { browserSession, type BrowserSession, type Phone } from '../utils/browser-session';
import { createTestApp, TestApp } from '../utils/test-app';

interface Waiting {
  id: string;
  branchId: string;
  publicName: string;
}

const UNIONS = ['unison', 'nuj', 'rmt', 'bfawu', 'ucu', 'gmb'];
const REGIONS = ['yorkshire_humber', 'london', 'scotland', 'north_west', 'wales', 'midlands'];

/** The lines each element's text takes up (line boxes at distinct heights); hidden text (1 px wide) is not counted. */
function linesOf(page: Page, selector: string): Promise<{ text: string; lines: number; clipped: boolean }[]> {
  return page.$$eval(selector, (els) =>
    els.map((el) => {
      const range = document.createRange();
      range.selectNodeContents(el);
      const tops = new Set([...range.getClientRects()].filter((r) => r.width > 1).map((r) => Math.round(r.top)));
      return { text: (el.textContent ?? '').trim(), lines: tops.size, clipped: el.scrollWidth > el.clientWidth };
    }),
  );
}

describeInBrowser('the admin queue in a browser', () => {
  let t: TestApp;
  let b: BrowserSession;
  let admin: SignedIn;
  let other: SignedIn;
  let secretary: User;

  beforeAll(async () => {
    t = await createTestApp({ listen: true });
    b = await browserSession(t);
    admin = await signInAdmin(t);
    other = await signInAdmin(t, { name: 'Other Admin' });
    secretary = await makeSecretary(t);
  });
  afterAll(async () => {
    await b?.close();
    await t?.close();
  });

  /** Affiliations waiting for review, oldest first, each of its own branch named after `tag`. */
  async function waiting(tag: string, n: number): Promise<Waiting[]> {
    const made: Waiting[] = [];
    for (let i = 0; i < n; i++) {
      const branch = await makeBranch(t, {
        secretary,
        union: UNIONS[i % UNIONS.length],
        region: REGIONS[i % REGIONS.length],
        membershipSize: [350, 1800, 90, 4200, 620, 12000][i % 6],
        name: `${tag} Branch ${i + 1}`,
        publicName: `${tag} Branch ${i + 1}`,
      });
      const asks = i === 1 ? { payWhatYouCan: true, payWhatYouCanNote: 'We are a small branch and can pay £10 this year.' } : {};
      const a = await makeSubmittedAffiliation(t, { branch, secretary, ...asks });
      made.push({ id: a.id, branchId: branch.id, publicName: branch.publicName });
    }
    return made;
  }

  const oldestWaiting = async (): Promise<{ id: string; branchId: string }> =>
    (await t.dataSource.query(`SELECT id, branch_id AS "branchId" FROM affiliations WHERE status = 'submitted' ORDER BY submitted_at, id LIMIT 1`))[0];
  const statusOf = async (id: string): Promise<string> => (await t.dataSource.query('SELECT status FROM affiliations WHERE id = $1', [id]))[0].status;

  async function shoot(phone: Phone, name: string, width: number): Promise<void> {
    if (process.env.SCREENSHOT_DIR) await phone.page.screenshot({ path: `${process.env.SCREENSHOT_DIR}/${name}-${width}.png`, fullPage: true });
  }

  for (const width of [375, 1280]) {
    describe(`at ${width} px`, () => {
      const tag = `Queue W${width}`;
      const queueUrl = (): string => `${t.baseUrl}/admin/affiliations?status=submitted&q=${encodeURIComponent(tag)}`;
      let items: Waiting[];
      let phone: Phone;

      beforeAll(async () => {
        items = await waiting(tag, 6);
      });
      beforeEach(async () => {
        phone = await b.phoneAs(admin, { width });
      });
      afterEach(() => phone?.close());

      it('approves one in place from the queue; the next page confirms it, once', async () => {
        const { page } = phone;
        await page.goto(queueUrl());
        await phone.audit();
        await shoot(phone, 'admin-queue', width);
        await page.getByRole('button', { name: `Approve ${items[0].publicName}`, exact: true }).click();
        await page.waitForURL((u) => u.pathname === '/admin/affiliations' && u.searchParams.get('q') === tag);
        expect(await page.textContent('.flash')).toMatch(new RegExp(`${items[0].publicName}: the \\d{4} affiliation was approved\\.`));
        expect(await page.textContent('tbody')).not.toContain(items[0].publicName);
        await phone.audit();
        expect(await statusOf(items[0].id)).toBe('approved');
        await page.reload();
        expect(await page.locator('.flash').count()).toBe(0);
      });

      it('approves three together when another admin decided one first; the page says which, and "Next waiting" opens the oldest', async () => {
        const { page } = phone;
        await page.goto(queueUrl());
        // Nothing ticked: the queue again, with the message.
        await page.getByRole('button', { name: 'Approve selected' }).click();
        expect(await page.textContent('.error-summary')).toContain('Select at least one affiliation to approve');
        await phone.audit();

        const [one, two, three] = items.slice(1, 4);
        for (const x of [one, two, three]) await page.getByLabel(`Select ${x.publicName}`, { exact: true }).check();
        await other.agent.post(`/api/admin/affiliations/${two.id}/approve`).set('X-CSRF-Token', other.csrf).send({}).expect(200);
        await page.getByRole('button', { name: 'Approve selected' }).click();
        await page.waitForSelector('.flash');
        const flash = (await page.textContent('.flash')) ?? '';
        expect(flash).toContain('Approved 2 of 3: 1 had already been decided by someone else.');
        expect(await page.locator('.flash-items').first().textContent()).toMatch(new RegExp(`${one.publicName} \\(\\d{4}\\).*${three.publicName} \\(\\d{4}\\)`));
        expect(await page.locator('.flash-items').nth(1).textContent()).toMatch(new RegExp(`${two.publicName} \\(\\d{4}\\): now approved`));
        await phone.audit();
        expect(await Promise.all([one, two, three].map((x) => statusOf(x.id)))).toEqual(['approved', 'approved', 'approved']);

        const oldest = await oldestWaiting();
        await page.getByRole('link', { name: 'Next waiting' }).click();
        await page.waitForURL((u) => u.pathname === `/admin/branches/${oldest.branchId}`);
        expect(new URL(page.url()).hash).toBe(`#affiliation-${oldest.id}`);
        expect(await page.locator(`#affiliation-${oldest.id}`).isVisible()).toBe(true);
        await phone.audit();
      });

      it('asks for changes on a page that names the branch; its branch page confirms it with "Next waiting"', async () => {
        const { page } = phone;
        const x = items[4];
        await page.goto(queueUrl());
        await page.getByRole('link', { name: `Ask for changes to ${x.publicName}`, exact: true }).click();
        expect(await page.textContent('h1')).toBe('Ask for changes');
        expect(await page.textContent('.page-caption')).toContain(x.publicName);
        expect(await page.textContent('.decision-facts')).toContain('University and College Union (UCU)');
        await phone.audit();
        await page.getByRole('button', { name: 'Send request' }).click();
        expect(await page.textContent('.error-summary')).toContain('Enter what needs changing');
        expect(await page.textContent('.page-caption')).toContain(x.publicName);
        await phone.audit();
        await page.fill('#message', 'Please give the date of the branch meeting.');
        await page.getByRole('button', { name: 'Send request' }).click();
        await page.waitForURL((u) => u.pathname === `/admin/branches/${x.branchId}`);
        expect(await page.textContent('.flash')).toMatch(new RegExp(`${x.publicName}: the \\d{4} affiliation was sent back for changes\\.`));
        expect(await page.getByRole('link', { name: 'Next waiting' }).isVisible()).toBe(true);
        await phone.audit();
      });

      it('works with the keyboard alone: tick a row, approve the selection', async () => {
        const { page } = phone;
        const x = items[5];
        await page.goto(queueUrl());
        const focusedIs = (selector: string): Promise<boolean> => page.evaluate((s) => document.activeElement?.matches(s) ?? false, selector);
        const tabTo = async (selector: string): Promise<void> => {
          for (let i = 0; i < 80 && !(await focusedIs(selector)); i++) await page.keyboard.press('Tab');
          expect({ focused: await focusedIs(selector), selector }).toEqual({ focused: true, selector });
        };
        await tabTo(`input[type="checkbox"][value="${x.id}"]`);
        await page.keyboard.press('Space');
        await tabTo('button[form="bulk-approve"]');
        await page.keyboard.press('Enter');
        await page.waitForSelector('.flash');
        expect(await page.textContent('.flash')).toMatch(new RegExp(`${x.publicName}: the \\d{4} affiliation was approved\\.`));
        await tabTo('.flash a.button');
        await phone.audit();
      });

      it(width < 600 ? 'folds the filters behind one "Filter" control' : 'shows the filters in a row', async () => {
        const { page } = phone;
        await page.goto(queueUrl());
        const summary = page.locator('.queue-filters > summary');
        if (width < 600) {
          expect(await summary.isVisible()).toBe(true);
          expect(await page.isVisible('#region')).toBe(false);
          await summary.focus();
          await page.keyboard.press('Enter');
          expect(await page.isVisible('#region')).toBe(true);
          await phone.audit();
        } else {
          expect(await summary.isVisible()).toBe(false);
          const tops = await page.$$eval('.queue-filters select', (els) => els.map((e) => Math.round(e.getBoundingClientRect().top)));
          expect(new Set(tops).size).toBe(1);
        }
        await page.selectOption('#region', 'scotland');
        await page.getByRole('button', { name: 'Show' }).click();
        await page.waitForURL((u) => u.searchParams.get('region') === 'scotland');
        expect(await page.textContent('[role="status"]')).toMatch(/^0 affiliations/);
      });

      it('lists and searches every branch', async () => {
        const { page } = phone;
        await page.goto(`${t.baseUrl}/admin`);
        await page.getByRole('link', { name: 'Branches', exact: true }).click();
        await page.fill('#q', tag);
        await page.getByRole('button', { name: 'Search' }).click();
        await page.waitForURL((u) => u.pathname === '/admin/branches' && u.searchParams.get('q') === tag);
        expect(await page.locator('tbody tr').count()).toBe(6);
        await phone.audit();
        await shoot(phone, 'admin-branches', width);
      });

      if (width < 600) {
        it('keeps each row of the queue compact on a phone', async () => {
          await waiting(`${tag} Compact`, 2);
          const { page } = phone;
          await page.goto(`${t.baseUrl}/admin/affiliations?status=submitted&q=${encodeURIComponent(`${tag} Compact`)}`);
          const heights = await page.$$eval('tbody tr', (rows) => rows.map((r) => Math.round(r.getBoundingClientRect().height)));
          expect(heights).toHaveLength(2);
          // The second asks to pay what it can, with a note, which takes more room.
          expect({ plain: heights[0] <= 140, withNote: heights[1] <= 200 }).toEqual({ plain: true, withNote: true });
          await phone.audit();
        });
      } else {
        it('lays the queue out full width, no heading or date wrapping, every status shown', async () => {
          await waiting(`${tag} Wide`, 2);
          const { page } = phone;
          await page.goto(`${t.baseUrl}/admin/affiliations?q=${encodeURIComponent(tag)}`);
          const mainWidth = await page.$eval('main', (m) => m.clientWidth);
          expect(mainWidth).toBeGreaterThanOrEqual(1200);
          const headers = await linesOf(page, '.table-queue th');
          expect(headers.map((h) => h.text)).toEqual(['Select', 'Branch', 'Union', 'Region', 'Members', 'Fee', 'Submitted', 'Status', 'Secretary’s note', 'Decision']);
          expect(headers.filter((h) => h.lines > 1 || h.clipped)).toEqual([]);
          const dates = await linesOf(page, '.table-queue .q-date, .table-queue .q-num');
          expect(dates.filter((d) => d.lines > 1 || d.clipped)).toEqual([]);
          expect(await page.$eval('.table-queue', (table) => table.scrollWidth <= (table.parentElement?.clientWidth ?? 0))).toBe(true);
          await phone.audit();
          await shoot(phone, 'admin-queue-all', width);

          await page.goto(`${t.baseUrl}/admin/branches?q=${encodeURIComponent(tag)}`);
          expect((await linesOf(page, '.table-queue th')).filter((h) => h.lines > 1 || h.clipped)).toEqual([]);
        });
      }
    });
  }
});
