import { scaleBand, scaleLinear } from 'd3-scale';
import { chartFigure, chartSvg, emptyFigure, isEmpty, resolved, shortened, total, type ChartDatum, type ChartOptions } from './chart-figure';
import { html, num, type Html } from './html';

export interface BarChartOptions extends ChartOptions {
  /** At most this many bars: the rest are drawn as one, labelled `restLabel(how many)`; the table still lists each. */
  maxBars?: number;
  restLabel?: (count: number) => string;
}

/*
 * Each row is a label with its value at the right, over a bar on a faint
 * track. Rows are fixed in pixels and widths are percentages of the SVG's own
 * width, so the chart fills its column at any width while its text stays the
 * page's size (a scaled viewBox would shrink it to a few pixels on a phone).
 */
const ROW = 36;
const TEXT_Y = 14;
const BAR_Y = 20;
const BAR_HEIGHT = 12;
/** About what fits beside the value on a 375 px phone. */
const LABEL_CHARS = 36;
const SUMMARY_ITEMS = 3;

function folded(data: readonly ChartDatum[], options: BarChartOptions): ChartDatum[] {
  const max = options.maxBars;
  if (!max || data.length <= max) return [...data];
  const rest = data.slice(max - 1);
  const label = options.restLabel?.(rest.length) ?? `${rest.length} others`;
  return [...data.slice(0, max - 1), { label, value: total(rest) }];
}

function summary(data: readonly ChartDatum[], describe: (n: number) => string): string {
  const largest = data
    .filter((d) => d.value > 0)
    .sort((a, b) => b.value - a.value)
    .slice(0, SUMMARY_ITEMS)
    .map((d) => `${d.label} (${describe(d.value)})`);
  return `${describe(total(data))} in all. The most: ${largest.join(', ')}.`;
}

/** A horizontal bar chart of categories, in the order given, with its data as a table. */
export function barChart(data: readonly ChartDatum[], options: BarChartOptions): Html {
  const o = resolved(options);
  if (isEmpty(data)) return emptyFigure(o);
  const bars = folded(
    data.map((d) => ({ ...d, value: Math.max(0, d.value) })),
    options,
  );
  const x = scaleLinear()
    .domain([0, Math.max(...bars.map((b) => b.value))])
    .range([0, 100]);
  const y = scaleBand<number>()
    .domain(bars.map((_, i) => i))
    .range([0, bars.length * ROW]);
  const rows = bars.map((bar, i) => {
    const top = y(i) ?? 0;
    // A value too small to see still shows a sliver; zero shows only the track.
    const width = bar.value > 0 ? Math.max(x(bar.value), 0.75) : 0;
    return html`<g class="chart-row"><text class="chart-label" x="0" y="${num(top + TEXT_Y)}">${shortened(bar.label, LABEL_CHARS)}</text><text class="chart-value" x="100%" y="${num(top + TEXT_Y)}" text-anchor="end">${o.format(bar.value)}</text><rect class="chart-track" x="0" y="${num(top + BAR_Y)}" width="100%" height="${BAR_HEIGHT}" rx="2"/>${
      width ? html`<rect class="chart-bar" x="0" y="${num(top + BAR_Y)}" width="${num(width)}%" height="${BAR_HEIGHT}" rx="2"/>` : ''
    }</g>`;
  });
  const svg = chartSvg(o.id, o.title, bars.length * ROW, 'bars', rows);
  return chartFigure(o, data, summary(data, o.describe), svg);
}
