import { html, type Html } from './html';

/** One value to draw: a bar, or a point on a line. */
export interface ChartDatum {
  /** How the value is named, in the chart and the table ("London", "May 2025"). */
  label: string;
  value: number;
}

export interface ChartOptions {
  /** Unique on the page, lower-case letters, digits and hyphens: the ids of the figure's parts start with it. */
  id: string;
  title: string;
  /** The table's first column ("Region", "Month"). */
  categoryLabel: string;
  /** The table's value column ("Branches", "Received"). */
  valueLabel: string;
  /** How a value reads in the chart and the table; whole numbers with separators by default. */
  format?: (value: number) => string;
  /** How a value reads in a sentence ("12 branches"); `format` by default. */
  describe?: (value: number) => string;
  /** The table's last row, the sum of the values, under this label; none when absent. */
  totalLabel?: string;
  /** Said instead of a chart when there is nothing to draw. */
  emptyText?: string;
}

const ID = /^[a-z][a-z0-9-]{0,40}$/;
const whole = new Intl.NumberFormat('en-GB', { maximumFractionDigits: 0 });

export const formatCount = (value: number): string => whole.format(value);

/** The options with their defaults filled in. */
export type ResolvedOptions = ChartOptions & Required<Pick<ChartOptions, 'format' | 'describe' | 'emptyText'>>;

/** The options with their defaults, checked once for the renderers. */
export function resolved(options: ChartOptions): ResolvedOptions {
  if (!ID.test(options.id)) throw new Error(`A chart id must be a short slug, not ${JSON.stringify(options.id)}`);
  const format = options.format ?? formatCount;
  return { ...options, format, describe: options.describe ?? format, emptyText: options.emptyText ?? 'No data yet.' };
}

/** Nothing to draw: no data, or nothing but zeros. */
export function isEmpty(data: readonly ChartDatum[]): boolean {
  return data.every((d) => d.value === 0);
}

export const total = (data: readonly ChartDatum[]): number => data.reduce((sum, d) => sum + d.value, 0);

/** Nothing to draw: the title, and a calm sentence where the picture would be (no empty SVG, no empty table). */
export function emptyFigure(options: ResolvedOptions): Html {
  return html`<figure class="chart chart-is-empty" id="${options.id}"><figcaption class="chart-caption"><span class="chart-title">${options.title}</span></figcaption><p class="chart-empty">${options.emptyText}</p></figure>`;
}

/**
 * The figure around a chart: its title and a sentence that says what it shows
 * (the picture's text alternative, which the SVG points to), the picture, and
 * every value in a table under "Show the data".
 */
export function chartFigure(options: ResolvedOptions, data: readonly ChartDatum[], summary: string, svg: Html): Html {
  const { id, title, format } = options;
  const rows = data.map((d) => html`<tr><th scope="row">${d.label}</th><td class="chart-num">${format(d.value)}</td></tr>`);
  const foot = options.totalLabel
    ? html`<tfoot><tr><th scope="row">${options.totalLabel}</th><td class="chart-num">${format(total(data))}</td></tr></tfoot>`
    : '';
  return html`<figure class="chart" id="${id}">
<figcaption class="chart-caption"><span class="chart-title" id="${id}-title">${title}</span> <span class="chart-summary" id="${id}-summary">${summary}</span></figcaption>
${svg}
<details class="chart-data"><summary>Show the data<span class="visually-hidden">: ${title}</span></summary>
<div class="table-wrap"><table class="table"><caption class="visually-hidden">${title}</caption>
<thead><tr><th scope="col">${options.categoryLabel}</th><th scope="col" class="chart-num">${options.valueLabel}</th></tr></thead>
<tbody>${rows}</tbody>${foot}</table></div></details>
</figure>`;
}

/** The chart's SVG: an image named by the figure's title and described by its summary; `width` 100% so it fills its column. */
export function chartSvg(id: string, title: string, height: number, kind: string, body: readonly Html[]): Html {
  return html`<svg class="chart-svg chart-svg-${kind}" role="img" aria-labelledby="${id}-title" aria-describedby="${id}-summary" width="100%" height="${height}" focusable="false"><title>${title}</title>${body}</svg>`;
}

/** A label cut to about `max` characters, so it fits a phone's width; the table has it whole. */
export function shortened(label: string, max: number): string {
  const chars = [...label];
  return chars.length <= max ? label : `${chars.slice(0, max - 1).join('').trimEnd()}…`;
}
