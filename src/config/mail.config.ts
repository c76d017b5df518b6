import { registerAs } from '@nestjs/config';
import { Type } from 'class-transformer';
import { IsInt, IsNumber, IsOptional, IsString, Matches, Max, Min, ValidateIf, type ValidationArguments } from 'class-validator';
import { validateEnv } from './env';

/** pg-boss refuses to poll more often than every half second. */
export const MIN_MAIL_POLL_SECONDS = 0.5;

const POLL_MESSAGE = `MAIL_POLL_SECONDS must be a number of seconds from ${MIN_MAIL_POLL_SECONDS} to 60`;
const RETRY_LIMIT_MESSAGE = 'MAIL_RETRY_LIMIT must be a whole number of retries from 0 to 20';
const RETRY_DELAY_MESSAGE = 'MAIL_RETRY_DELAY_SECONDS must be a whole number of seconds from 1 to 3600';
const CONCURRENCY_MESSAGE = 'MAIL_CONCURRENCY must be a whole number of emails sent at once, from 1 to 20';

const SMTP_MESSAGE = 'SMTP_URL must be an smtp:// or smtps:// URL, or unset to write emails to the log';
/**
 * Without a relay every email, password-reset and hand-over links included,
 * would be written to the log: anyone who reads it (the host, a log service)
 * could take over accounts and learn who runs which branch. Production refuses
 * to start rather than leak them, or drop them without anyone noticing.
 */
const SMTP_PRODUCTION_MESSAGE =
  'SMTP_URL must be an smtp:// or smtps:// URL (required in production: without it every email, reset links included, would be written to the log)';

class MailEnv {
  @IsOptional()
  @IsString()
  NODE_ENV?: string;

  @ValidateIf((env: MailEnv) => env.NODE_ENV === 'production' || env.SMTP_URL !== undefined)
  @Matches(/^smtps?:\/\/\S+$/, {
    message: (args: ValidationArguments) => ((args.object as MailEnv).NODE_ENV === 'production' ? SMTP_PRODUCTION_MESSAGE : SMTP_MESSAGE),
  })
  SMTP_URL?: string;

  @Matches(/^(?:[^<>\r\n]*<[^\s@<>]+@[^\s@<>]+>|[^\s@<>]+@[^\s@<>]+)$/, {
    message: 'MAIL_FROM must be an address such as "Campaign <affiliations@example.org>"',
  })
  MAIL_FROM = 'Police Spies Out of Lives <affiliations@localhost>';

  /** How often an idle delivery worker asks the queue for mail. */
  @Type(() => Number)
  @IsNumber({ allowNaN: false, allowInfinity: false }, { message: POLL_MESSAGE })
  @Min(MIN_MAIL_POLL_SECONDS, { message: POLL_MESSAGE })
  @Max(60, { message: POLL_MESSAGE })
  MAIL_POLL_SECONDS = 2;

  /**
   * Retries after the first failed attempt; the delay doubles (with jitter)
   * each time, so ten retries from 5 s ride out a relay outage of 1.5–3 hours.
   */
  @Type(() => Number)
  @IsInt({ message: RETRY_LIMIT_MESSAGE })
  @Min(0, { message: RETRY_LIMIT_MESSAGE })
  @Max(20, { message: RETRY_LIMIT_MESSAGE })
  MAIL_RETRY_LIMIT = 10;

  /**
   * The first retry waits this long to twice this long. It also follows a send
   * cut short by a crash (after the job's expiry), so keep it short: the
   * default retries a crashed send within a minute.
   */
  @Type(() => Number)
  @IsInt({ message: RETRY_DELAY_MESSAGE })
  @Min(1, { message: RETRY_DELAY_MESSAGE })
  @Max(3600, { message: RETRY_DELAY_MESSAGE })
  MAIL_RETRY_DELAY_SECONDS = 5;

  /** Emails sent at once per instance (and SMTP connections kept open for them). */
  @Type(() => Number)
  @IsInt({ message: CONCURRENCY_MESSAGE })
  @Min(1, { message: CONCURRENCY_MESSAGE })
  @Max(20, { message: CONCURRENCY_MESSAGE })
  MAIL_CONCURRENCY = 4;
}

export interface MailConfig {
  /** Unset (never in production) means: every email is written to the log in full instead of being sent. */
  smtpUrl?: string;
  from: string;
  pollSeconds: number;
  retryLimit: number;
  retryDelaySeconds: number;
  concurrency: number;
}

export function loadMailConfig(env: NodeJS.ProcessEnv = process.env): MailConfig {
  const v = validateEnv(MailEnv, env);
  return {
    smtpUrl: v.SMTP_URL,
    from: v.MAIL_FROM,
    pollSeconds: v.MAIL_POLL_SECONDS,
    retryLimit: v.MAIL_RETRY_LIMIT,
    retryDelaySeconds: v.MAIL_RETRY_DELAY_SECONDS,
    concurrency: v.MAIL_CONCURRENCY,
  };
}

export const mailConfig = registerAs('mail', () => loadMailConfig());
