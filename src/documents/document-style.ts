import { AlignmentType, IStylesOptions, LevelFormat, NumberingDefinition } from 'docx';

/** The campaign as every document names it. */
export const CAMPAIGN = {
  name: 'Police Spies Out of Lives',
  website: 'policespiesoutoflives.org.uk',
  /** The portal's brand purple. */
  colour: '5B1F6B',
} as const;

/** Arial is on every Windows and Mac; LibreOffice substitutes the metric-compatible Liberation Sans. */
const FONT = 'Arial';
/** Grey for secondary text (the header's address, a letterhead's lines): 7:1 on white. */
export const MUTED = '4D4D57';
/** Space after a paragraph, in twips: lists and tables end with the same. */
export const PARAGRAPH_AFTER = 160;
/** The width between the margins of an A4 page with 2.54 cm margins, in twips. */
export const TEXT_WIDTH = 11906 - 2 * 1440;
/**
 * Every document is in UK English: Word, LibreOffice and Google Docs
 * spell-check it as such (w:lang in the default run properties).
 */
export const LANGUAGE = 'en-GB';
/** Twips (1/20 pt) per list level. */
export const LIST_INDENT = 567;

export function documentStyles(): IStylesOptions {
  const heading = (size: number, before: number) => ({
    run: { font: FONT, size, bold: true, color: CAMPAIGN.colour },
    paragraph: { spacing: { before, after: 120, line: 264 }, keepNext: true, keepLines: true },
  });
  return {
    default: {
      document: { run: { font: FONT, size: 22, language: { value: LANGUAGE } }, paragraph: { spacing: { after: PARAGRAPH_AFTER, line: 276 } } },
      heading1: heading(32, 240),
      heading2: heading(26, 200),
      heading3: heading(24, 200),
      hyperlink: { run: { color: CAMPAIGN.colour, underline: {} } },
      listParagraph: { paragraph: { spacing: { after: 80 } } },
    },
  };
}

function levels(format: (typeof LevelFormat)[keyof typeof LevelFormat], text: (level: number) => string) {
  return Array.from({ length: 9 }, (_, level) => ({
    level,
    format,
    text: text(level),
    alignment: AlignmentType.START,
    style: { paragraph: { indent: { left: LIST_INDENT * (level + 1), hanging: 397 } } },
  }));
}

const BULLETS = ['•', '◦', '▪'];

export const NUMBERING: { ordered: string; bullet: string; config: NumberingDefinition[] } = {
  ordered: 'numbers',
  bullet: 'bullets',
  config: [
    { reference: 'numbers', levels: levels(LevelFormat.DECIMAL, (level) => `%${level + 1}.`) },
    { reference: 'bullets', levels: levels(LevelFormat.BULLET, (level) => BULLETS[level % 3]!) },
  ],
};
