/** What the portal knows about one moderation status of a reported reply. */
export interface ReplyStatusDescription {
  readonly label: string;
  /** Counted in the public tallies. */
  readonly public: boolean;
  /** Waiting for an admin to read it. */
  readonly awaitingAdmin: boolean;
}

/**
 * Every status a reported reply can be in, described once: the CHECK
 * constraint, the admin filter, the API's enum and the tallies' query are
 * derived from this table.
 */
export const REPLY_STATUS = {
  pending: { label: 'Not yet read', public: false, awaitingAdmin: true },
  published: { label: 'Published', public: true, awaitingAdmin: false },
  hidden: { label: 'Hidden', public: false, awaitingAdmin: false },
} as const satisfies Record<string, ReplyStatusDescription>;

export type ReplyStatus = keyof typeof REPLY_STATUS;

export const REPLY_STATUSES = Object.keys(REPLY_STATUS) as ReplyStatus[];

export const PUBLIC_REPLY_STATUSES = REPLY_STATUSES.filter((s) => REPLY_STATUS[s].public);

/** How a representative answered. */
export const REPLY_STANCE = {
  supportive: { label: 'Supportive' },
  noncommittal: { label: 'Non-committal' },
  unsupportive: { label: 'Unsupportive' },
} as const satisfies Record<string, { label: string }>;

export type ReplyStance = keyof typeof REPLY_STANCE;

export const REPLY_STANCES = Object.keys(REPLY_STANCE) as ReplyStance[];
