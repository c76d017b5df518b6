import { registerAs } from '@nestjs/config';
import { Type } from 'class-transformer';
import { IsInt, IsNumber, IsOptional, Matches, Max, Min } from 'class-validator';
import { validateEnv } from './env';

/** pg-boss refuses to poll more often than every half second. */
export const MIN_MAIL_POLL_SECONDS = 0.5;

const POLL_MESSAGE = `MAIL_POLL_SECONDS must be a number of seconds from ${MIN_MAIL_POLL_SECONDS} to 60`;
const RETRY_LIMIT_MESSAGE = 'MAIL_RETRY_LIMIT must be a whole number of retries from 0 to 20';
const RETRY_DELAY_MESSAGE = 'MAIL_RETRY_DELAY_SECONDS must be a whole number of seconds from 1 to 3600';

class MailEnv {
  @IsOptional()
  @Matches(/^smtps?:\/\/\S+$/, { message: 'SMTP_URL must be an smtp:// or smtps:// URL, or unset to write emails to the log' })
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

  /** Retries after the first failed attempt; the delay doubles (with jitter) each time. */
  @Type(() => Number)
  @IsInt({ message: RETRY_LIMIT_MESSAGE })
  @Min(0, { message: RETRY_LIMIT_MESSAGE })
  @Max(20, { message: RETRY_LIMIT_MESSAGE })
  MAIL_RETRY_LIMIT = 5;

  @Type(() => Number)
  @IsInt({ message: RETRY_DELAY_MESSAGE })
  @Min(1, { message: RETRY_DELAY_MESSAGE })
  @Max(3600, { message: RETRY_DELAY_MESSAGE })
  MAIL_RETRY_DELAY_SECONDS = 30;
}

export interface MailConfig {
  /** Unset means: every email is written to the log in full instead of being sent. */
  smtpUrl?: string;
  from: string;
  pollSeconds: number;
  retryLimit: number;
  retryDelaySeconds: number;
}

export function loadMailConfig(env: NodeJS.ProcessEnv = process.env): MailConfig {
  const v = validateEnv(MailEnv, env);
  return {
    smtpUrl: v.SMTP_URL,
    from: v.MAIL_FROM,
    pollSeconds: v.MAIL_POLL_SECONDS,
    retryLimit: v.MAIL_RETRY_LIMIT,
    retryDelaySeconds: v.MAIL_RETRY_DELAY_SECONDS,
  };
}

export const mailConfig = registerAs('mail', () => loadMailConfig());
