import MarkdownIt from 'markdown-it';
import { DocumentKind, PlaceholderSpec, PlaceholderValues, placeholderSpecs } from './document-kinds';
import { resolveValues, type ResolvedValues } from './placeholder-values';
import { markPlaceholders } from './template-source';

/** Values an admin sees in a preview or a sample document: plausible, and plainly examples. */
const SAMPLE_BY_NAME: Record<string, string | number> = {
  'branch.name': 'Bristol Central',
  union: 'Unite the Union',
  'branch.full_name': 'Bristol Central branch of Unite the Union',
  'branch.title': 'Unite Bristol Central Branch',
  'branch.address': '12 Example Street\nBristol\nBS1 4DJ',
  'campaign.address': 'Police Spies Out of Lives\nc/o 1 Example Street\nLondon\nN1 0XX',
  'campaign.email': 'affiliations@example.org',
  'portal.url': 'https://affiliate.example.org',
  'fee.amount': 5000,
  'fee.bands': 'Up to 500 members: £25\n501 to 2,000 members: £50\n2,001 to 5,000 members: £100\nOver 5,000 members, regional and national bodies: £250',
  'fee.band': '501 to 2,000 members',
  'invoice.reference': 'PSOOL-2026-0001-K',
  'invoice.year': '2026',
  'invoice.amount': 5000,
  'invoice.paid': 0,
  'invoice.to_pay': 5000,
  'fees.lapse_days': '90',
  'receipt.number': 'R-2026-0001',
  'payment.method': 'Bank transfer',
  'payment.bank_reference': 'FP 84731902',
  'bank.account_name': 'Police Spies Out of Lives',
  'bank.sort_code': '00-00-00',
  'bank.account_number': '00000000',
  'writer.name': 'Sam Example',
  'writer.address': '3 Example Road\nBristol\nBS2 0XX',
  'writer.reason': '(Why this matters to the writer, in their own words: the first paragraph.)',
  'writer.note': '(A further paragraph of the writer’s own, if they wrote one.)',
  'recipient.name': 'Jo Example',
  area: 'Bristol Central',
  'area.body': 'Avon and Somerset Police and Crime Commissioner',
  'letter.date': '2026-03-14',
};
const SAMPLE_BY_TYPE: Record<PlaceholderSpec['type'], (spec: PlaceholderSpec) => string | number> = {
  text: (spec) => `(${spec.description.toLowerCase()})`,
  multiline: (spec) => `(${spec.description.toLowerCase()},\nover two lines)`,
  date: () => '2026-03-14',
  money: () => 2500,
  amount: () => 2500,
};

/** Placeholders a sample leaves empty, so the preview shows the document as most branches get it (an invoice not yet paid). */
const SAMPLE_EMPTY = new Set(['paid.on']);

/** Every placeholder of `kind` filled with a sample value, formatted as a document would show it. */
export function sampleValues(kind: DocumentKind): ResolvedValues {
  const values: Record<string, string | number> = {};
  for (const [name, spec] of Object.entries(placeholderSpecs(kind))) {
    if (kind === 'receipt' || !SAMPLE_EMPTY.has(name)) values[name] = SAMPLE_BY_NAME[name] ?? SAMPLE_BY_TYPE[spec.type](spec);
  }
  return resolveValues(kind, values as PlaceholderValues<typeof kind>);
}

interface PreviewEnv {
  /** Escaped HTML for a piece of template text, its placeholder markers shown filled in. */
  fill(text: string): string;
  /** HTML for Markdown inside a fenced block (a note, a condition). */
  nested(text: string): string;
}

/**
 * The same Markdown dialect the documents use (CommonMark, no raw HTML, no
 * images), rendered for a page. Raw HTML in a template shows as text: nothing
 * an admin types becomes markup.
 */
const markdown = new MarkdownIt('commonmark', { html: false, linkify: false, typographer: false }).disable('image');
const rules = markdown.renderer.rules;
const envOf = (env: unknown): PreviewEnv => env as PreviewEnv;
const escapeHtml = markdown.utils.escapeHtml;
const LETTER_BLOCKS = new Set(['letterhead', 'from', 'to', 'date', 'signatures', 'signed']);
const CONDITION = /^(if|unless)\s+(\S+)$/;

