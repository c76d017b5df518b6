import hbs from 'hbs';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';

let registered = false;

/** Handlebars helpers for the pages. Every helper returns plain strings, which hbs escapes. */
export function registerViewHelpers(partialsDir: string): void {
  if (registered) return;
  registered = true;
  // hbs.registerPartials reads the folder asynchronously; a request arriving
  // first would render without them, so read it before serving.
  for (const entry of readdirSync(partialsDir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile() || !entry.name.endsWith('.hbs')) continue;
    const file = join(entry.parentPath, entry.name);
    hbs.registerPartial(relative(partialsDir, file).replace(/\.hbs$/, ''), readFileSync(file, 'utf8'));
  }
  hbs.registerHelper('eq', (a: unknown, b: unknown) => a === b);
  hbs.registerHelper('year', () => new Date().getFullYear());
  hbs.registerHelper('date', (value: unknown) => {
    if (!value) return '';
    const d = value instanceof Date ? value : new Date(String(value));
    return Number.isNaN(d.getTime()) ? '' : d.toLocaleDateString('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'Europe/London' });
  });
  hbs.registerHelper('dateTime', (value: unknown) => {
    if (!value) return '';
    const d = value instanceof Date ? value : new Date(String(value));
    return Number.isNaN(d.getTime()) ? '' : d.toLocaleString('en-GB', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'Europe/London' });
  });
  hbs.registerHelper('pounds', (pence: unknown) =>
    typeof pence === 'number' ? `£${(pence / 100).toFixed(2).replace(/\.00$/, '')}` : '',
  );
  hbs.registerHelper('or', (...args: unknown[]) => args.slice(0, -1).find(Boolean));
  // A page with several forms names which one was refused (`errorsIn`); a field
  // of another form (`form`) then shows no message meant for its namesake.
  hbs.registerHelper('fieldErrors', (name: string, form: unknown, options: { data: { root: Record<string, unknown> } }) => {
    const root = options.data.root;
    if (typeof form === 'string' && form !== root.errorsIn) return undefined;
    return (root.errors as Record<string, string[]> | undefined)?.[name];
  });
  // What a field shows: what was typed into the refused form, otherwise its given value.
  hbs.registerHelper('fieldValue', (name: string, form: unknown, value: unknown, options: { data: { root: Record<string, unknown> } }) => {
    const root = options.data.root;
    const typed = (root.values as Record<string, unknown> | undefined)?.[name];
    const refusedHere = typeof form !== 'string' || form === root.errorsIn;
    return refusedHere && typed !== undefined ? typed : (value ?? typed);
  });
  // A textarea's text with its line breaks as character references (`&#10;`), which the browser reads back as line
  // breaks. Handlebars indents every line a partial outputs by the indentation of the partial's tag, a person's
  // text too: with no line break in the output, a refused form gives back exactly what was typed (four spaces in
  // front of each line would have turned Markdown into code, and a letter's paragraphs into indented ones).
  hbs.registerHelper('textareaText', (value: unknown) =>
    value === undefined || value === null
      ? ''
      : new hbs.handlebars.SafeString(hbs.handlebars.Utils.escapeExpression(String(value)).replace(/\r\n|\r|\n/g, '&#10;')),
  );
  // A checkbox of a group: whether `item` is among the values (a form sends one value as a string, several as a list).
  hbs.registerHelper('includes', (list: unknown, item: unknown) => (Array.isArray(list) ? list.includes(item) : list === item));
  hbs.registerHelper('first', (list: unknown) => (Array.isArray(list) ? list[0] : undefined));
  // The error summary's lines: each refused field's message, in the order the
  // errors came (the form's field order), linking to the field's input: its id
  // is `idPrefix` and the field's name (by default the field partial's
  // "field-" and the page's `fieldPrefix`). `skip` names errors that are no
  // field to show (e.g. "duplicate"), `plain` those shown without a link (a
  // hidden field such as an emailed link's token); `links=false` links none.
  // With no field message, the form's own message is the one line.
  type SummaryHash = { idPrefix?: unknown; skip?: unknown; plain?: unknown; links?: unknown };
  hbs.registerHelper('errorSummary', (options: { hash: SummaryHash; data: { root: Record<string, unknown> } }) => {
    const root = options.data.root;
    const { idPrefix, skip, plain, links } = options.hash;
    const prefix = typeof idPrefix === 'string' ? idPrefix : `field-${typeof root.fieldPrefix === 'string' ? root.fieldPrefix : ''}`;
    const names = (list: unknown): Set<string> => new Set(typeof list === 'string' ? list.split(' ') : []);
    const [skipped, unlinked] = [names(skip), names(plain)];
    const errors = (root.errors ?? {}) as Record<string, unknown>;
    const lines = Object.entries(errors)
      .filter(([field, messages]) => !skipped.has(field) && Array.isArray(messages) && typeof messages[0] === 'string')
      .map(([field, messages]) => ({
        message: (messages as string[])[0],
        href: links === false || unlinked.has(field) ? undefined : `#${prefix}${field}`,
      }));
    return lines.length || typeof root.formError !== 'string' ? lines : [{ message: root.formError }];
  });
}
