import { createTestApp, TestApp } from '../utils/test-app';
import { describeInBrowser } from '../utils/browser';
import { browserSession, type BrowserSession } from '../utils/browser-session';

describeInBrowser('web shell in a browser', () => {
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

  for (const path of ['/', '/no-such-page']) {
    it(`${path} has no axe violations, loads nothing from another origin and fits a 375 px screen`, async () => {
      const phone = await b.phone();
      const response = await phone.page.goto(`${t.baseUrl}${path}`);
      expect(response?.status()).toBe(path === '/' ? 200 : 404);
      await phone.page.waitForLoadState('networkidle');

      await phone.audit();
      expect(phone.requests.some((u) => u.endsWith('/static/css/site.css'))).toBe(true);
      await phone.close();
    });
  }

  it('the stylesheet applies (served from our origin, allowed by the CSP)', async () => {
    const page = await b.browser.newPage();
    await page.goto(t.baseUrl);
    const headerBackground = await page.$eval('.site-header', (el) => getComputedStyle(el).backgroundColor);
    expect(headerBackground).toBe('rgb(91, 31, 107)');
    await page.close();
  });

  describe('the audit every browser test runs on its pages', () => {
    const spoilers: Record<string, { spoil: () => void; message: RegExp }> = {
      'an image without a text alternative': {
        spoil: () => document.querySelector('main')!.append(Object.assign(document.createElement('img'), { src: '/static/none.png' })),
        message: /image-alt/,
      },
      'content wider than the phone': {
        spoil: () => {
          const wide = document.createElement('div');
          wide.style.width = '2000px';
          wide.textContent = 'wide';
          document.querySelector('main')!.append(wide);
        },
        message: /overflowPx/,
      },
      'an inline script the CSP refuses': {
        spoil: () => document.head.append(Object.assign(document.createElement('script'), { textContent: 'window.ran = true' })),
        message: /refusedByCsp/,
      },
    };
    for (const [problem, { spoil, message }] of Object.entries(spoilers)) {
      it(`fails on ${problem}`, async () => {
        const phone = await b.phone();
        await phone.page.goto(t.baseUrl);
        await phone.audit();
        await phone.page.evaluate(spoil);
        await phone.page.waitForLoadState('networkidle');
        await expect(phone.audit()).rejects.toThrow(message);
        await phone.close();
      });
    }
  });
});
