import { DOMParser, type Document, type Element } from '@xmldom/xmldom';
import { formatMoney } from '../money';
import { barChart } from './bar-chart';
import type { ChartDatum } from './chart-figure';
import { html } from './html';
import { lineChart } from './line-chart';
import { monthBounds, monthLabel, monthlySeries, monthsEndingAt } from './months';

const SCRIPT = '<script>alert(1)</script>';
const base = { id: 'chart-test', title: 'Branches by region', categoryLabel: 'Region', valueLabel: 'Branches' };

/** The figure as XML: it must be well formed (a broken SVG fails here), and its parts easy to query. */
function parse(markup: { toString(): string }): Document {
  const errors: string[] = [];
  const doc = new DOMParser({ onError: (level, message) => void errors.push(`${level}: ${message}`) }).parseFromString(String(markup), 'text/xml');
  expect(errors).toEqual([]);
  return doc;
}

const all = (doc: Document, tag: string): Element[] => Array.from(doc.getElementsByTagName(tag));
const withClass = (doc: Document, tag: string, cls: string): Element[] => all(doc, tag).filter((e) => (e.getAttribute('class') ?? '').split(' ').includes(cls));
const texts = (els: Element[]): string[] => els.map((e) => e.textContent ?? '');
const tableRows = (doc: Document): string[][] =>
  all(doc, 'tr').map((tr) => Array.from(tr.childNodes).filter((n): n is Element => n.nodeType === 1).map((c) => c.textContent ?? ''));

describe('bar chart', () => {
  const regions: ChartDatum[] = [
    { label: 'London', value: 12 },
    { label: 'Wales', value: 3 },
    { label: 'Scotland', value: 0 },
    { label: 'Northern', value: 6 },
  ];

  it('draws one row per category in the given order, bar widths in proportion to the largest', () => {
    const doc = parse(barChart(regions, base));
    expect(texts(withClass(doc, 'text', 'chart-label'))).toEqual(['London', 'Wales', 'Scotland', 'Northern']);
    expect(texts(withClass(doc, 'text', 'chart-value'))).toEqual(['12', '3', '0', '6']);
    // Zero draws the track only.
    expect(withClass(doc, 'rect', 'chart-bar').map((r) => r.getAttribute('width'))).toEqual(['100%', '25%', '50%']);
    expect(withClass(doc, 'rect', 'chart-track')).toHaveLength(4);
    expect(all(doc, 'svg')[0]!.getAttribute('height')).toBe('144');
  });

  it('scales to its column: width 100%, horizontal positions in percent, so text keeps the page size', () => {
    const svg = all(parse(barChart(regions, base)), 'svg')[0]!;
    expect(svg.getAttribute('width')).toBe('100%');
    expect(svg.getAttribute('style')).toBeNull();
  });

  it('is an image named by its title and described by a summary, with every value in a table', () => {
    const doc = parse(barChart(regions, { ...base, describe: (n) => `${n} branches`, totalLabel: 'All regions' }));
    const svg = all(doc, 'svg')[0]!;
    expect(svg.getAttribute('role')).toBe('img');
    const byId = (id: string | null) => all(doc, 'span').find((s) => s.getAttribute('id') === id)?.textContent;
    expect(byId(svg.getAttribute('aria-labelledby'))).toBe('Branches by region');
    expect(byId(svg.getAttribute('aria-describedby'))).toBe('21 branches in all. The most: London (12 branches), Northern (6 branches), Wales (3 branches).');
    expect(all(doc, 'title')[0]!.textContent).toBe('Branches by region');
    expect(all(doc, 'summary')[0]!.textContent).toBe('Show the data: Branches by region');
    expect(tableRows(doc)).toEqual([
      ['Region', 'Branches'],
      ['London', '12'],
      ['Wales', '3'],
      ['Scotland', '0'],
      ['Northern', '6'],
      ['All regions', '21'],
    ]);
  });

  it('keeps labels such as <script> and R&D as text in the picture, the summary and the table', () => {
    const data = [
      { label: SCRIPT, value: 2 },
      { label: 'R&D "Branch" \'7\'', value: 1 },
    ];
    const markup = String(barChart(data, { ...base, title: `Title ${SCRIPT} & co` }));
    expect(markup).not.toMatch(/<script/i);
    expect(markup).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(markup).toContain('R&amp;D &quot;Branch&quot; &#x27;7&#x27;');
    const doc = parse(markup);
    expect(texts(withClass(doc, 'text', 'chart-label'))).toEqual([SCRIPT, 'R&D "Branch" \'7\'']);
    expect(tableRows(doc).map((r) => r[0])).toEqual(['Region', SCRIPT, 'R&D "Branch" \'7\'']);
    expect(all(doc, 'title')[0]!.textContent).toBe(`Title ${SCRIPT} & co`);
  });

  it('shortens a long label in the picture only; the table has it whole', () => {
    const long = 'Hospital Consultants and Specialists Association (HCSA)';
    const doc = parse(barChart([{ label: long, value: 1 }], base));
    const drawn = texts(withClass(doc, 'text', 'chart-label'))[0]!;
    expect([...drawn].length).toBeLessThanOrEqual(36);
    expect(drawn.endsWith('…')).toBe(true);
    expect(tableRows(doc)[1]![0]).toBe(long);
  });

  it('draws the categories past maxBars as one bar, and still lists each in the table', () => {
    const unions = Array.from({ length: 10 }, (_, i) => ({ label: `Union ${i}`, value: 10 - i }));
    const doc = parse(barChart(unions, { ...base, maxBars: 4, restLabel: (n) => `${n} other unions` }));
    expect(texts(withClass(doc, 'text', 'chart-label'))).toEqual(['Union 0', 'Union 1', 'Union 2', '7 other unions']);
    expect(texts(withClass(doc, 'text', 'chart-value'))).toEqual(['10', '9', '8', String(7 + 6 + 5 + 4 + 3 + 2 + 1)]);
    expect(tableRows(doc)).toHaveLength(11);
  });

  it.each([
    ['no data', []],
    ['nothing but zeros', [{ label: 'London', value: 0 }, { label: 'Wales', value: 0 }]],
  ])('with %s says "No data yet" calmly instead of drawing an empty picture', (_what, data) => {
    const markup = String(barChart(data, base));
    expect(markup).not.toContain('<svg');
    expect(markup).not.toContain('<table');
    const doc = parse(markup);
    expect(withClass(doc, 'p', 'chart-empty').map((p) => p.textContent)).toEqual(['No data yet.']);
    expect(all(doc, 'figcaption')[0]!.textContent).toBe('Branches by region');
  });

  it('says what the page asks when there is nothing to draw', () => {
    expect(String(barChart([], { ...base, emptyText: 'No branch is affiliated yet.' }))).toContain('<p class="chart-empty">No branch is affiliated yet.</p>');
  });

  it('refuses an id that could break out of its attribute', () => {
    expect(() => barChart([], { ...base, id: 'x" onload="alert(1)' })).toThrow(/A chart id must be a short slug/);
  });
});

