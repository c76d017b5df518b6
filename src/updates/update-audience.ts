/** Who an update can go to, as admins choose them and the API names them. */
export const UPDATE_AUDIENCE_KEYS = ['supporters', 'branches'] as const;
export type UpdateAudienceKey = (typeof UPDATE_AUDIENCE_KEYS)[number];

/** One person an audience gives: `ref` is the owning feature's id for them, never shown. */
export interface UpdateRecipient {
  ref: string;
  email: string;
  name: string;
}

/**
 * A list of people who asked for (or, as affiliated branches' secretaries,
 * did not turn off) the campaign's email updates. The feature that owns the
 * people owns the audience: it says who is in it now, and takes them out when
 * they unsubscribe from an emailed link (which needs no account).
 */
export interface UpdateAudience {
  key: UpdateAudienceKey;
  /** As the admin's checkbox reads, e.g. "Secretaries of affiliated branches". */
  label: string;
  recipients(): Promise<UpdateRecipient[]>;
  /** Stops updates to `ref`; a ref that no longer exists is a no-op. */
  unsubscribe(ref: string): Promise<void>;
  /**
   * Stops updates to whoever in this audience has `email` (lower case): the
   * owner of the address unsubscribed from an update that reached them through
   * another audience, and one email reaches each address once. No-op when none.
   */
  unsubscribeAddress(email: string): Promise<void>;
}

export function isUpdateAudienceKey(value: unknown): value is UpdateAudienceKey {
  return typeof value === 'string' && (UPDATE_AUDIENCE_KEYS as readonly string[]).includes(value);
}
