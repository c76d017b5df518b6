import MarkdownIt from 'markdown-it';
import { DocumentKind, PlaceholderSpec, PlaceholderValues, placeholderSpecs } from './document-kinds';
import { resolveValues, type ResolvedValues } from './placeholder-values';
import { markPlaceholders } from './template-source';

/** Values an admin sees in a preview or a sample document: plausible, and plainly examples. */
const SAMPLE_BY_NAME: Record<string, string | number> = {
  'branch.name': 'Bristol Central',
  union: 'Unite the Union',
  'branch.address': '12 Example Street\nBristol\nBS1 4DJ',
  'fee.amount': 5000,
  'fee.band': '501 to 2,000 members',
  'invoice.reference': 'PSOOL-2026-0001-K',
  'invoice.year': '2026',
  'invoice.amount': 5000,
  'invoice.to_pay': 5000,
  'bank.account_name': 'Police Spies Out of Lives',
  'bank.sort_code': '00-00-00',
  'bank.account_number': '00000000',
};
const SAMPLE_BY_TYPE: Record<PlaceholderSpec['type'], (spec: PlaceholderSpec) => string | number> = {
  text: (spec) => `(${spec.description.toLowerCase()})`,
  multiline: (spec) => `(${spec.description.toLowerCase()},\nover two lines)`,
  date: () => '2026-03-14',
  money: () => 2500,
};

/** Every placeholder of `kind` filled with a sample value, formatted as a document would show it. */
export function sampleValues(kind: DocumentKind): ResolvedValues {
  const values: Record<string, string | number> = {};
  for (const [name, spec] of Object.entries(placeholderSpecs(kind))) values[name] = SAMPLE_BY_NAME[name] ?? SAMPLE_BY_TYPE[spec.type](spec);
  return resolveValues(kind, values as PlaceholderValues<typeof kind>);
}

interface PreviewEnv {
  /** Escaped HTML for a piece of template text, its placeholder markers shown filled in. */
  fill(text: string): string;
}

/**
 * The same Markdown dialect the documents use (CommonMark, no raw HTML, no
 * images), rendered for a page. Raw HTML in a template shows as text: nothing
 * an admin types becomes markup.
 */
const markdown = new MarkdownIt('commonmark', { html: false, linkify: false, typographer: false }).disable('image');
const rules = markdown.renderer.rules;
const fillOf = (env: unknown): PreviewEnv['fill'] => (env as PreviewEnv).fill;
const escapeHtml = markdown.utils.escapeHtml;
const LETTER_BLOCKS = new Set(['from', 'to', 'date', 'signatures']);

rules.text = (tokens, idx, _options, env) => fillOf(env)(tokens[idx]!.content);
rules.code_inline = (tokens, idx, _options, env) => `<code>${fillOf(env)(tokens[idx]!.content)}</code>`;
rules.code_block = (tokens, idx, _options, env) => `<pre><code>${fillOf(env)(tokens[idx]!.content)}</code></pre>\n`;
rules.fence = (tokens, idx, _options, rawEnv) => {
  const env = { fill: fillOf(rawEnv) };
  const info = tokens[idx]!.info.trim();
  const lines = tokens[idx]!.content.replace(/\n$/, '').split('\n');
  if (!LETTER_BLOCKS.has(info)) return `<pre><code>${env.fill(tokens[idx]!.content)}</code></pre>\n`;
  if (info === 'signatures') {
    return lines
      .filter((line) => line.trim())
      .map((role) => `<p class="preview-signature">Signed: ____________________<br>Name: ____________________<br><strong>${env.fill(role.trim())}</strong></p>\n`)
      .join('');
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
  const env: PreviewEnv = {
    fill: (text) =>
      escapeHtml(text).replace(marked.pattern, (_, index: string) => `<mark class="placeholder-value">${valueOf(index).map(escapeHtml).join('<br>')}</mark>`),
  };
  const tokens = markdown.parse(marked.text, {});
  // Attributes (a link's address or title) get the value as plain text; markdown-it escapes them.
  const plain = (tokenList: typeof tokens): void => {
    for (const token of tokenList) {
      if (token.attrs) token.attrs = token.attrs.map(([k, v]) => [k, String(v).replace(marked.pattern, (_: string, index: string) => valueOf(index).join(', '))]);
      if (token.children) plain(token.children);
    }
  };
  plain(tokens);
  return markdown.renderer.render(tokens, markdown.options, env as unknown as Parameters<typeof markdown.renderer.render>[2]);
}
