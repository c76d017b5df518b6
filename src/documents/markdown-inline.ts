import { ExternalHyperlink, ParagraphChild, TextRun } from 'docx';
import MarkdownIt from 'markdown-it';

/** markdown-it's token, typed to what is read here. */
export interface MdToken {
  type: string;
  tag: string;
  info: string;
  content: string;
  children: MdToken[] | null;
  attrGet(name: string): string | null;
}

/**
 * CommonMark only (no tables, no strikethrough), raw HTML shown as text, no
 * typographic replacements: what the admin types is what the document says.
 */
export const markdown = new MarkdownIt('commonmark', { html: false, linkify: false, typographer: false });

export function parseBlocks(text: string): MdToken[] {
  return markdown.parse(text, {}) as unknown as MdToken[];
}

/** The inline tokens of one line of text (a table cell). */
export function parseInline(text: string): MdToken[] {
  const [inline] = markdown.parseInline(text, {}) as unknown as MdToken[];
  return inline?.children ?? [];
}

/**
 * Turns the text of a template (which may hold placeholder markers) into the
 * lines one run shows. Compiling keeps the markers; rendering directly puts
 * the values in, with a line break between the lines of a multi-line value.
 */
export type TextFill = (text: string) => string[];

export interface RunFormat {
  bold?: boolean;
  italics?: boolean;
  font?: string;
  style?: string;
  size?: number;
  color?: string;
}

export interface BuildContext {
  fill: TextFill;
  /** Matches a placeholder marker, to refuse one where text cannot go. */
  marker: RegExp;
  problems: string[];
  nextListInstance: number;
  /** The placeholders this kind has: what a ```if or ```unless block may ask about. */
  placeholders: readonly string[];
  /**
   * Whether a placeholder has a value, for ```if and ```unless blocks.
   * Undefined while a template is only checked: every block is built, so a
   * mistake in one that is seldom shown is still found.
   */
  filled?: (name: string) => boolean;
  /** Set by a ```new-page block: the next block starts a page. */
  pageBreak: boolean;
  /** How deeply blocks are nested in blocks (a note in a condition…), bounded. */
  depth: number;
}

/** One run per line of the filled text, each after the first (or all, with breakBefore) starting on a new line. */
export function runs(ctx: BuildContext, text: string, format: RunFormat, breakBefore = false): TextRun[] {
  return ctx.fill(text).map((line, i) => new TextRun({ text: line, ...format, ...((i > 0 || breakBefore) && { break: 1 }) }));
}

/** The runs of one inline token list: text, bold, italic, code, links, line breaks. */
export function inlineChildren(ctx: BuildContext, tokens: MdToken[], base: RunFormat = {}): ParagraphChild[] {
  const out: ParagraphChild[] = [];
  let bold = 0;
  let italics = 0;
  let link: { href: string; children: TextRun[] } | undefined;
  let pending = '';
  let pendingBreak = false;

  const format = (): RunFormat => ({
    ...base,
    ...(bold > 0 && { bold: true }),
    ...(italics > 0 && { italics: true }),
    ...(link && { style: 'Hyperlink' }),
  });
  const emit = (): void => {
    if (!pending && !pendingBreak) return;
    (link ? link.children : out).push(...runs(ctx, pending, format(), pendingBreak));
    pending = '';
    pendingBreak = false;
  };

  for (const token of tokens) {
    switch (token.type) {
      case 'text':
        pending += token.content;
        break;
      case 'softbreak':
        pending += ' ';
        break;
      case 'hardbreak':
        emit();
        pendingBreak = true;
        break;
      case 'strong_open':
      case 'strong_close':
      case 'em_open':
      case 'em_close':
        emit();
        if (token.type === 'strong_open') bold++;
        if (token.type === 'strong_close') bold--;
        if (token.type === 'em_open') italics++;
        if (token.type === 'em_close') italics--;
        break;
      case 'code_inline':
        emit();
        (link ? link.children : out).push(...runs(ctx, token.content, { ...format(), font: 'Courier New' }));
        break;
      case 'link_open': {
        emit();
        const href = token.attrGet('href') ?? '';
        ctx.marker.lastIndex = 0;
        if (ctx.marker.test(href)) ctx.problems.push('A placeholder cannot be part of a link address.');
        if (!/^(https?:|mailto:)/i.test(href)) ctx.problems.push(`The link "${href}" must start with https://, http:// or mailto:.`);
        link = { href, children: [] };
        break;
      }
      case 'link_close':
        emit();
        if (link) out.push(new ExternalHyperlink({ link: link.href, children: link.children }));
        link = undefined;
        break;
      case 'image':
        ctx.problems.push('Images are not supported in documents.');
        break;
      default:
        pending += token.content;
    }
  }
  emit();
  return out;
}
