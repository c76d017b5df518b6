/**
 * The documents the portal produces and, for each, the fixed set of
 * placeholders its template may use. A template naming anything else is
 * refused, so a typo never reaches a branch as "{{brnach.name}}".
 */
export const DOCUMENT_KINDS = ['model-motion', 'affiliation-letter', 'invoice', 'receipt'] as const;
export type DocumentKind = (typeof DOCUMENT_KINDS)[number];

/**
 * - `text`: one line of literal text;
 * - `multiline`: literal text whose line breaks are kept (a postal address);
 * - `date`: a calendar date, written as "14 March 2025";
 * - `money`: whole pence, written as "£25" or "£12.50".
 */
export const PLACEHOLDER_TYPES = ['text', 'multiline', 'date', 'money'] as const;
export type PlaceholderType = (typeof PLACEHOLDER_TYPES)[number];

export interface PlaceholderSpec {
  readonly type: PlaceholderType;
  readonly description: string;
}

/** Who a document is for: the same placeholders in every kind that names the branch. */
const BRANCH = {
  'branch.name': { type: 'text', description: "The branch's name" },
  union: { type: 'text', description: 'The union the branch belongs to' },
} as const satisfies Record<string, PlaceholderSpec>;

/** … and where its post goes, in the kinds that are sent to it. */
const BRANCH_ADDRESSED = {
  ...BRANCH,
  'branch.address': { type: 'multiline', description: "The branch's correspondence address" },
} as const satisfies Record<string, PlaceholderSpec>;

export const PLACEHOLDERS = {
  'model-motion': {
    ...BRANCH,
    'meeting.date': { type: 'date', description: 'The date of the meeting the motion goes to' },
  },
  'affiliation-letter': {
    ...BRANCH_ADDRESSED,
    'letter.date': { type: 'date', description: 'The date of the letter' },
    'meeting.date': { type: 'date', description: 'The date the branch passed the motion' },
    'fee.amount': { type: 'money', description: 'The yearly affiliation fee agreed' },
  },
  invoice: {
    ...BRANCH_ADDRESSED,
    'invoice.reference': { type: 'text', description: 'The payment reference, check character included' },
    'invoice.date': { type: 'date', description: 'The date the invoice was raised' },
    'invoice.due': { type: 'date', description: 'The date payment is due' },
    'invoice.year': { type: 'text', description: 'The affiliation year the fee is for' },
    'fee.band': { type: 'text', description: 'The fee band (or the amount agreed)' },
    'invoice.amount': { type: 'money', description: 'The amount of the invoice' },
    'invoice.to_pay': { type: 'money', description: 'What is still to pay after payments and credit' },
    'bank.account_name': { type: 'text', description: 'The name on the campaign bank account' },
    'bank.sort_code': { type: 'text', description: 'The sort code' },
    'bank.account_number': { type: 'text', description: 'The account number' },
  },
  receipt: {
    ...BRANCH_ADDRESSED,
    'invoice.reference': { type: 'text', description: 'The payment reference of the invoice paid' },
    'invoice.year': { type: 'text', description: 'The affiliation year the fee was for' },
    'invoice.amount': { type: 'money', description: 'The amount paid' },
    'paid.on': { type: 'date', description: 'The date the invoice was paid in full' },
    'receipt.date': { type: 'date', description: 'The date of the receipt' },
  },
} as const satisfies Record<DocumentKind, Record<string, PlaceholderSpec>>;

export type PlaceholderName<K extends DocumentKind> = keyof (typeof PLACEHOLDERS)[K] & string;

type ValueOf<T extends PlaceholderType> = T extends 'text' | 'multiline'
  ? string
  : T extends 'date'
    ? Date | string
    : T extends 'money'
      ? number
      : never;

/**
 * What a caller passes to fill a template of kind K. Every value is optional:
 * a missing, null or empty one leaves a line to fill in by hand, which is how
 * the generic document is made. Dates are `Date`s or "YYYY-MM-DD"; money is
 * whole pence.
 */
export type PlaceholderValues<K extends DocumentKind> = {
  readonly [P in PlaceholderName<K>]?: ValueOf<(typeof PLACEHOLDERS)[K][P] extends PlaceholderSpec ? (typeof PLACEHOLDERS)[K][P]['type'] : never> | null;
};

export interface DocumentKindInfo {
  /** Starts the download's file name. */
  readonly fileLabel: string;
  /** The template file in `templates/` that holds the first version. */
  readonly templateFile: string;
}

export const KIND_INFO: Record<DocumentKind, DocumentKindInfo> = {
  'model-motion': { fileLabel: 'Police Spies Out of Lives - model motion', templateFile: 'model-motion.md' },
  'affiliation-letter': { fileLabel: 'Police Spies Out of Lives - affiliation letter', templateFile: 'affiliation-letter.md' },
  invoice: { fileLabel: 'Police Spies Out of Lives - invoice', templateFile: 'invoice.md' },
  receipt: { fileLabel: 'Police Spies Out of Lives - receipt', templateFile: 'receipt.md' },
};

export function isDocumentKind(value: unknown): value is DocumentKind {
  return typeof value === 'string' && (DOCUMENT_KINDS as readonly string[]).includes(value);
}

export function placeholderSpecs(kind: DocumentKind): Readonly<Record<string, PlaceholderSpec>> {
  return PLACEHOLDERS[kind];
}
