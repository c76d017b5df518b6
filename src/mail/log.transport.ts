import { Logger } from '@nestjs/common';
import type { MailMessage } from './mail-message';
import { MailTransport } from './mail.transport';

/**
 * With SMTP_URL unset (development, a first try-out) every email is written
 * to the application log in full, links included, so a developer can follow
 * a verification or reset link. One structured entry per email. Never in
 * production: there the configuration requires SMTP_URL (mail.config.ts), and
 * the SMTP path logs no address, subject or text.
 */
export class LogMailTransport extends MailTransport {
  private readonly logger = new Logger('Mail');

  constructor() {
    super();
    this.logger.warn('SMTP_URL is unset: emails are written to this log, not sent');
  }

  async deliver(message: MailMessage): Promise<void> {
    this.logger.log({ msg: `Email to ${message.to} (not sent: SMTP_URL is unset)`, email: message });
  }
}
