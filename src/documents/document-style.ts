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
/** Twips (1/20 pt) per list level. */
export const LIST_INDENT = 567;

export function documentStyles(): IStylesOptions {
  const heading = (size: number, before: number) => ({
    run: { font: FONT, size, bold: true, color: CAMPAIGN.colour },
    paragraph: { spacing: { before, after: 120 }, keepNext: true, keepLines: true },
  });
  return {
    default: {
      document: { run: { font: FONT, size: 22 }, paragraph: { spacing: { after: 160, line: 288 } } },
      heading1: heading(32, 240),
      heading2: heading(26, 240),
      heading3: heading(24, 200),
      hyperlink: { run: { color: CAMPAIGN.colour, underline: {} } },
      listParagraph: { paragraph: { spacing: { after: 100 } } },
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
