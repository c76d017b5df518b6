import {
  AlignmentType,
  BorderStyle,
  IParagraphOptions,
  LineRuleType,
  Paragraph,
  ShadingType,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
  type IBorderOptions,
} from 'docx';
import { CAMPAIGN, MUTED, PARAGRAPH_AFTER, TEXT_WIDTH } from './document-style';
import { BuildContext, inlineChildren, parseInline, runs } from './markdown-inline';

/** A paragraph's options, still open to change: a later block may ask it to keep with what follows. */
export type ParagraphOptions = { -readonly [K in keyof IParagraphOptions]: IParagraphOptions[K] };

export type Block = { type: 'paragraph'; options: ParagraphOptions; spacer?: true } | { type: 'table'; table: Table };

export const paragraph = (options: ParagraphOptions): Block => ({ type: 'paragraph', options });

export function toDocx(blocks: readonly Block[]): (Paragraph | Table)[] {
  return blocks.map((b) => (b.type === 'paragraph' ? new Paragraph(b.options) : b.table));
}

/** The blocks a fenced block of the letter layout writes. */
export const LETTER_BLOCKS = ['letterhead', 'from', 'to', 'date', 'signatures', 'signed'] as const;
const SIGNATURE_LINE = '________________________________________';

/**
 * A letter block: ```letterhead (the sender's name large, its address below,
 * centred above a rule), ```from (right-aligned), ```to, ```date and
 * ```signatures (a signature, name and role for each line). Every paragraph
 * of a signature is kept with the next, so a signature never starts a page
 * alone; the caller keeps the text before it with it too.
 */
export function letterBlock(ctx: BuildContext, info: (typeof LETTER_BLOCKS)[number], content: string): Block[] {
  const lines = content.replace(/\n$/, '').split('\n');
  const lineRuns = (from = 0, format = {}): TextRun[] => lines.slice(from).flatMap((line, i) => runs(ctx, line, format, i > 0));
  switch (info) {
    case 'letterhead':
      return [
        paragraph({ alignment: AlignmentType.CENTER, keepNext: true, spacing: { after: 60 }, children: runs(ctx, lines[0] ?? '', { bold: true, size: 30 }) }),
        paragraph({
          alignment: AlignmentType.CENTER,
          border: { bottom: { style: BorderStyle.SINGLE, size: 6, color: MUTED, space: 6 } },
          spacing: { after: 360 },
          children: lineRuns(1, { size: 20, color: MUTED }),
        }),
      ];
    case 'from':
      return [paragraph({ alignment: AlignmentType.RIGHT, keepLines: true, spacing: { after: 280 }, children: lineRuns() })];
    case 'to':
    case 'date':
      return [paragraph({ keepLines: true, spacing: { after: 280 }, children: lineRuns() })];
    case 'signed':
      // A letter one person signs: room for the signature, then their name and any lines below it.
      return [paragraph({ keepLines: true, spacing: { before: 720, after: 280 }, children: lineRuns() })];
    case 'signatures':
      return signatureTable(ctx, lines.filter((line) => line.trim()).map((line) => line.trim()));
  }
}

/**
 * A signature, name and role for each signer, side by side (up to three; more
 * take further rows). Every row is kept with the next and never split, so the
 * block stays whole; the caller keeps the text before it on its page too.
 */
function signatureTable(ctx: BuildContext, roles: string[]): Block[] {
  if (roles.length === 0) {
    ctx.problems.push('A ```signatures block needs a line for each person who signs, such as "Branch secretary".');
    return [];
  }
  const perRow = Math.min(roles.length, 3);
  const width = Math.floor(TEXT_WIDTH / perRow);
  const line = '_'.repeat(perRow === 1 ? 40 : perRow === 2 ? 24 : 14);
  const rows: TableRow[] = [];
  for (let start = 0; start < roles.length; start += perRow) {
    const group = roles.slice(start, start + perRow);
    const lastGroup = start + perRow >= roles.length;
    const row = (make: (role: string) => Paragraph, keepNext: boolean): TableRow =>
      new TableRow({
        cantSplit: true,
        keepNext,
        children: Array.from({ length: perRow }, (_, i) => {
          const role = group[i];
          return new TableCell({
            width: { size: width, type: WidthType.DXA },
            borders: { top: NONE, bottom: NONE, left: NONE, right: NONE },
            margins: { top: 0, bottom: 0, left: 0, right: 160 },
            children: [role === undefined ? new Paragraph({ children: [] }) : make(role)],
          });
        }),
      });
    rows.push(
      row(() => new Paragraph({ keepNext: true, keepLines: true, spacing: { before: 480, after: 0 }, children: [new TextRun(`Signed: ${line}`)] }), true),
      row(() => new Paragraph({ keepNext: true, keepLines: true, spacing: { before: 240, after: 0 }, children: [new TextRun(`Name: ${line}`)] }), true),
      row((role) => new Paragraph({ keepNext: !lastGroup, keepLines: true, spacing: { before: 120, after: 0 }, children: runs(ctx, role, { bold: true }) }), !lastGroup),
    );
  }
  return [
    { type: 'table', table: new Table({ rows, width: { size: width * perRow, type: WidthType.DXA }, columnWidths: Array(perRow).fill(width), borders: NO_BORDERS }) },
    spaceAfterTable(),
  ];
}

