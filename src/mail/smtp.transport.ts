import { OnApplicationShutdown } from '@nestjs/common';
import { createTransport, type Transporter } from 'nodemailer';
import type { MailMessage } from './mail-message';
import { MailTransport } from './mail.transport';

/**
 * Nodemailer over SMTP_URL, one connection per message (the volume is a few
 * emails an hour). Timeouts are far shorter than nodemailer's defaults and than
 * the job's expiry, so a stuck server fails the attempt, which is retried,
 * rather than pg-boss giving up on a send that might still complete.
 */
export class SmtpMailTransport extends MailTransport implements OnApplicationShutdown {
  private readonly transporter: Transporter;

  constructor(url: string) {
    super();
    this.transporter = createTransport({
      url,
      connectionTimeout: 15_000,
      greetingTimeout: 15_000,
      socketTimeout: 60_000,
      // Our messages are strings; never let a message body read a file or fetch a URL.
      disableFileAccess: true,
      disableUrlAccess: true,
    });
  }

  async deliver(message: MailMessage): Promise<void> {
    await this.transporter.sendMail(message);
  }

  onApplicationShutdown(): void {
    this.transporter.close();
  }
}
