import { registerAs } from '@nestjs/config';
import { Type } from 'class-transformer';
import { IsInt, Matches, Max, Min } from 'class-validator';
import { validateEnv } from './env';

const MAX_DAYS = 3650;
const DAYS = (name: string): string => `${name} must be a whole number of days from 1 to ${MAX_DAYS}`;
const MAX_YEARS = 10;
const YEARS = (name: string): string => `${name} must be a whole number of years from 0 to ${MAX_YEARS}`;

/**
 * How long personal data that has done its job is kept before the daily
 * retention job deletes it (or, for audit rows and sent emails, the personal
 * part of it). Every period is counted from the moment the data stopped being
 * needed: registration for an account never confirmed, use or expiry for a
 * link, the end of an invitation, the sending of an email.
 */
class RetentionEnv {
  /** When the retention job runs (cron, UK time). It is idempotent, so running it more often is harmless. */
  @Matches(/^(\S+\s+){4}\S+$/, { message: 'RETENTION_JOB_CRON must be a five-field cron rule, e.g. "45 3 * * *"' })
  RETENTION_JOB_CRON = '45 3 * * *';

  @Type(() => Number)
  @IsInt({ message: DAYS('RETENTION_UNVERIFIED_ACCOUNT_DAYS') })
  @Min(1, { message: DAYS('RETENTION_UNVERIFIED_ACCOUNT_DAYS') })
  @Max(MAX_DAYS, { message: DAYS('RETENTION_UNVERIFIED_ACCOUNT_DAYS') })
  RETENTION_UNVERIFIED_ACCOUNT_DAYS = 7;

  @Type(() => Number)
  @IsInt({ message: DAYS('RETENTION_UNCONFIRMED_SIGNATURE_DAYS') })
  @Min(1, { message: DAYS('RETENTION_UNCONFIRMED_SIGNATURE_DAYS') })
  @Max(MAX_DAYS, { message: DAYS('RETENTION_UNCONFIRMED_SIGNATURE_DAYS') })
  RETENTION_UNCONFIRMED_SIGNATURE_DAYS = 7;

  @Type(() => Number)
  @IsInt({ message: DAYS('RETENTION_TOKEN_DAYS') })
  @Min(1, { message: DAYS('RETENTION_TOKEN_DAYS') })
  @Max(MAX_DAYS, { message: DAYS('RETENTION_TOKEN_DAYS') })
  RETENTION_TOKEN_DAYS = 30;

  @Type(() => Number)
  @IsInt({ message: DAYS('RETENTION_HANDOVER_DAYS') })
  @Min(1, { message: DAYS('RETENTION_HANDOVER_DAYS') })
  @Max(MAX_DAYS, { message: DAYS('RETENTION_HANDOVER_DAYS') })
  RETENTION_HANDOVER_DAYS = 30;

  @Type(() => Number)
  @IsInt({ message: DAYS('RETENTION_AUDIT_IP_DAYS') })
  @Min(1, { message: DAYS('RETENTION_AUDIT_IP_DAYS') })
  @Max(MAX_DAYS, { message: DAYS('RETENTION_AUDIT_IP_DAYS') })
  RETENTION_AUDIT_IP_DAYS = 90;

  @Type(() => Number)
  @IsInt({ message: DAYS('RETENTION_MAIL_BODY_DAYS') })
  @Min(1, { message: DAYS('RETENTION_MAIL_BODY_DAYS') })
  @Max(MAX_DAYS, { message: DAYS('RETENTION_MAIL_BODY_DAYS') })
  RETENTION_MAIL_BODY_DAYS = 7;

  @Type(() => Number)
  @IsInt({ message: DAYS('RETENTION_UPDATE_ADDRESS_DAYS') })
  @Min(1, { message: DAYS('RETENTION_UPDATE_ADDRESS_DAYS') })
  @Max(MAX_DAYS, { message: DAYS('RETENTION_UPDATE_ADDRESS_DAYS') })
  RETENTION_UPDATE_ADDRESS_DAYS = 7;

  @Type(() => Number)
  @IsInt({ message: DAYS('RETENTION_FOLLOW_UP_ADDRESS_DAYS') })
  @Min(1, { message: DAYS('RETENTION_FOLLOW_UP_ADDRESS_DAYS') })
  @Max(MAX_DAYS, { message: DAYS('RETENTION_FOLLOW_UP_ADDRESS_DAYS') })
  RETENTION_FOLLOW_UP_ADDRESS_DAYS = 28;

  @Type(() => Number)
  @IsInt({ message: DAYS('RETENTION_REPLY_ADDRESS_DAYS') })
  @Min(1, { message: DAYS('RETENTION_REPLY_ADDRESS_DAYS') })
  @Max(MAX_DAYS, { message: DAYS('RETENTION_REPLY_ADDRESS_DAYS') })
  RETENTION_REPLY_ADDRESS_DAYS = 90;

  /** Counted in whole affiliation years: a letter belongs to one, and the campaign checks it during the next. */
  @Type(() => Number)
  @IsInt({ message: YEARS('RETENTION_SIGNED_LETTER_YEARS') })
  @Min(0, { message: YEARS('RETENTION_SIGNED_LETTER_YEARS') })
  @Max(MAX_YEARS, { message: YEARS('RETENTION_SIGNED_LETTER_YEARS') })
  RETENTION_SIGNED_LETTER_YEARS = 1;
}

export interface RetentionConfig {
  jobCron: string;
  /** An account whose address was never confirmed, counted from registration. */
  unverifiedAccountDays: number;
  /** A signature of the statement never confirmed, counted from its signing. */
  unconfirmedSignatureDays: number;
  /** An emailed link, counted from its use or its expiry. */
  tokenDays: number;
  /** A hand-over invitation, counted from its acceptance, cancellation or expiry. */
  handoverDays: number;
  /** The client address in an audit row, counted from the event. */
  auditIpDays: number;
  /** The text of an email, counted from its sending (or its final failure). */
  mailBodyDays: number;
  /**
   * A signed affiliation letter, counted in years after the end of the
   * affiliation year it belongs to (0: it goes as soon as that year ends).
   */
  signedLetterYears: number;
  /** The address on each delivery of an email update, counted from its sending. */
  updateAddressDays: number;
  /** The address a letter's writer left for the "did they reply?" email, counted from the letter. */
  followUpAddressDays: number;
  /** The address a writer left with a reported reply, counted from the report. */
  replyAddressDays: number;
}

export function loadRetentionConfig(env: NodeJS.ProcessEnv = process.env): RetentionConfig {
  const v = validateEnv(RetentionEnv, env);
  return {
    jobCron: v.RETENTION_JOB_CRON,
    unverifiedAccountDays: v.RETENTION_UNVERIFIED_ACCOUNT_DAYS,
    unconfirmedSignatureDays: v.RETENTION_UNCONFIRMED_SIGNATURE_DAYS,
    tokenDays: v.RETENTION_TOKEN_DAYS,
    handoverDays: v.RETENTION_HANDOVER_DAYS,
    auditIpDays: v.RETENTION_AUDIT_IP_DAYS,
    mailBodyDays: v.RETENTION_MAIL_BODY_DAYS,
    signedLetterYears: v.RETENTION_SIGNED_LETTER_YEARS,
    updateAddressDays: v.RETENTION_UPDATE_ADDRESS_DAYS,
    followUpAddressDays: v.RETENTION_FOLLOW_UP_ADDRESS_DAYS,
    replyAddressDays: v.RETENTION_REPLY_ADDRESS_DAYS,
  };
}

export const retentionConfig = registerAs('retention', () => loadRetentionConfig());