/** A ```lines block as an HTML table: headings, lines, and totals after "---". */
function linesHtml(env: PreviewEnv, content: string): string {
  const rows = content.split('\n').map((l) => l.trim()).filter(Boolean);
  const cells = (line: string): string[] => line.replace(/^\|/, '').replace(/\|$/, '').split('|').map((c) => markdown.renderInline(c.trim(), env as unknown as Record<string, unknown>));
  let totals = false;
  const body = rows
    .slice(1)
    .map((line) => {
      if (/^-{3,}$/.test(line)) {
        totals = true;
        return '';
      }
      const tag = totals ? 'th' : 'td';
      return `<tr>${cells(line).map((c, i) => `<${tag}${i === 0 && totals ? ' scope="row"' : ''}>${c}</${tag}>`).join('')}</tr>`;
    })
    .join('');
  const head = rows[0] ? `<thead><tr>${cells(rows[0]).map((c) => `<th scope="col">${c}</th>`).join('')}</tr></thead>` : '';
  return `<table class="preview-lines">${head}<tbody>${body}</tbody></table>\n`;
}

rules.text = (tokens, idx, _options, env) => envOf(env).fill(tokens[idx]!.content);
rules.code_inline = (tokens, idx, _options, env) => `<code>${envOf(env).fill(tokens[idx]!.content)}</code>`;
rules.code_block = (tokens, idx, _options, env) => `<pre><code>${envOf(env).fill(tokens[idx]!.content)}</code></pre>\n`;
rules.fence = (tokens, idx, _options, rawEnv) => {
  const env = envOf(rawEnv);
  const info = tokens[idx]!.info.trim();
  const content = tokens[idx]!.content;
  const lines = content.replace(/\n$/, '').split('\n');
  const condition = CONDITION.exec(info);
  if (condition) {
    const when = condition[1] === 'if' ? 'has a value' : 'has no value';
    return `<div class="preview-condition"><p class="hint">Only when ${escapeHtml(condition[2]!)} ${when}:</p>\n${env.nested(content)}</div>\n`;
  }
  if (info === 'note') return `<div class="preview-note">\n${env.nested(content)}</div>\n`;
  if (info === 'new-page') return '<p class="hint preview-new-page">(A new page starts here.)</p>\n';
  if (info === 'lines') return linesHtml(env, content);
  if (!LETTER_BLOCKS.has(info)) return `<pre><code>${env.fill(content)}</code></pre>\n`;
  if (info === 'signatures') {
    return lines
      .filter((line) => line.trim())
      .map((role) => `<p class="preview-signature">Signed: ____________________<br>Name: ____________________<br><strong>${env.fill(role.trim())}</strong></p>\n`)
      .join('');
  }
  if (info === 'letterhead') {
    const [first = '', ...rest] = lines;
    return `<p class="preview-letter preview-letter-letterhead"><strong>${env.fill(first)}</strong>${rest.map((line) => `<br>${env.fill(line)}`).join('')}</p>\n`;
  }
  return `<p class="preview-letter preview-letter-${info}">${lines.map((line) => env.fill(line)).join('<br>')}</p>\n`;
};
// The page has its own h1 and a "Preview" h2: the template's headings sit below them.
rules.heading_open = (tokens, idx) => `<h${Math.min(6, Number(tokens[idx]!.tag.slice(1)) + 2)}>`;
rules.heading_close = (tokens, idx) => `</h${Math.min(6, Number(tokens[idx]!.tag.slice(1)) + 2)}>\n`;

/**
 * HTML for a template filled with sample values. The caller validates the
 * template first; placeholders are swapped for markers of letters and digits
 * before parsing, so a value can only ever land in text, where it is escaped.
 */
export function previewHtml(kind: DocumentKind, body: string, values: ResolvedValues = sampleValues(kind)): string {
  const marked = markPlaceholders(kind, body);
  const valueOf = (index: string): string[] => values[marked.names[Number(index)]!] ?? [];
  const render = (text: string): string => {
    const tokens = markdown.parse(text, {});
    // Attributes (a link's address or title) get the value as plain text; markdown-it escapes them.
    const plain = (tokenList: typeof tokens): void => {
      for (const token of tokenList) {
        if (token.attrs) token.attrs = token.attrs.map(([k, v]) => [k, String(v).replace(marked.pattern, (_: string, index: string) => valueOf(index).join(', '))]);
        if (token.children) plain(token.children);
      }
    };
    plain(tokens);
    return markdown.renderer.render(tokens, markdown.options, env as unknown as Parameters<typeof markdown.renderer.render>[2]);
  };
  const env: PreviewEnv = {
    fill: (text) =>
      escapeHtml(text).replace(marked.pattern, (_, index: string) => `<mark class="placeholder-value">${valueOf(index).map(escapeHtml).join('<br>')}</mark>`),
    nested: render,
  };
  return render(marked.text);
}
