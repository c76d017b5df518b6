import type { MailMessage } from './mail-message';

/**
 * Where a message goes: an SMTP server, or the log when SMTP_URL is unset.
 * `deliver` resolves once the message is handed over and throws when it was
 * not, so the job is retried.
 */
export abstract class MailTransport {
  abstract deliver(message: MailMessage): Promise<void>;
}
