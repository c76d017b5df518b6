import { seedChartData } from '../factories/chart-seed';
import { signInAdmin, type SignedIn } from '../utils/auth';
import { describeInBrowser } from '../utils/browser';
import { browserSession, type BrowserSession, type Phone } from '../utils/browser-session';
import { createTestApp, TestApp } from '../utils/test-app';

const WIDTHS = [375, 1280];

/** Each chart on the page: its SVG's drawn width, its column's width, and the smallest text size in it. */
async function chartGeometry(phone: Phone): Promise<{ id: string; svgWidth: number; columnWidth: number; smallestTextPx: number }[]> {
  return phone.page.$$eval('figure.chart', (figures) =>
    figures
      .filter((f) => f.querySelector('svg'))
      .map((f) => {
        const svg = f.querySelector('svg')!;
        const sizes = Array.from(svg.querySelectorAll('text')).map((t) => parseFloat(getComputedStyle(t).fontSize) * (svg.getScreenCTM()?.a ?? 1));
        return { id: f.id, svgWidth: Math.round(svg.getBoundingClientRect().width), columnWidth: Math.round(f.getBoundingClientRect().width), smallestTextPx: Math.min(...sizes) };
      }),
  );
}

describeInBrowser('charts in a browser', () => {
  let t: TestApp;
  let b: BrowserSession;
  let admin: SignedIn;

  beforeAll(async () => {
    t = await createTestApp({ listen: true });
    admin = await signInAdmin(t);
    await seedChartData(t, admin);
    const deadline = Date.now() + 10_000;
    while (((await (await fetch(`${t.baseUrl}/api/public/affiliates`)).json()) as { total: number }).total !== 5) {
      if (Date.now() > deadline) throw new Error('the seeded list was not served within 10 s');
      await new Promise((r) => setTimeout(r, 25));
    }
    b = await browserSession(t);
  }, 60_000);
  afterAll(async () => {
    await b?.close();
    await t?.close();
  });

  for (const width of WIDTHS) {
    it(`the admin dashboard's four charts fill their columns with readable text at ${width} px, and axe finds nothing`, async () => {
      const phone = await b.phoneAs(admin, { width });
      await phone.page.goto(`${t.baseUrl}/admin`);
      await phone.audit();
      const charts = await chartGeometry(phone);
      expect(charts.map((c) => c.id)).toEqual(['chart-approvals', 'chart-income', 'chart-regions', 'chart-unions']);
      for (const c of charts) {
        expect({ id: c.id, fills: c.svgWidth === c.columnWidth }).toEqual({ id: c.id, fills: true });
        expect(c.smallestTextPx).toBeGreaterThanOrEqual(13);
      }
      // On a desktop the charts sit two abreast.
      if (width >= 1024) expect(charts[0]!.columnWidth).toBeLessThan(600);
      await phone.close();
    });

    it(`/affiliates shows the branches by region with readable text at ${width} px, and axe finds nothing`, async () => {
      const phone = await b.phone({ width });
      await phone.page.goto(`${t.baseUrl}/affiliates`);
      await phone.audit();
      const [chart] = await chartGeometry(phone);
      expect(chart).toMatchObject({ id: 'chart-affiliates-regions' });
      expect(chart!.svgWidth).toBe(chart!.columnWidth);
      expect(chart!.smallestTextPx).toBeGreaterThanOrEqual(13);
      await phone.close();
    });
  }

  it('opens the data beneath a chart without JavaScript', async () => {
    const phone = await b.phone({ javaScriptEnabled: false });
    await phone.page.goto(`${t.baseUrl}/affiliates`);
    const table = phone.page.locator('#chart-affiliates-regions table');
    expect(await table.isVisible()).toBe(false);
    await phone.page.click('#chart-affiliates-regions summary');
    expect(await table.isVisible()).toBe(true);
    expect(await table.locator('tfoot td').textContent()).toBe('5');
    await phone.close();
  });
});
