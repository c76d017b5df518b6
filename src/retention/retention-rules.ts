/**
 * The retention rules, by the name an operator runs one with
 * (`npm run jobs:run -- retention-<name>`) and the audit log records it under.
 * Each deletes, or blanks, personal data that has outlived its purpose; the
 * periods are RetentionConfig's, and docs/PRIVACY.md's table is generated from
 * the same configuration (privacy/retention-table.ts).
 */
export const RETENTION_RULES = [
  'unverified-accounts',
  'spent-tokens',
  'ended-handovers',
  'expired-throttles',
  'audit-ips',
  'sent-mail-bodies',
  'signed-letters',
  'unconfirmed-signatures',
  'update-addresses',
  'follow-up-addresses',
  'reply-addresses',
] as const;

export type RetentionRule = (typeof RETENTION_RULES)[number];

export type RetentionCounts = Record<RetentionRule, number>;

export function isRetentionRule(name: string): name is RetentionRule {
  return (RETENTION_RULES as readonly string[]).includes(name);
}
