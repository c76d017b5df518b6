/**
 * The documents the portal produces and, for each, the fixed set of
 * placeholders its template may use. A template naming anything else is
 * refused, so a typo never reaches a branch as "{{brnach.name}}".
 */
export const DOCUMENT_KINDS = [
  'model-motion',
  'affiliation-letter',
  'invoice',
  'receipt',
  'letter-mp',
  'letter-councillor',
  'letter-pcc',
  'letter-home-affairs-committee',
  'letter-home-office',
] as const;
export type DocumentKind = (typeof DOCUMENT_KINDS)[number];

/**
 * - `text`: one line of literal text;
 * - `multiline`: literal text whose line breaks are kept (a postal address);
 * - `date`: a calendar date, written as "14 March 2025" (never split over two lines);
 * - `money`: whole pence, written as "£25" or "£12.50";
 * - `amount`: whole pence, written with its pence as an invoice does: "£25.00".
 */
export const PLACEHOLDER_TYPES = ['text', 'multiline', 'date', 'money', 'amount'] as const;
export type PlaceholderType = (typeof PLACEHOLDER_TYPES)[number];

export interface PlaceholderSpec {
  readonly type: PlaceholderType;
  readonly description: string;
}

/**
 * Who a document is for: the same placeholders in every kind that names the
 * branch. The phrases are made from the name and union by one helper
 * (branch-phrases.ts), so "Leeds City Branch" never becomes "the Leeds City
 * Branch branch".
 */
const BRANCH = {
  'branch.name': { type: 'text', description: "The branch's name, as the branch typed it" },
  union: { type: 'text', description: 'The union the branch belongs to' },
  'branch.full_name': { type: 'text', description: 'The branch as a sentence names it after "the": "Leeds City branch of UNISON"' },
  'branch.title': { type: 'text', description: 'The branch as its letterhead names it: "UNISON Leeds City Branch"' },
} as const satisfies Record<string, PlaceholderSpec>;

/** … and where its post goes, in the kinds that are sent to it. */
const BRANCH_ADDRESSED = {
  ...BRANCH,
  'branch.address': { type: 'multiline', description: "The branch's correspondence address, without the lines that repeat its name" },
} as const satisfies Record<string, PlaceholderSpec>;

/** How to reach the campaign: from configuration (CAMPAIGN_ADDRESS, CAMPAIGN_EMAIL), filled in on every document. */
const CAMPAIGN_CONTACT = {
  'campaign.address': { type: 'multiline', description: "The campaign's postal address, its name first" },
  'campaign.email': { type: 'text', description: "The campaign's email address" },
} as const satisfies Record<string, PlaceholderSpec>;

/**
 * A letter a person (or a branch) writes to someone who can act: the writer's
 * own words first, the campaign's text as the frame. Every value is typed by
 * the writer and goes in as literal text.
 */
const LETTER = {
  ...BRANCH_ADDRESSED,
  'writer.name': { type: 'text', description: "The writer's name, as they sign the letter" },
  'writer.address': { type: 'multiline', description: "The writer's postal address, one line each" },
  'writer.reason': { type: 'multiline', description: 'Why this matters to the writer, in their own words: the first paragraph' },
  'writer.note': { type: 'multiline', description: 'A further paragraph of the writer’s own, if they wrote one' },
  'recipient.name': { type: 'text', description: 'The name of the person written to' },
  'letter.date': { type: 'date', description: 'The date of the letter' },
} as const satisfies Record<string, PlaceholderSpec>;

