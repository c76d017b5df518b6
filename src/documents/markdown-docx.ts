import {
  AlignmentType,
  BorderStyle,
  Document,
  ExternalHyperlink,
  Footer,
  Header,
  HeadingLevel,
  PageNumber,
  Paragraph,
  ParagraphChild,
  TabStopType,
  TextRun,
} from 'docx';
import MarkdownIt from 'markdown-it';
import { CAMPAIGN, documentStyles, LIST_INDENT, NUMBERING } from './document-style';

/** markdown-it's token, typed to what is read here. */
interface MdToken {
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
const markdown = new MarkdownIt('commonmark', { html: false, linkify: false, typographer: false });

/**
 * Turns the text of a template (which may hold placeholder markers) into the
 * lines one run shows. Compiling keeps the markers; rendering directly puts
 * the values in, with a line break between the lines of a multi-line value.
 */
export type TextFill = (text: string) => string[];

interface RunFormat {
  bold?: boolean;
  italics?: boolean;
  font?: string;
  style?: string;
}

interface BuildContext {
  fill: TextFill;
  /** Matches a placeholder marker, to refuse one where text cannot go. */
  marker: RegExp;
  problems: string[];
  nextListInstance: number;
}

const HEADINGS = [HeadingLevel.HEADING_1, HeadingLevel.HEADING_2, HeadingLevel.HEADING_3, HeadingLevel.HEADING_4, HeadingLevel.HEADING_5, HeadingLevel.HEADING_6];
const LETTER_BLOCKS = ['from', 'to', 'date', 'signatures'] as const;
const SIGNATURE_LINE = '________________________________________';

/** One run per line of the filled text, each after the first (or all, with breakBefore) starting on a new line. */
function runs(ctx: BuildContext, text: string, format: RunFormat, breakBefore = false): TextRun[] {
  return ctx.fill(text).map((line, i) => new TextRun({ text: line, ...format, ...((i > 0 || breakBefore) && { break: 1 }) }));
}

/** The runs of one inline token list: text, bold, italic, code, links, line breaks. */
function inlineChildren(ctx: BuildContext, tokens: MdToken[]): ParagraphChild[] {
  const out: ParagraphChild[] = [];
  let bold = 0;
  let italics = 0;
  let link: { href: string; children: TextRun[] } | undefined;
  let pending = '';
  let pendingBreak = false;

  const format = (): RunFormat => ({
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

interface ListFrame {
  ordered: boolean;
  instance: number;
}

/** Paragraphs for a letter block written as a fenced block: ```from, ```to, ```date or ```signatures. */
function letterBlock(ctx: BuildContext, info: string, content: string): Paragraph[] {
  const lines = content.replace(/\n$/, '').split('\n');
  const lineRuns = (): TextRun[] => lines.flatMap((line, i) => runs(ctx, line, {}, i > 0));
  switch (info as (typeof LETTER_BLOCKS)[number]) {
    case 'from':
      return [new Paragraph({ alignment: AlignmentType.RIGHT, spacing: { after: 360 }, children: lineRuns() })];
    case 'to':
      return [new Paragraph({ spacing: { after: 360 }, children: lineRuns() })];
    case 'date':
      return [new Paragraph({ spacing: { after: 360 }, children: lineRuns() })];
    case 'signatures':
      return lines
        .filter((line) => line.trim())
        .flatMap((role) => [
          new Paragraph({ keepNext: true, spacing: { before: 600, after: 0 }, children: [new TextRun(`Signed: ${SIGNATURE_LINE}`)] }),
          new Paragraph({ keepNext: true, spacing: { before: 240, after: 0 }, children: [new TextRun(`Name: ${SIGNATURE_LINE}`)] }),
          new Paragraph({ spacing: { before: 120, after: 120 }, children: runs(ctx, role.trim(), { bold: true }) }),
        ]);
  }
  return [];
}

/** Paragraphs for the Markdown body: headings, paragraphs, lists, quotes, rules and letter blocks. */
function bodyParagraphs(ctx: BuildContext, tokens: MdToken[]): Paragraph[] {
  const out: Paragraph[] = [];
  const lists: ListFrame[] = [];
  let quoteDepth = 0;
  let heading: (typeof HEADINGS)[number] | undefined;
  let firstInItem = false;

  for (const token of tokens) {
    switch (token.type) {
      case 'heading_open':
        heading = HEADINGS[Number(token.tag.slice(1)) - 1];
        break;
      case 'heading_close':
        heading = undefined;
        break;
      case 'bullet_list_open':
      case 'ordered_list_open':
        lists.push({ ordered: token.type === 'ordered_list_open', instance: ctx.nextListInstance++ });
        break;
      case 'bullet_list_close':
      case 'ordered_list_close':
        lists.pop();
        break;
      case 'list_item_open':
        firstInItem = true;
        break;
      case 'blockquote_open':
        quoteDepth++;
        break;
      case 'blockquote_close':
        quoteDepth--;
        break;
      case 'hr':
        out.push(new Paragraph({ border: { bottom: { style: BorderStyle.SINGLE, size: 6, color: CAMPAIGN.colour, space: 1 } }, children: [] }));
        break;
      case 'inline': {
        const children = inlineChildren(ctx, token.children ?? []);
        const list = lists.at(-1);
        const indent = (lists.length ? LIST_INDENT * lists.length : 0) + quoteDepth * LIST_INDENT;
        if (heading) {
          out.push(new Paragraph({ heading, children }));
        } else if (list && firstInItem) {
          out.push(
            new Paragraph({
              numbering: { reference: list.ordered ? NUMBERING.ordered : NUMBERING.bullet, level: Math.min(lists.length - 1, 8), instance: list.instance },
              children,
            }),
          );
        } else {
          out.push(new Paragraph({ ...(indent > 0 && { indent: { left: indent } }), children }));
        }
        firstInItem = false;
        break;
      }
      case 'fence': {
        const info = token.info.trim();
        if ((LETTER_BLOCKS as readonly string[]).includes(info)) out.push(...letterBlock(ctx, info, token.content));
        else ctx.problems.push(`A fenced block must be one of ${LETTER_BLOCKS.map((b) => '```' + b).join(', ')}; "${'```' + info}" is not.`);
        break;
      }
      case 'code_block':
        ctx.problems.push('A line indented by four spaces is read as code, which documents do not support: remove the indentation.');
        break;
      case 'html_block':
        ctx.problems.push('HTML is not supported in documents.');
        break;
      default:
        break;
    }
  }
  return out;
}

function header(): Header {
  return new Header({
    children: [
      new Paragraph({
        border: { bottom: { style: BorderStyle.SINGLE, size: 6, color: CAMPAIGN.colour, space: 4 } },
        tabStops: [{ type: TabStopType.RIGHT, position: 9026 }],
        children: [
          new TextRun({ text: CAMPAIGN.name, bold: true, color: CAMPAIGN.colour }),
          new TextRun({ text: `\t${CAMPAIGN.website}`, color: '4D4D57', size: 18 }),
        ],
      }),
    ],
  });
}

function footer(): Footer {
  return new Footer({
    children: [
      new Paragraph({
        alignment: AlignmentType.CENTER,
        children: [new TextRun({ children: ['Page ', PageNumber.CURRENT, ' of ', PageNumber.TOTAL_PAGES], color: '4D4D57', size: 18 })],
      }),
    ],
  });
}

export interface BuildOptions {
  title: string;
  /** Markdown, possibly holding placeholder markers. */
  body: string;
  fill: TextFill;
  marker: RegExp;
}

/**
 * The Word document for a template body, in the campaign's style: a header
 * with the campaign's name, a footer with "Page X of Y", A4 pages. Problems in
 * the Markdown are pushed to `problems`; the caller refuses the template.
 */
export function buildDocument(options: BuildOptions, problems: string[]): Document {
  const ctx: BuildContext = { fill: options.fill, marker: options.marker, problems, nextListInstance: 1 };
  const tokens = markdown.parse(options.body, {}) as unknown as MdToken[];
  const children = bodyParagraphs(ctx, tokens);
  return new Document({
    title: options.title,
    creator: CAMPAIGN.name,
    lastModifiedBy: CAMPAIGN.name,
    styles: documentStyles(),
    numbering: { config: NUMBERING.config },
    sections: [
      {
        properties: { page: { size: { width: 11906, height: 16838 }, margin: { top: 1440, right: 1440, bottom: 1440, left: 1440, header: 708, footer: 708 } } },
        headers: { default: header() },
        footers: { default: footer() },
        children,
      },
    ],
  });
}
