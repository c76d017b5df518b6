import hbs from 'hbs';

/**
 * Markup that is already safe. Handlebars prints anything with `toHTML()` as
 * it is (as it does its own SafeString), so a page shows a chart with plain
 * `{{chart}}` and no triple braces anywhere.
 */
export class Html {
  constructor(private readonly markup: string) {}

  toHTML(): string {
    return this.markup;
  }

  toString(): string {
    return this.markup;
  }
}

type Value = Html | string | number | null | undefined | false | readonly Value[];

function render(value: Value): string {
  if (value === null || value === undefined || value === false) return '';
  if (Array.isArray(value)) return value.map(render).join('');
  // Handlebars' own escaping: the same characters a page's {{…}} escapes, and an Html passes through.
  return hbs.handlebars.escapeExpression(value as string);
}

/**
 * A tagged template for markup: every interpolated value is escaped unless it
 * is Html already, so a label such as `<script>` or `R&D` stays text.
 */
export function html(strings: TemplateStringsArray, ...values: Value[]): Html {
  let out = strings[0]!;
  values.forEach((value, i) => {
    out += render(value) + strings[i + 1]!;
  });
  return new Html(out);
}

/** A number for an SVG attribute: at most two decimals, no "-0". */
export function num(n: number): string {
  const rounded = Math.round(n * 100) / 100;
  return String(Object.is(rounded, -0) ? 0 : rounded);
}
