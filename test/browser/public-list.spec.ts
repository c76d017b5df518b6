import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Page } from 'playwright-core';
import { describeInBrowser } from '../utils/browser';
import { browserSession, type BrowserSession } from '../utils/browser-session';
import { createTestApp, TestApp } from '../utils/test-app';

/** A page on another origin that frames the embed, standing in for the campaign's website. */
async function framingSite(embedUrl: () => string): Promise<{ server: Server; origin: string }> {
  const server = createServer((_req, res) => {
    res.setHeader('Content-Type', 'text/html; charset=utf-8');
    res.end(`<!doctype html><title>Campaign</title><iframe title="Affiliated branches" src="${embedUrl()}" width="360" height="600"></iframe>`);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, origin: `http://localhost:${(server.address() as AddressInfo).port}` };
}

/** What the page's frame shows; a frame the browser refused holds its own error page instead. */
async function framedText(page: Page): Promise<string> {
  const inner = page.frames().find((f) => f !== page.mainFrame());
  return inner ? ((await inner.textContent('body').catch(() => '')) ?? '') : '';
}

async function seed(t: TestApp): Promise<void> {
  // Names long enough to wrap on a phone, and characters that must be escaped.
  await t.dataSource.query(
    `INSERT INTO branches ("union", union_other, union_key, name, normalised_name, region, membership_size, public_name, list_publicly, list_consent_at)
     SELECT u, CASE WHEN u = 'other' THEN 'Independent Workers & Friends Union of the Whole Realm' END,
            CASE WHEN u = 'other' THEN 'other:independent workers & friends union of the whole realm' ELSE u END,
            'b' || i, 'b' || i, r, 200, p, true, now()
       FROM generate_series(1, 40) AS i,
            LATERAL (SELECT (ARRAY['unison', 'unite', 'rmt', 'other'])[1 + i % 4] AS u,
                            (ARRAY['london', 'wales', 'scotland', 'northern_ireland', 'yorkshire_humber'])[1 + i % 5] AS r,
                            CASE WHEN i % 7 = 0 THEN 'Llanfairpwllgwyngyllgogerychwyrndrobwllllantysiliogogogoch Community Branch ' || i
                                 ELSE 'Branch ' || i || ' <Health> & "Care"' END AS p) x`,
  );
  await t.dataSource.query(
    `INSERT INTO affiliations (branch_id, affiliation_year, status, motion_passed_on, endorses_statement, membership_size, fee_band_label, fee_pence, approved_at)
     SELECT id, 2025, 'approved', DATE '2025-02-01', true, 200, 'Up to 500 members', 2500, now() FROM branches`,
  );
}

describeInBrowser('public list in a browser', () => {
  let t: TestApp;
  let b: BrowserSession;
  let site: { server: Server; origin: string };
  let otherSite: { server: Server; origin: string };

  beforeAll(async () => {
    // The framing sites need our URL and we need their origin: start theirs first, and give them ours once known.
    let embedUrl = '';
    site = await framingSite(() => embedUrl);
    otherSite = await framingSite(() => embedUrl);
    // Ten a page: the 40 branches make four pages, so every page below shows its page links.
    t = await createTestApp({ listen: true, env: { EMBED_ORIGINS: site.origin, PUBLIC_LIST_PAGE_SIZE: '10' } });
    embedUrl = `${t.baseUrl}/embed/affiliates`;
    await seed(t);
    // Requests never wait for a rebuild of the list: wait here until the seeded one is served.
    const deadline = Date.now() + 10_000;
    while (((await (await fetch(`${t.baseUrl}/api/public/affiliates`)).json()) as { total: number }).total !== 40) {
      if (Date.now() > deadline) throw new Error('the seeded list was not served within 10 s');
      await new Promise((r) => setTimeout(r, 25));
    }
    b = await browserSession(t);
  });
  afterAll(async () => {
    await b?.close();
    await t?.close();
    for (const s of [site, otherSite]) await new Promise((r) => s?.server.close(r));
  });

  for (const path of [
    '/affiliates',
    '/affiliates?page=3',
    '/affiliates?q=branch&page=2',
    '/affiliates?page=9',
    '/affiliates?union=unite&region=wales&q=branch',
    '/affiliates?q=nothing-matches',
    '/statement',
    '/statement?page=2',
    '/embed/affiliates',
    '/embed/affiliates?page=2',
  ]) {
    it(`${path} has no axe violations, loads nothing from another origin and fits a 375 px screen`, async () => {
      const phone = await b.phone();
      const response = await phone.page.goto(`${t.baseUrl}${path}`);
      expect(response?.status()).toBe(path.endsWith('page=9') ? 404 : 200);
      await phone.page.waitForLoadState('networkidle');

      await phone.audit();
      expect(phone.requests.some((u) => u.endsWith('/static/css/site.css'))).toBe(true);
      expect(await phone.context.cookies()).toEqual([]);
      await phone.close();
    });
  }

  it('filters with the form, without JavaScript', async () => {
    const { page, close } = await b.phone({ javaScriptEnabled: false });
    await page.goto(`${t.baseUrl}/affiliates`);
    await page.selectOption('#filter-union', 'rmt');
    await page.fill('#filter-q', 'health');
    await Promise.all([page.waitForURL(/union=rmt/), page.click('button[type="submit"]')]);
    const names = await page.$$eval('main li', (lis) => lis.map((li) => li.textContent ?? ''));
    const listed = names.filter((n) => n.includes('(since 2025)'));
    expect(listed.length).toBeGreaterThan(0);
    expect(listed.every((n) => n.includes('<Health>'))).toBe(true);
    expect(await page.$eval('#filter-union', (el) => (el as HTMLSelectElement).value)).toBe('rmt');
    await close();
  });

  it('goes from page to page with plain links, without JavaScript, keeping the filter', async () => {
    const { page, close } = await b.phone({ javaScriptEnabled: false });
    await page.goto(`${t.baseUrl}/affiliates?q=branch`);
    const names = async () => page.$$eval('main li', (lis) => lis.map((li) => li.textContent ?? '').filter((n) => n.includes('(since 2025)')));
    const seen = new Set<string>();
    for (let n = 1; ; n++) {
      expect(await page.$eval('.pagination [aria-current="page"]', (a) => a.textContent)).toBe(String(n));
      for (const name of await names()) {
        expect(seen.has(name)).toBe(false);
        seen.add(name);
      }
      if (!(await page.$('a[rel="next"]'))) break;
      await Promise.all([page.waitForURL(new RegExp(`q=branch&page=${n + 1}$`)), page.click('a[rel="next"]')]);
    }
    // All 40 have "Branch" in their names.
    expect(seen.size).toBe(40);
    await Promise.all([page.waitForURL(/q=branch&page=3$/), page.click('a[rel="prev"]')]);
    expect(await page.$eval('#filter-q', (el) => (el as HTMLInputElement).value)).toBe('branch');
    await close();
  });

  it('can be framed by the configured origin only', async () => {
    const page = await b.browser.newPage();
    await page.goto(site.origin);
    const frame = page.frameLocator('iframe');
    await expect(frame.locator('h1').textContent()).resolves.toContain('Trade union branches affiliated');

    const blocked: string[] = [];
    const other = await b.browser.newPage();
    other.on('console', (m) => blocked.push(m.text()));
    await other.goto(otherSite.origin);
    await other.waitForTimeout(500);
    expect(await framedText(other)).not.toContain('Trade union branches affiliated');
    expect(blocked.join('\n')).toMatch(/frame-ancestors/);
    await page.close();
    await other.close();
  });

  it('cannot be framed at all when no origin is configured (every other page)', async () => {
    const page = await b.browser.newPage();
    const messages: string[] = [];
    page.on('console', (m) => messages.push(m.text()));
    await page.setContent(`<iframe title="x" src="${t.baseUrl}/affiliates"></iframe>`);
    await page.waitForTimeout(500);
    expect(await framedText(page)).not.toContain('Affiliated branches');
    expect(messages.join('\n')).toMatch(/frame-ancestors 'none'/);
    await page.close();
  });
});
