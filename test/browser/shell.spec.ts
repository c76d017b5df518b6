import type { Browser } from 'playwright-core';
import { createTestApp, TestApp } from '../utils/test-app';
import {
  axeViolations,
  describeInBrowser,
  describeViolations,
  foreignRequests,
  horizontalOverflow,
  launchBrowser,
  recordRequests,
} from '../utils/browser';

describeInBrowser('web shell in a browser', () => {
  let t: TestApp;
  let browser: Browser;

  beforeAll(async () => {
    t = await createTestApp({ listen: true });
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  for (const path of ['/', '/no-such-page']) {
    it(`${path} has no axe violations, loads nothing from another origin and fits a 375 px screen`, async () => {
      const context = await browser.newContext({ viewport: { width: 375, height: 800 } });
      const page = await context.newPage();
      const requests = recordRequests(page);
      const cspErrors: string[] = [];
      page.on('console', (m) => /Content Security Policy|Refused to/i.test(m.text()) && cspErrors.push(m.text()));
      const response = await page.goto(`${t.baseUrl}${path}`);
      expect(response?.status()).toBe(path === '/' ? 200 : 404);
      await page.waitForLoadState('networkidle');

      const violations = await axeViolations(page);
      expect(describeViolations(violations)).toBe('');
      expect(foreignRequests(requests, t.baseUrl)).toEqual([]);
      expect(requests.some((u) => u.endsWith('/static/css/site.css'))).toBe(true);
      expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
      expect(cspErrors).toEqual([]);
      await context.close();
    });
  }

  it('the stylesheet applies (served from our origin, allowed by the CSP)', async () => {
    const page = await browser.newPage();
    await page.goto(t.baseUrl);
    const headerBackground = await page.$eval('.site-header', (el) => getComputedStyle(el).backgroundColor);
    expect(headerBackground).toBe('rgb(91, 31, 107)');
    await page.close();
  });
});
