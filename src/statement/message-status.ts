/** What the portal knows about one moderation status of a message of support. */
export interface MessageStatusDescription {
  /** How the status reads to an admin. */
  readonly label: string;
  /** Shown on the public statement page and in GET /api/public/messages. */
  readonly public: boolean;
  /** Waiting for an admin to read it. */
  readonly awaitingAdmin: boolean;
}

/**
 * Every status a message of support can be in, described once. The CHECK
 * constraint, the admin filter, the API's enum and the public queries are all
 * derived from this table.
 */
export const MESSAGE_STATUS = {
  pending: { label: 'Not yet read', public: false, awaitingAdmin: true },
  published: { label: 'Published', public: true, awaitingAdmin: false },
  hidden: { label: 'Hidden', public: false, awaitingAdmin: false },
} as const satisfies Record<string, MessageStatusDescription>;

export type MessageStatus = keyof typeof MESSAGE_STATUS;

export const MESSAGE_STATUSES = Object.keys(MESSAGE_STATUS) as MessageStatus[];

export const PUBLIC_MESSAGE_STATUSES = MESSAGE_STATUSES.filter((s) => MESSAGE_STATUS[s].public);

export function isMessageStatus(value: unknown): value is MessageStatus {
  return typeof value === 'string' && (MESSAGE_STATUSES as string[]).includes(value);
}
