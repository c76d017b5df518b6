import { join } from 'node:path';
import { PROJECT_ROOT } from '../common/paths';
import type { RetentionConfig } from '../config';
import { ARCHIVE_COMPLETED_AFTER_SECONDS, DELETE_ARCHIVED_AFTER_DAYS } from '../queue/queue.service';

/** One kind of personal data that goes after a while: what, how long, what happens then, and the setting. */
export interface RetentionRow {
  what: string;
  keptFor: string;
  then: string;
  /** The environment variable that sets the period, when one does. */
  setting?: string;
}

const plural = (n: number, unit: string): string => `${n} ${unit}${n === 1 ? '' : 's'}`;
const days = (n: number): string => plural(n, 'day');

/**
 * The retention periods in plain words, from the configuration the retention
 * job reads, so what docs/PRIVACY.md (and any page) says is what the job does.
 * One row per rule in retention-rules.ts, plus what the job queue deletes by
 * itself.
 */
export function retentionTable(config: RetentionConfig): RetentionRow[] {
  return [
    {
      what: 'An account whose email address was never confirmed: name, email, password hash, and its sessions, emailed links and takeover requests',
      keptFor: `${days(config.unverifiedAccountDays)} after registration`,
      then: 'Erased as a deletion asked for by the person would be (addresses it typed, counters, emails…), without an email. A branch it registered stays, as an organisation with no secretary and off the public list, for an admin to reassign',
      setting: 'RETENTION_UNVERIFIED_ACCOUNT_DAYS',
    },
    {
      what: 'A signature of Where We Stand never confirmed through its emailed link: name, email, town, group, choices and message',
      keptFor: `${days(config.unconfirmedSignatureDays)} after signing`,
      then: 'Deleted, with its links. A confirmed signature stays until its signer withdraws or erases it',
      setting: 'RETENTION_UNCONFIRMED_SIGNATURE_DAYS',
    },
    {
      what: 'Emailed links (email confirmation, password reset, email change with the new address, admin invitation and setup, confirming, withdrawing or downloading a signature), stored as hashes',
      keptFor: `${days(config.tokenDays)} after the link was used or expired`,
      then: 'Deleted',
      setting: 'RETENTION_TOKEN_DAYS',
    },
    {
      what: "Hand-over invitations, with the invited person's email address",
      keptFor: `${days(config.handoverDays)} after the invitation was accepted, cancelled or expired`,
      then: 'Deleted. Who became secretary when stays in the branch history, by account id only',
      setting: 'RETENTION_HANDOVER_DAYS',
    },
    {
      what: 'Throttle counters (failed sign-ins, "already registered" notices, branch look-ups), per account and per client address',
      keptFor: 'Until the counting window ends (a day at most)',
      then: 'Deleted',
    },
    {
      what: 'Client IP addresses in the audit log',
      keptFor: `${days(config.auditIpDays)} after the event`,
      then: 'Removed. The event stays: what was done, when, and by which account id',
      setting: 'RETENTION_AUDIT_IP_DAYS',
    },
    {
      what: 'The text of each email the portal sends, in its outbox',
      keptFor: `${days(config.mailBodyDays)} after it was sent (or its last attempt failed)`,
      then: 'Removed. The address, subject and dates stay until the record goes (next row)',
      setting: 'RETENTION_MAIL_BODY_DAYS',
    },
    {
      what: "The outbox's record of each email: address, subject, dates",
      keptFor: `${plural(ARCHIVE_COMPLETED_AFTER_SECONDS / 3600, 'hour')} after sending, then ${days(DELETE_ARCHIVED_AFTER_DAYS)} in the archive`,
      then: 'Deleted by the job queue',
    },
    {
      what: 'Signed affiliation letters a branch uploaded (the file, who uploaded it, the name the file had)',
      keptFor: `Until the affiliation year it was uploaded for has ended${config.signedLetterYears ? `, plus ${plural(config.signedLetterYears, 'year')}` : ''}`,
      then: 'Deleted. If the uploader deletes their account first, the letter stays with the branch, without who uploaded it or the name the file had',
      setting: 'RETENTION_SIGNED_LETTER_YEARS',
    },
    {
      what: 'Who each email update went to: the address and name on each delivery',
      keptFor: `${days(config.updateAddressDays)} after the update was sent to them`,
      then: 'Removed. The update keeps how many it went to; the unsubscribe link in the email keeps working (by an account or signature id, not the address)',
      setting: 'RETENTION_UPDATE_ADDRESS_DAYS',
    },
    {
      what: 'The email address a letter’s writer left for the “did they reply?” email (with the kind of recipient and the area)',
      keptFor: `Until they answer, or ${days(config.followUpAddressDays)} after the letter`,
      then: 'Removed. The kind of recipient, the area and the answer stay, as counts with no address',
      setting: 'RETENTION_FOLLOW_UP_ADDRESS_DAYS',
    },
    {
      what: 'The email address a writer left with a reply they reported',
      keptFor: `${days(config.replyAddressDays)} after the report`,
      then: 'Removed. The report stays for the tallies (only counts are published)',
      setting: 'RETENTION_REPLY_ADDRESS_DAYS',
    },
  ];
}

/** The privacy notice whose retention table renderRetentionBlock writes (`npm run privacy:table`). */
export const PRIVACY_DOC = join(PROJECT_ROOT, 'docs', 'PRIVACY.md');

export const RETENTION_TABLE_START = '<!-- retention:start -->';
export const RETENTION_TABLE_END = '<!-- retention:end -->';

const cell = (text: string): string => text.replace(/\|/g, '\\|');

/** The block docs/PRIVACY.md holds between its retention markers, markers included. */
export function renderRetentionBlock(config: RetentionConfig): string {
  const rows = retentionTable(config).map((r) => `| ${cell(r.what)} | ${cell(r.keptFor)} | ${cell(r.then)} | ${r.setting ? `\`${r.setting}\`` : '—'} |`);
  return [
    RETENTION_TABLE_START,
    '<!-- Generated from src/retention/retention-table.ts with the default settings: `npm run privacy:table` rewrites it. -->',
    '',
    '| What | Kept for | Then | Setting |',
    '|---|---|---|---|',
    ...rows,
    '',
    `The retention job applies these periods every day (\`RETENTION_JOB_CRON\`, by default \`${config.jobCron}\`, UK time), so`,
    'each item goes within a day of its period ending.',
    RETENTION_TABLE_END,
  ].join('\n');
}

/** The block between the markers in `markdown`, markers included; undefined when they are missing. */
export function retentionBlockOf(markdown: string): string | undefined {
  const start = markdown.indexOf(RETENTION_TABLE_START);
  const end = markdown.indexOf(RETENTION_TABLE_END, start);
  return start === -1 || end === -1 ? undefined : markdown.slice(start, end + RETENTION_TABLE_END.length);
}

/** `markdown` with its retention block replaced by `block`. */
export function replaceRetentionBlock(markdown: string, block: string): string {
  const current = retentionBlockOf(markdown);
  if (current === undefined) throw new Error(`The markers ${RETENTION_TABLE_START} and ${RETENTION_TABLE_END} are missing`);
  return markdown.replace(current, () => block);
}
