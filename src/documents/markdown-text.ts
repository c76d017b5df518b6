import { parseBlocks, type MdToken } from './markdown-inline';
import { isFilled, type ResolvedValues } from './placeholder-values';
import { markPlaceholders, type TemplateSource } from './template-source';

/** What a piece of plain text is: a letter block (address, date, signature) or the letter's own words. */
export type TextPartKind = 'block' | 'text';

export interface TextPart {
  readonly kind: TextPartKind;
  readonly text: string;
}

/** A template as plain text: the subject (its first line wholly in bold) and the paragraphs after it. */
export interface PlainDocument {
  readonly subject: string;
  readonly parts: readonly TextPart[];
}

const CONDITION = /^(if|unless)\s+(\S+)$/;
const LETTER_BLOCKS = new Set(['letterhead', 'from', 'to', 'date', 'signatures', 'signed']);

/**
 * The same template the .docx is made from, as plain text for an email or a
 * web form: the same ```if/```unless answers, the values literal (nothing in
 * them is read as Markdown, since they go in after parsing), emphasis marks
 * dropped, list items as "- ". The first paragraph that is all bold is the
 * subject, and is not repeated in the text.
 */
export function templateText(source: Pick<TemplateSource, 'kind' | 'title' | 'body'>, values: ResolvedValues): PlainDocument {
  const marked = markPlaceholders(source.kind, source.body);
  const fill = (text: string): string =>
    text.replace(marked.pattern, (_, index: string) => (values[marked.names[Number(index)]!] ?? []).join('\n'));
  const filled = (name: string): boolean => isFilled(source.kind, values, name);
  const parts: TextPart[] = [];
  let subject: string | undefined;

  const walk = (tokens: MdToken[]): void => {
    const lists: { ordered: boolean; n: number }[] = [];
    for (const token of tokens) {
      switch (token.type) {
        case 'bullet_list_open':
        case 'ordered_list_open':
          lists.push({ ordered: token.type === 'ordered_list_open', n: 0 });
          break;
        case 'bullet_list_close':
        case 'ordered_list_close':
          lists.pop();
          break;
        case 'inline': {
          const children = token.children ?? [];
          const text = fill(inlineText(children)).trim();
          if (!text) break;
          if (subject === undefined && lists.length === 0 && isAllBold(children)) {
            subject = text.replace(/\s*\n\s*/g, ' ');
            break;
          }
          const list = lists.at(-1);
          if (list) {
            list.n++;
            parts.push({ kind: 'text', text: `${list.ordered ? `${list.n}.` : '-'} ${text}` });
          } else {
            parts.push({ kind: 'text', text });
          }
          break;
        }
        case 'fence': {
          const info = token.info.trim();
          const condition = CONDITION.exec(info);
          if (condition) {
            if (filled(condition[2]!) === (condition[1] === 'if')) walk(parseBlocks(token.content));
          } else if (info === 'note') {
            walk(parseBlocks(token.content));
          } else if (LETTER_BLOCKS.has(info) || info === 'lines') {
            const lines = token.content
              .replace(/\n$/, '')
              .split('\n')
              .map((line) => fill(line).trim())
              .filter((line) => line !== '');
            if (lines.length) parts.push({ kind: 'block', text: lines.join('\n') });
          }
          break;
        }
        default:
          break;
      }
    }
  };
  walk(parseBlocks(marked.text));
  return { subject: subject ?? source.title, parts };
}

function inlineText(children: MdToken[]): string {
  return children
    .map((child) => {
      switch (child.type) {
        case 'text':
        case 'code_inline':
          return child.content;
        case 'softbreak':
          return ' ';
        case 'hardbreak':
          return '\n';
        default:
          return '';
      }
    })
    .join('');
}

function isAllBold(tokens: MdToken[]): boolean {
  const children = tokens.filter((child) => !(child.type === 'text' && child.content === ''));
  return children.length >= 3 && children[0]!.type === 'strong_open' && children.at(-1)!.type === 'strong_close';
}

/** Words in a text: runs of letters or digits (an apostrophe or hyphen inside a word keeps it one). */
export function countWords(text: string): number {
  return (text.match(/[\p{L}\p{N}]+(?:['’-][\p{L}\p{N}]+)*/gu) ?? []).length;
}
