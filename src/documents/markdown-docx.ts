import { AlignmentType, BorderStyle, Document, Footer, Header, HeadingLevel, PageNumber, Paragraph, TabStopType, TextRun } from 'docx';
import { Block, endDocument, LETTER_BLOCKS, letterBlock, linesTable, noteBox, paragraph, toDocx } from './docx-blocks';
import { CAMPAIGN, documentStyles, LIST_INDENT, MUTED, NUMBERING, PARAGRAPH_AFTER } from './document-style';
import { BuildContext, inlineChildren, MdToken, parseBlocks, TextFill } from './markdown-inline';

export type { TextFill } from './markdown-inline';

const HEADINGS = [HeadingLevel.HEADING_1, HeadingLevel.HEADING_2, HeadingLevel.HEADING_3, HeadingLevel.HEADING_4, HeadingLevel.HEADING_5, HeadingLevel.HEADING_6];
/** Every fenced block a template may use, as the editor's hint and the error message list them. */
export const FENCED_BLOCKS = [...LETTER_BLOCKS, 'lines', 'note', 'new-page', 'if …', 'unless …'] as const;
/** Blocks in blocks (a note inside a condition…) this deep at most. */
const MAX_DEPTH = 4;
/** How many paragraphs before a signature block are kept on its page. */
const KEPT_BEFORE_SIGNATURES = 2;
const CONDITION = /^(if|unless)\s+(\S+)$/;
/** A paragraph that ends in a line to write on ("Proposed by: ……………"): it stays on the page of the text before it. */
const FILL_IN_LINE = /[…_.]{5,}\s*$/;

interface ListFrame {
  ordered: boolean;
  instance: number;
}

/** Adds a block, starting a page with it when a ```new-page block came just before. */
function push(ctx: BuildContext, out: Block[], block: Block): void {
  if (ctx.pageBreak) {
    ctx.pageBreak = false;
    if (block.type === 'paragraph') block.options.pageBreakBefore = true;
    else out.push(paragraph({ pageBreakBefore: true, spacing: { after: 0 }, children: [] }));
  }
  out.push(block);
}

/** The paragraphs just before a signature block stay on its page: a signature never stands alone. */
function keepWithSignatures(out: Block[]): void {
  let kept = 0;
  for (let i = out.length - 1; i >= 0 && kept < KEPT_BEFORE_SIGNATURES; i--) {
    const block = out[i]!;
    if (block.type !== 'paragraph') break;
    block.options.keepNext = true;
    block.options.keepLines = true;
    kept++;
  }
}

function keepWithPrevious(out: Block[]): void {
  const previous = out.at(-1);
  if (previous?.type === 'paragraph') previous.options.keepNext = true;
}

/** A fenced block: a letter block, a table of lines, a note, a page break, or Markdown shown only when a placeholder has a value (or has none). */
function fencedBlock(ctx: BuildContext, out: Block[], token: MdToken): void {
  const info = token.info.trim();
  ctx.marker.lastIndex = 0;
  if (ctx.marker.test(info)) {
    ctx.problems.push('A placeholder cannot be part of the name of a fenced block: write ```if branch.name, without braces.');
    return;
  }
  const condition = CONDITION.exec(info);
  if (condition || info === 'note') {
    if (ctx.depth >= MAX_DEPTH) {
      ctx.problems.push(`Fenced blocks can be put inside one another at most ${MAX_DEPTH} deep.`);
      return;
    }
  }
  if (condition) {
    const [, word, name] = condition as unknown as [string, 'if' | 'unless', string];
    if (!ctx.placeholders.includes(name)) {
      ctx.problems.push(`"\`\`\`${info}" names no placeholder of this template: use one of ${ctx.placeholders.join(', ')}.`);
      return;
    }
    const shown = ctx.filled === undefined || ctx.filled(name) === (word === 'if');
    if (shown) nested(ctx, token.content, out);
    return;
  }
  if ((LETTER_BLOCKS as readonly string[]).includes(info)) {
    const blocks = letterBlock(ctx, info as (typeof LETTER_BLOCKS)[number], token.content);
    if (info === 'signatures' || info === 'signed') keepWithSignatures(out);
    for (const block of blocks) push(ctx, out, block);
  } else if (info === 'lines') {
    for (const block of linesTable(ctx, token.content)) push(ctx, out, block);
  } else if (info === 'note') {
    const inside: Block[] = [];
    nested(ctx, token.content, inside);
    for (const block of noteBox(toDocx(inside))) push(ctx, out, block);
  } else if (info === 'new-page') {
    if (token.content.trim()) ctx.problems.push('A ```new-page block is empty: put what follows it after its closing ```.');
    ctx.pageBreak = true;
  } else {
    ctx.problems.push(`A fenced block must be one of ${FENCED_BLOCKS.map((b) => '```' + b).join(', ')}; "${'```' + info}" is not.`);
  }
}

