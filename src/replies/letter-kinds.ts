/** What the portal knows about one kind of recipient of a campaign letter. */
export interface LetterKindDescription {
  /** Who the recipient is, as a heading reads. */
  readonly label: string;
  /** In a sentence: "you wrote to …". */
  readonly inSentence: string;
  /** The recipient's area is a police force area (the tallies count PCC replies per area). */
  readonly policeArea: boolean;
}

/**
 * Every kind of recipient a letter (and so a reply) can have, described once:
 * CHECK constraints, API enums, form choices and the tallies' keys are derived
 * from this table. The letter builder's document kinds use the same keys.
 */
export const LETTER_KIND = {
  mp: { label: 'MP', inSentence: 'your MP', policeArea: false },
  councillor: { label: 'Local councillor', inSentence: 'your local councillor', policeArea: false },
  pcc: { label: 'Police and Crime Commissioner (or the body in their place)', inSentence: 'your Police and Crime Commissioner', policeArea: true },
  'home-affairs-committee': { label: 'Home Affairs Select Committee', inSentence: 'the Home Affairs Select Committee', policeArea: false },
  'home-office': { label: 'Home Office', inSentence: 'the Home Office', policeArea: false },
} as const satisfies Record<string, LetterKindDescription>;

export type LetterKind = keyof typeof LETTER_KIND;

export const LETTER_KINDS = Object.keys(LETTER_KIND) as LetterKind[];

export function isLetterKind(value: unknown): value is LetterKind {
  return typeof value === 'string' && (LETTER_KINDS as string[]).includes(value);
}
