import { registerAs } from '@nestjs/config';
import { IsOptional, Matches } from 'class-validator';
import { validateEnv } from './env';

class MailEnv {
  @IsOptional()
  @Matches(/^smtps?:\/\/\S+$/, { message: 'SMTP_URL must be an smtp:// or smtps:// URL, or unset to write emails to the log' })
  SMTP_URL?: string;

  @Matches(/^(?:[^<>\r\n]*<[^\s@<>]+@[^\s@<>]+>|[^\s@<>]+@[^\s@<>]+)$/, {
    message: 'MAIL_FROM must be an address such as "Campaign <affiliations@example.org>"',
  })
  MAIL_FROM = 'Police Spies Out of Lives <affiliations@localhost>';
}

export interface MailConfig {
  smtpUrl?: string;
  from: string;
}

export function loadMailConfig(env: NodeJS.ProcessEnv = process.env): MailConfig {
  const v = validateEnv(MailEnv, env);
  return { smtpUrl: v.SMTP_URL, from: v.MAIL_FROM };
}

export const mailConfig = registerAs('mail', () => loadMailConfig());