function nested(ctx: BuildContext, text: string, out: Block[]): void {
  ctx.depth++;
  bodyBlocks(ctx, parseBlocks(text), out);
  ctx.depth--;
}

/** Blocks for the Markdown body: headings, paragraphs, lists, quotes, rules and fenced blocks. */
function bodyBlocks(ctx: BuildContext, tokens: MdToken[], out: Block[]): void {
  const lists: ListFrame[] = [];
  let quoteDepth = 0;
  let heading: (typeof HEADINGS)[number] | undefined;
  let firstInItem = false;
  let lastListParagraph: Block | undefined;

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
        // A list item's space after is smaller; the list as a whole ends with a paragraph's.
        if (lists.length === 0 && lastListParagraph?.type === 'paragraph') {
          lastListParagraph.options.spacing = { ...lastListParagraph.options.spacing, after: PARAGRAPH_AFTER };
        }
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
        push(ctx, out, paragraph({ border: { bottom: { style: BorderStyle.SINGLE, size: 6, color: CAMPAIGN.colour, space: 1 } }, children: [] }));
        break;
      case 'inline': {
        const children = inlineChildren(ctx, token.children ?? []);
        const list = lists.at(-1);
        const indent = (lists.length ? LIST_INDENT * lists.length : 0) + quoteDepth * LIST_INDENT;
        let block: Block;
        if (heading) {
          block = paragraph({ heading, children });
        } else if (list && firstInItem) {
          block = paragraph({
            numbering: { reference: list.ordered ? NUMBERING.ordered : NUMBERING.bullet, level: Math.min(lists.length - 1, 8), instance: list.instance },
            children,
          });
        } else {
          // A quote or a paragraph of lines (an address, the fee bands) is read as one: it is not split over two pages.
          const asOne = quoteDepth > 0 || (token.children ?? []).some((child) => child.type === 'hardbreak');
          block = paragraph({ ...(indent > 0 && { indent: { left: indent } }), ...(asOne && { keepLines: true }), children });
          if (FILL_IN_LINE.test(token.content)) keepWithPrevious(out);
        }
        if (list) lastListParagraph = block;
        push(ctx, out, block);
        firstInItem = false;
        break;
      }
      case 'fence':
        fencedBlock(ctx, out, token);
        break;
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
}

function header(): Header {
  return new Header({
    children: [
      new Paragraph({
        border: { bottom: { style: BorderStyle.SINGLE, size: 6, color: CAMPAIGN.colour, space: 4 } },
        tabStops: [{ type: TabStopType.RIGHT, position: 9026 }],
        children: [
          new TextRun({ text: CAMPAIGN.name, bold: true, color: CAMPAIGN.colour }),
          new TextRun({ text: `\t${CAMPAIGN.website}`, color: MUTED, size: 18 }),
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
        children: [new TextRun({ children: ['Page ', PageNumber.CURRENT, ' of ', PageNumber.TOTAL_PAGES], color: MUTED, size: 18 })],
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
  /** The placeholders of the template's kind, for ```if and ```unless. */
  placeholders: readonly string[];
  /** Which placeholders have values; undefined builds every conditional block (to check a template). */
  filled?: (name: string) => boolean;
  /** The campaign's name in the page header (not on a branch's own letter). */
  campaignHeader: boolean;
}

/**
 * The Word document for a template body, in the campaign's style: a header
 * with the campaign's name (unless the kind is the branch's own letter), a
 * footer with "Page X of Y", A4 pages, UK English. Problems in the Markdown
 * are pushed to `problems`; the caller refuses the template.
 */
export function buildDocument(options: BuildOptions, problems: string[]): Document {
  const ctx: BuildContext = {
    fill: options.fill,
    marker: options.marker,
    problems,
    nextListInstance: 1,
    placeholders: options.placeholders,
    filled: options.filled,
    pageBreak: false,
    depth: 0,
  };
  const blocks: Block[] = [];
  bodyBlocks(ctx, parseBlocks(options.body), blocks);
  endDocument(blocks);
  return new Document({
    title: options.title,
    creator: CAMPAIGN.name,
    lastModifiedBy: CAMPAIGN.name,
    styles: documentStyles(),
    numbering: { config: NUMBERING.config },
    sections: [
      {
        properties: { page: { size: { width: 11906, height: 16838 }, margin: { top: 1440, right: 1440, bottom: 1440, left: 1440, header: 708, footer: 708 } } },
        ...(options.campaignHeader && { headers: { default: header() } }),
        footers: { default: footer() },
        children: toDocx(blocks),
      },
    ],
  });
}
