import { scaleLinear, scalePoint } from 'd3-scale';
import { area, curveMonotoneX, line } from 'd3-shape';
import { chartFigure, chartSvg, emptyFigure, isEmpty, resolved, total, type ChartDatum, type ChartOptions } from './chart-figure';
import { html, num, type Html } from './html';

export interface LineChartOptions extends ChartOptions {
  /** Name every n-th point under the axis, counted back from the last (6: every half year of months). */
  labelEvery?: number;
  /** Values are counts: the axis shows whole numbers only. */
  integer?: boolean;
}

/*
 * Heights are pixels; horizontal positions are percentages of the SVG's width,
 * so it fills its column at any width with text at the page's size. The area
 * and line are drawn in a nested SVG whose viewBox is 100 units wide and
 * stretched to the width (preserveAspectRatio="none"); the line keeps its
 * thickness with vector-effect="non-scaling-stroke", and the dots, which would
 * stretch into ovals there, are drawn outside it at percentage positions.
 */
const HEIGHT = 212;
const PLOT_TOP = 26;
const PLOT_BOTTOM = 178;
const AXIS_TEXT_Y = 202;
/** Keeps the first and last dots inside the frame. */
const X_MARGIN = 1.5;

function summary(data: readonly ChartDatum[], describe: (n: number) => string): string {
  const most = data.reduce((a, b) => (b.value > a.value ? b : a));
  const first = data[0]!.label;
  const last = data[data.length - 1]!.label;
  return `${describe(total(data))} from ${first} to ${last}; the most in one month: ${describe(most.value)}, in ${most.label}.`;
}

/** A line over a shaded area, one point per period in the order given (oldest first), with its data as a table. */
export function lineChart(data: readonly ChartDatum[], options: LineChartOptions): Html {
  const o = resolved(options);
  if (isEmpty(data)) return emptyFigure(o);
  const values = data.map((d) => d.value);
  const y = scaleLinear()
    .domain([Math.min(0, ...values), Math.max(0, ...values)])
    .nice(4)
    .range([PLOT_BOTTOM, PLOT_TOP]);
  const x = scalePoint<number>()
    .domain(data.map((_, i) => i))
    .range([X_MARGIN, 100 - X_MARGIN]);
  const px = (i: number): number => x(i) ?? 50;
  const ticks = y.ticks(4).filter((t) => !options.integer || Number.isInteger(t));

  const grid = ticks.map(
    (t) =>
      html`<line class="${t === 0 ? 'chart-axis' : 'chart-grid'}" x1="0" x2="100%" y1="${num(y(t))}" y2="${num(y(t))}"/><text class="chart-tick" x="0" y="${num(y(t) - 6)}">${o.format(t)}</text>`,
  );
  const shade = area<ChartDatum>()
    .x((_, i) => px(i))
    .y0(y(0))
    .y1((d) => y(d.value))
    .curve(curveMonotoneX);
  const stroke = line<ChartDatum>()
    .x((_, i) => px(i))
    .y((d) => y(d.value))
    .curve(curveMonotoneX);
  const plot = html`<svg x="0" y="0" width="100%" height="${HEIGHT}" viewBox="0 0 100 ${HEIGHT}" preserveAspectRatio="none"><path class="chart-area" d="${shade(data) ?? ''}"/><path class="chart-line" d="${stroke(data) ?? ''}" vector-effect="non-scaling-stroke"/></svg>`;
  // A tooltip on each point for a pointer; screen readers have the summary and the table.
  const dots = data.map(
    (d, i) => html`<circle class="chart-dot" cx="${num(px(i))}%" cy="${num(y(d.value))}" r="3.5"><title>${d.label}: ${o.format(d.value)}</title></circle>`,
  );
  const every = Math.max(1, options.labelEvery ?? 1);
  const axis = data
    .map((d, i) => ({ d, i, step: (data.length - 1 - i) / every }))
    .filter(({ step }) => Number.isInteger(step))
    .map(({ d, i, step }) => {
      const at = px(i);
      const anchor = at < 12 ? 'start' : at > 88 ? 'end' : 'middle';
      const textX = anchor === 'start' ? 0 : anchor === 'end' ? 100 : at;
      // Every other label gives way on a narrow screen (the stylesheet hides it), so none run into each other.
      const minor = step % 2 === 1 ? ' chart-tick-minor' : '';
      return html`<line class="chart-axis" x1="${num(at)}%" x2="${num(at)}%" y1="${PLOT_BOTTOM}" y2="${PLOT_BOTTOM + 6}"/><text class="chart-tick${minor}" x="${num(textX)}%" y="${AXIS_TEXT_Y}" text-anchor="${anchor}">${d.label}</text>`;
    });
  const svg = chartSvg(o.id, o.title, HEIGHT, 'line', [...grid, plot, ...dots, ...axis]);
  return chartFigure(o, data, summary(data, o.describe), svg);
}
