import { REGIONS } from '../../src/branches/regions';
import { monthLabel } from '../../src/common/charts/months';
import { formatMoney } from '../../src/common/money';
import { MARKUP_UNION, seedChartData, type ChartSeed } from '../factories/chart-seed';
import { signInAdmin, type SignedIn } from '../utils/auth';
import { createTestApp, TestApp } from '../utils/test-app';

const unescapeHtml = (s: string): string =>
  s.replace(/&(amp|lt|gt|quot|#x27|#x3D|#x60);/g, (_, e: string) => ({ amp: '&', lt: '<', gt: '>', quot: '"', '#x27': "'", '#x3D': '=', '#x60': '`' })[e]!);

/** One chart's figure on a page, by its id; undefined when the page has none. */
function figure(html: string, id: string): string | undefined {
  return new RegExp(`<figure class="chart[^"]*" id="${id}">([\\s\\S]*?)</figure>`).exec(html)?.[1];
}

/** The rows of a figure's data table (body and total), as [label, value]. */
function tableRows(fig: string): [string, string][] {
  return [...fig.matchAll(/<tr><th scope="row">([^<]*)<\/th><td class="chart-num">([^<]*)<\/td><\/tr>/g)].map((m) => [unescapeHtml(m[1]!), unescapeHtml(m[2]!)]);
}

/** The figure's SVG is an image named by the figure's title and described by its summary, both on the page. */
function expectAccessibleSvg(fig: string, id: string): void {
  expect(fig).toContain(`<svg class="chart-svg chart-svg-`);
  expect(fig).toMatch(new RegExp(`<svg [^>]*role="img" aria-labelledby="${id}-title" aria-describedby="${id}-summary"`));
  expect(fig).toContain(`<span class="chart-title" id="${id}-title">`);
  expect(fig).toMatch(new RegExp(`<span class="chart-summary" id="${id}-summary">[^<]+</span>`));
  expect(fig).toContain('<summary>Show the data');
}

describe('charts on the admin dashboard and the public list', () => {
  let t: TestApp;
  let admin: SignedIn;
  let seed: ChartSeed;
  let dashboard: string;

  beforeAll(async () => {
    t = await createTestApp();
    admin = await signInAdmin(t);
    seed = await seedChartData(t, admin);
    dashboard = (await admin.agent.get('/admin').expect(200)).text;
    // The public list is rebuilt in the background after a change: wait until it shows the seed.
    const deadline = Date.now() + 10_000;
    while ((await t.http().get('/api/public/affiliates')).body.total !== 5) {
      if (Date.now() > deadline) throw new Error('the seeded list was not served within 10 s');
      await new Promise((r) => setTimeout(r, 25));
    }
  }, 60_000);
  afterAll(() => t?.close());

  it('draws two years of approvals by UK month, oldest first, counting affiliations the campaign still accepts', () => {
    const fig = figure(dashboard, 'chart-approvals')!;
    expectAccessibleSvg(fig, 'chart-approvals');
    const expected = seed.months.map((m) => [monthLabel(m), String(seed.approvals.get(m) ?? 0)]);
    expect(tableRows(fig)).toEqual([...expected, ['In the two years', '7']]);
    expect(fig).toContain('7 affiliations from');
  });

  it('draws the fee income received each month, net of a reversal, leaving out older payments', () => {
    const fig = figure(dashboard, 'chart-income')!;
    expectAccessibleSvg(fig, 'chart-income');
    const expected = seed.months.map((m) => [monthLabel(m), formatMoney(seed.received.get(m) ?? 0)]);
    expect(tableRows(fig)).toEqual([...expected, ['In the two years', '£50']]);
  });

  it('counts the branches affiliated now by region, every region in the TUC order, listed publicly or not', () => {
    const fig = figure(dashboard, 'chart-regions')!;
    expectAccessibleSvg(fig, 'chart-regions');
    const counts: Record<string, number> = { london: 2, wales: 2, scotland: 1, northern_ireland: 1 };
    expect(tableRows(fig)).toEqual([...REGIONS.map((r) => [r.name, String(counts[r.key] ?? 0)]), ['All regions and nations', '6']]);
  });

  it('counts them by union, the most first, a typed union name kept as text', () => {
    const fig = figure(dashboard, 'chart-unions')!;
    expectAccessibleSvg(fig, 'chart-unions');
    expect(tableRows(fig)).toEqual([
      ['UNISON', '2'],
      ['Unite the Union', '2'],
      ['GMB', '1'],
      [MARKUP_UNION, '1'],
      ['All unions', '6'],
    ]);
    expect(dashboard).toContain('R&amp;D &lt;Makers&gt; Union');
    expect(dashboard).not.toContain('<Makers>');
  });

  it('shows the public list’s branches by region on /affiliates: listed branches only, counts only', async () => {
    const res = await t.http().get('/affiliates').expect(200);
    const fig = figure(res.text, 'chart-affiliates-regions')!;
    expectAccessibleSvg(fig, 'chart-affiliates-regions');
    const counts: Record<string, number> = { london: 2, wales: 2, scotland: 1 };
    expect(tableRows(fig)).toEqual([...REGIONS.map((r) => [r.name, String(counts[r.key] ?? 0)]), ['All regions and nations', '5']]);
    expect(fig).toContain('5 branches in all. The most: London (2 branches), Wales (2 branches), Scotland (1 branch).');
  });

  it('keeps /affiliates cacheable with the chart: the same bytes and ETag each time, 304 when revalidated', async () => {
    const first = await t.http().get('/affiliates').expect(200);
    const second = await t.http().get('/affiliates').expect(200);
    expect(second.headers.etag).toBe(first.headers.etag);
    expect(second.text).toBe(first.text);
    await t.http().get('/affiliates').set('If-None-Match', first.headers.etag!).expect(304);
  });

  it('leaves the chart off a filtered list, which is about its matches', async () => {
    const res = await t.http().get('/affiliates?region=wales').expect(200);
    expect(figure(res.text, 'chart-affiliates-regions')).toBeUndefined();
  });
});

describe('charts with nothing to show yet', () => {
  let t: TestApp;
  afterAll(() => t?.close());

  it('say so calmly on the dashboard and leave the empty public list without a chart', async () => {
    t = await createTestApp();
    const admin = await signInAdmin(t);
    const html = (await admin.agent.get('/admin').expect(200)).text;
    expect(figure(html, 'chart-approvals')).toContain('<p class="chart-empty">No affiliations were approved in the last two years.</p>');
    expect(figure(html, 'chart-income')).toContain('<p class="chart-empty">No payments were received in the last two years.</p>');
    expect(figure(html, 'chart-regions')).toContain('<p class="chart-empty">No branch is affiliated yet.</p>');
    expect(figure(html, 'chart-unions')).toContain('<p class="chart-empty">No branch is affiliated yet.</p>');
    expect(html).not.toContain('<svg class="chart-svg');
    const page = await t.http().get('/affiliates').expect(200);
    expect(figure(page.text, 'chart-affiliates-regions')).toBeUndefined();
  });
});