const NONE: IBorderOptions = { style: BorderStyle.NONE, size: 0, color: 'auto' };
const RULE: IBorderOptions = { style: BorderStyle.SINGLE, size: 8, color: CAMPAIGN.colour };
const NO_BORDERS = { top: NONE, bottom: NONE, left: NONE, right: NONE, insideHorizontal: NONE, insideVertical: NONE };
/** Every column after the first (the amounts) is this wide. */
const AMOUNT_WIDTH = 2268;

/**
 * A ```lines block: a table of lines, one row per line with its cells
 * separated by "|", the first row its headings; rows after a line of "---"
 * are totals, in bold under a rule. Cells hold inline Markdown and
 * placeholders; every column after the first is right-aligned, for amounts.
 */
export function linesTable(ctx: BuildContext, content: string): Block[] {
  const rows = content
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '');
  const split = (line: string): string[] => line.replace(/^\|/, '').replace(/\|$/, '').split('|').map((cell) => cell.trim());
  const heading = rows[0] ? split(rows[0]) : [];
  if (heading.length < 2 || heading.length > 4) {
    ctx.problems.push('A ```lines block needs a first row of 2 to 4 column headings separated by "|", such as "Description | Amount".');
    return [];
  }
  const widths = heading.map((_, i) => (i === 0 ? TEXT_WIDTH - AMOUNT_WIDTH * (heading.length - 1) : AMOUNT_WIDTH));
  let totals = false;
  let firstTotal = false;
  const tableRows: TableRow[] = [];
  rows.forEach((line, index) => {
    if (/^-{3,}$/.test(line)) {
      totals = firstTotal = true;
      return;
    }
    const cells = split(line);
    if (cells.length !== heading.length) {
      ctx.problems.push(`Each row of a \`\`\`lines block needs ${heading.length} cells separated by "|", as its headings have; "${line.slice(0, 60)}" has ${cells.length}.`);
      return;
    }
    const isHeading = index === 0;
    const top = firstTotal ? RULE : NONE;
    firstTotal = false;
    tableRows.push(
      new TableRow({
        cantSplit: true,
        // Written only on the heading row: some readers take w:val="off" as on.
        ...(isHeading && { tableHeader: true }),
        keepNext: index < rows.length - 1,
        children: cells.map(
          (cell, i) =>
            new TableCell({
              width: { size: widths[i]!, type: WidthType.DXA },
              borders: { top, bottom: isHeading ? RULE : NONE, left: NONE, right: NONE },
              margins: { top: 60, bottom: 60, left: 100, right: 100 },
              children: [
                new Paragraph({
                  alignment: i === 0 ? AlignmentType.LEFT : AlignmentType.RIGHT,
                  spacing: { after: 0 },
                  children: inlineChildren(ctx, parseInline(cell), isHeading || totals ? { bold: true } : {}),
                }),
              ],
            }),
        ),
      }),
    );
  });
  if (tableRows.length < 2) ctx.problems.push('A ```lines block needs at least one line under its headings.');
  return [
    {
      type: 'table',
      table: new Table({ rows: tableRows, width: { size: TEXT_WIDTH, type: WidthType.DXA }, columnWidths: widths, borders: NO_BORDERS }),
    },
    spaceAfterTable(),
  ];
}

/** A ```note block: its Markdown in a tinted box with a rule on its left, for guidance beside the text. */
export function noteBox(content: readonly (Paragraph | Table)[]): Block[] {
  const left: IBorderOptions = { style: BorderStyle.SINGLE, size: 24, color: CAMPAIGN.colour };
  return [
    {
      type: 'table',
      table: new Table({
        width: { size: TEXT_WIDTH, type: WidthType.DXA },
        columnWidths: [TEXT_WIDTH],
        borders: NO_BORDERS,
        rows: [
          new TableRow({
            cantSplit: true,
            children: [
              new TableCell({
                width: { size: TEXT_WIDTH, type: WidthType.DXA },
                borders: { top: NONE, bottom: NONE, right: NONE, left },
                shading: { type: ShadingType.CLEAR, color: 'auto', fill: 'F4EFF6' },
                margins: { top: 120, bottom: 0, left: 200, right: 200 },
                children: content.length ? [...content] : [new Paragraph({ children: [] })],
              }),
            ],
          }),
        ],
      }),
    },
    spaceAfterTable(),
  ];
}

/** A table carries no space after it: an empty paragraph as tall as a paragraph's space after does. */
function spaceAfterTable(): Block {
  return { type: 'paragraph', spacer: true, options: { spacing: { before: 0, after: 0, line: PARAGRAPH_AFTER * 2, lineRule: LineRuleType.EXACT }, children: [] } };
}

/**
 * A document must end with a paragraph, so one ending with a table keeps its
 * spacer; at 1 pt tall it cannot spill onto a blank page of its own.
 */
export function endDocument(blocks: Block[]): void {
  const last = blocks.at(-1);
  if (last?.type === 'paragraph' && last.spacer) last.options.spacing = { before: 0, after: 0, line: 20, lineRule: LineRuleType.EXACT };
}
