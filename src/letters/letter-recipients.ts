import type { DocumentKind } from '../documents/document-kinds';

/** Whom a letter can be written to: the short names the API paths use. */
export const LETTER_RECIPIENTS = ['mp', 'councillor', 'pcc', 'home-affairs-committee', 'home-office'] as const;
export type LetterRecipient = (typeof LETTER_RECIPIENTS)[number];

export interface RecipientInfo {
  /** The document kind (and template) of this recipient's letter. */
  readonly documentKind: Extract<DocumentKind, `letter-${string}`>;
  /** "your MP": as the builder's choices and headings name the recipient. */
  readonly label: string;
  /** One line under the choice: what the letter asks. */
  readonly asks: string;
  /** What "area" means for this recipient; none for a body with one address. */
  readonly area?: { readonly label: string; readonly hint: string };
  /** The recipient's name when the writer gives none (a body written to by its office). */
  readonly defaultName?: string;
  readonly nameHint: string;
}

export const RECIPIENTS: Record<LetterRecipient, RecipientInfo> = {
  mp: {
    documentKind: 'letter-mp',
    label: 'your MP',
    asks: 'Asks them to back the campaign, press the Home Office to act, and raise it with the Home Affairs Committee.',
    area: { label: 'Your constituency (optional)', hint: 'The area your MP represents, for example Bristol Central.' },
    nameHint: 'For example Jo Smith MP.',
  },
  councillor: {
    documentKind: 'letter-councillor',
    label: 'your local councillor',
    asks: 'Asks them to hold your local police force to account.',
    area: { label: 'Your ward and council (optional)', hint: 'For example Easton ward, Bristol City Council.' },
    nameHint: 'For example Councillor Sam Patel.',
  },
  pcc: {
    documentKind: 'letter-pcc',
    label: 'your police and crime commissioner',
    asks: 'Asks them to condemn the abuse, recognise institutional sexism and prejudice, and sign Where We Stand.',
    area: { label: 'Your police force area', hint: 'We name the body that holds that force to account.' },
    nameHint: 'The commissioner, mayor or chair, if you know their name.',
  },
  'home-affairs-committee': {
    documentKind: 'letter-home-affairs-committee',
    label: 'the Home Affairs Committee',
    asks: 'Sets out what the campaign asks for, for the MPs who scrutinise the Home Office.',
    defaultName: 'The Chair',
    nameHint: 'Leave it as it is to write to the Chair of the Committee.',
  },
  'home-office': {
    documentKind: 'letter-home-office',
    label: 'the Home Office',
    asks: 'Sets out what the campaign asks for, to the department responsible for policing.',
    defaultName: 'The Home Secretary',
    nameHint: 'Leave it as it is to write to the Home Secretary.',
  },
};

export function isLetterRecipient(value: unknown): value is LetterRecipient {
  return typeof value === 'string' && (LETTER_RECIPIENTS as readonly string[]).includes(value);
}