export const PLACEHOLDERS = {
  'model-motion': {
    ...BRANCH,
    'meeting.date': { type: 'date', description: 'The date of the meeting the motion goes to' },
    'fee.amount': { type: 'money', description: "The branch's yearly fee, when its size is known" },
    'fee.bands': { type: 'multiline', description: 'The fee bands, one a line ("Up to 500 members: £25"), as admins last set them' },
  },
  'affiliation-letter': {
    ...BRANCH_ADDRESSED,
    ...CAMPAIGN_CONTACT,
    'letter.date': { type: 'date', description: 'The date of the letter' },
    'meeting.date': { type: 'date', description: 'The date the branch passed the motion' },
    'fee.amount': { type: 'money', description: 'The yearly affiliation fee agreed' },
    'portal.url': { type: 'text', description: "The Affiliation Portal's address, where the signed letter can be uploaded" },
  },
  invoice: {
    ...BRANCH_ADDRESSED,
    ...CAMPAIGN_CONTACT,
    'invoice.reference': { type: 'text', description: 'The invoice number, which is also the payment reference (check character included)' },
    'invoice.date': { type: 'date', description: 'The date the invoice was issued' },
    'invoice.due': { type: 'date', description: 'The date payment is due' },
    'invoice.year': { type: 'text', description: 'The affiliation year the fee is for' },
    'fee.band': { type: 'text', description: 'The fee band (or the amount agreed)' },
    'invoice.amount': { type: 'amount', description: 'The amount of the invoice: its one line and its total' },
    'invoice.paid': { type: 'amount', description: 'What has been paid so far, credit included' },
    'invoice.to_pay': { type: 'amount', description: 'What is still to pay after payments and credit' },
    'paid.on': { type: 'date', description: 'The date the invoice was paid in full; empty until then' },
    'invoice.lapses_on': { type: 'date', description: 'The day the affiliation lapses if the invoice is still unpaid' },
    'fees.lapse_days': { type: 'text', description: 'How many days after the due date an unpaid affiliation lapses (FEES_LAPSE_DAYS)' },
    'bank.account_name': { type: 'text', description: 'The name on the campaign bank account' },
    'bank.sort_code': { type: 'text', description: 'The sort code' },
    'bank.account_number': { type: 'text', description: 'The account number' },
  },
  receipt: {
    ...BRANCH_ADDRESSED,
    ...CAMPAIGN_CONTACT,
    'receipt.number': { type: 'text', description: "The receipt's own number" },
    'invoice.reference': { type: 'text', description: 'The number (payment reference) of the invoice paid' },
    'invoice.year': { type: 'text', description: 'The affiliation year the fee was for' },
    'invoice.amount': { type: 'amount', description: 'The amount paid' },
    'paid.on': { type: 'date', description: 'The date the invoice was paid in full' },
    'payment.method': { type: 'text', description: 'How it was paid: "Bank transfer", "Cheque"…' },
    'payment.bank_reference': { type: 'text', description: "The bank's reference for the payment (or the cheque number)" },
    'receipt.date': { type: 'date', description: 'The date of the receipt' },
  },
  'letter-mp': {
    ...LETTER,
    area: { type: 'text', description: "The MP's constituency" },
  },
  'letter-councillor': {
    ...LETTER,
    area: { type: 'text', description: "The councillor's ward (and council)" },
  },
  'letter-pcc': {
    ...LETTER,
    area: { type: 'text', description: 'The police force area' },
    'area.body': { type: 'text', description: 'Who holds that force to account, as the police force areas name it: "Avon and Somerset Police and Crime Commissioner", "Scottish Police Authority"…' },
  },
  'letter-home-affairs-committee': { ...LETTER },
  'letter-home-office': { ...LETTER },
} as const satisfies Record<DocumentKind, Record<string, PlaceholderSpec>>;

/** Filled in by the documents service itself on every kind that has them: nobody passes them. */
export const AUTOMATIC_PLACEHOLDERS = ['campaign.address', 'campaign.email', 'portal.url'] as const;

export type PlaceholderName<K extends DocumentKind> = keyof (typeof PLACEHOLDERS)[K] & string;

type ValueOf<T extends PlaceholderType> = T extends 'text' | 'multiline'
  ? string
  : T extends 'date'
    ? Date | string
    : T extends 'money' | 'amount'
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
  /** The kind as people call it, in a file name: "UNISON Leeds City - affiliation letter 2026.docx". */
  readonly label: string;
  /** The template file in `templates/` that holds the first version. */
  readonly templateFile: string;
  /**
   * The campaign's name in the page header. Not on the affiliation letter: it
   * is the branch's letter, under the branch's own letterhead.
   */
  readonly campaignHeader: boolean;
}

export const KIND_INFO: Record<DocumentKind, DocumentKindInfo> = {
  'model-motion': { label: 'model motion', templateFile: 'model-motion.md', campaignHeader: true },
  'affiliation-letter': { label: 'affiliation letter', templateFile: 'affiliation-letter.md', campaignHeader: false },
  invoice: { label: 'invoice', templateFile: 'invoice.md', campaignHeader: true },
  receipt: { label: 'receipt', templateFile: 'receipt.md', campaignHeader: true },
  // A letter is the writer's own: no campaign header.
  'letter-mp': { label: 'letter to an MP', templateFile: 'letter-mp.md', campaignHeader: false },
  'letter-councillor': { label: 'letter to a councillor', templateFile: 'letter-councillor.md', campaignHeader: false },
  'letter-pcc': { label: 'letter to a police commissioner', templateFile: 'letter-pcc.md', campaignHeader: false },
  'letter-home-affairs-committee': { label: 'letter to the Home Affairs Committee', templateFile: 'letter-home-affairs-committee.md', campaignHeader: false },
  'letter-home-office': { label: 'letter to the Home Office', templateFile: 'letter-home-office.md', campaignHeader: false },
};

export function isDocumentKind(value: unknown): value is DocumentKind {
  return typeof value === 'string' && (DOCUMENT_KINDS as readonly string[]).includes(value);
}

export function placeholderSpecs(kind: DocumentKind): Readonly<Record<string, PlaceholderSpec>> {
  return PLACEHOLDERS[kind];
}