describe('line chart', () => {
  const months = monthsEndingAt('2026-02-10', 24);
  const counts = monthlySeries(months, new Map([['2025-05', 3], ['2026-02', 1], ['2024-03', 2]]));

  it('draws a point for each month from the oldest, across the whole width', () => {
    const doc = parse(lineChart(counts, { ...base, integer: true, labelEvery: 6 }));
    const dots = withClass(doc, 'circle', 'chart-dot');
    expect(dots).toHaveLength(24);
    expect(dots[0]!.getAttribute('cx')).toBe('1.5%');
    expect(dots[23]!.getAttribute('cx')).toBe('98.5%');
    expect(texts(all(doc, 'title').slice(1, 3))).toEqual(['Mar 2024: 2', 'Apr 2024: 0']);
    // The area and the line come from d3-shape, drawn in a 100-unit-wide box stretched to the width.
    const plot = all(doc, 'svg')[1]!;
    expect(plot.getAttribute('viewBox')).toBe('0 0 100 212');
    expect(plot.getAttribute('preserveAspectRatio')).toBe('none');
    expect(withClass(doc, 'path', 'chart-line')[0]!.getAttribute('d')).toMatch(/^M1\.5,[\d.]+C/);
    expect(withClass(doc, 'path', 'chart-line')[0]!.getAttribute('vector-effect')).toBe('non-scaling-stroke');
  });

  it('names every sixth month back from the latest, and marks counts with whole numbers only', () => {
    const doc = parse(lineChart(counts, { ...base, integer: true, labelEvery: 6 }));
    const ticks = texts(withClass(doc, 'text', 'chart-tick'));
    expect(ticks.filter((t) => /\d{4}$/.test(t))).toEqual(['Aug 2024', 'Feb 2025', 'Aug 2025', 'Feb 2026']);
    expect(ticks.filter((t) => !/\d{4}$/.test(t))).toEqual(['0', '1', '2', '3']);
  });

  it('puts the scale’s ticks where d3-scale puts them, money formatted as money', () => {
    const income = monthlySeries(months, new Map([['2025-05', 125_000], ['2025-06', 2_500]]));
    const doc = parse(lineChart(income, { ...base, format: formatMoney }));
    const values = texts(withClass(doc, 'text', 'chart-tick')).filter((t) => t.startsWith('£'));
    expect(values).toEqual(['£0', '£500', '£1,000', '£1,500']);
    // The nice domain reaches past the largest value, so the top gridline sits above the highest point.
    const topGrid = Math.min(...withClass(doc, 'line', 'chart-grid').map((l) => Number(l.getAttribute('y1'))));
    const highest = Math.min(...withClass(doc, 'circle', 'chart-dot').map((c) => Number(c.getAttribute('cy'))));
    expect(topGrid).toBe(26);
    expect(highest).toBeGreaterThan(topGrid);
  });

  it('draws a month with more reversed than received below the zero line', () => {
    const doc = parse(lineChart([{ label: 'Jan 2026', value: 5_000 }, { label: 'Feb 2026', value: -2_500 }], { ...base, format: formatMoney }));
    const zero = withClass(doc, 'line', 'chart-axis').find((l) => l.getAttribute('x2') === '100%')!;
    const [jan, feb] = withClass(doc, 'circle', 'chart-dot').map((c) => Number(c.getAttribute('cy')));
    expect(jan!).toBeLessThan(Number(zero.getAttribute('y1')));
    expect(feb!).toBeGreaterThan(Number(zero.getAttribute('y1')));
  });

  it('summarises the period, its total and its busiest month', () => {
    const doc = parse(lineChart(counts, { ...base, describe: (n) => `${n} approved`, totalLabel: 'Total' }));
    expect(all(doc, 'span').find((s) => s.getAttribute('id') === 'chart-test-summary')?.textContent).toBe(
      '6 approved from Mar 2024 to Feb 2026; the most in one month: 3 approved, in May 2025.',
    );
    const rows = tableRows(doc);
    expect(rows).toHaveLength(26);
    expect(rows[0]).toEqual(['Region', 'Branches']);
    expect(rows[15]).toEqual(['May 2025', '3']);
    expect(rows[25]).toEqual(['Total', '6']);
  });

  it('with two years of zeros says "No data yet" instead of drawing a flat line', () => {
    const markup = String(lineChart(monthlySeries(months, new Map()), base));
    expect(markup).not.toContain('<svg');
    expect(markup).toContain('No data yet.');
  });

  it('escapes a point’s label in its tooltip', () => {
    const markup = String(lineChart([{ label: SCRIPT, value: 1 }], base));
    expect(markup).not.toMatch(/<script/i);
    expect(all(parse(markup), 'title').map((t) => t.textContent)).toContain(`${SCRIPT}: 1`);
  });
});

describe('chart building blocks', () => {
  it('counts back whole months, across a year end', () => {
    const months = monthsEndingAt('2026-02-28', 24);
    expect(months).toHaveLength(24);
    expect([months[0], months[10], months[23]]).toEqual(['2024-03', '2025-01', '2026-02']);
    expect(monthBounds(months)).toEqual({ fromDay: '2024-03-01', toDay: '2026-03-01' });
    expect(monthBounds(monthsEndingAt('2025-12-01', 1))).toEqual({ fromDay: '2025-12-01', toDay: '2026-01-01' });
    expect(monthLabel('2025-09')).toBe('Sep 2025');
  });

  it('escapes interpolated text and lets markup it made itself through', () => {
    const inner = html`<b>${'a & b'}</b>`;
    expect(String(html`<p title="${'"x"'}">${inner}${[1, ' < ', null, false, 2]}</p>`)).toBe('<p title="&quot;x&quot;"><b>a &amp; b</b>1 &lt; 2</p>');
  });
});
