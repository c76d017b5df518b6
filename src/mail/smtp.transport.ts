import { OnApplicationShutdown } from '@nestjs/common';
import { createTransport, type Transporter } from 'nodemailer';
import type { MailMessage } from './mail-message';
import { MailTransport } from './mail.transport';

/**
 * The longest one attempt may take, connecting included. Past it the attempt
 * is aborted (its connection closed, so the server never takes a message we
 * did not finish sending) and retried. The job's expiry is set just above this
 * (MailService), so pg-boss never gives up on a send that is still going, and a
 * send cut short by a crash is retried soon after.
 */
export const SMTP_ATTEMPT_LIMIT_MS = 15_000;

/**
 * Nodemailer over SMTP_URL with a small pool of connections (as many as the
 * worker sends at once), so a burst of emails does not pay for a new
 * connection and TLS handshake per message. Each phase has a timeout far
 * shorter than nodemailer's defaults, and the whole attempt a hard limit that
 * also catches a server trickling its replies, which no socket timeout notices.
 */
export class SmtpMailTransport extends MailTransport implements OnApplicationShutdown {
  private readonly transporter: Transporter;

  constructor(url: string, connections: number) {
    super();
    this.transporter = createTransport({
      url,
      pool: true,
      maxConnections: connections,
      // DNS, connecting and the greeting (and STARTTLS) together.
      connectionTimeout: 5_000,
      greetingTimeout: 5_000,
      // No reply for this long fails the attempt; it also closes an idle pooled connection.
      socketTimeout: 10_000,
      // Our messages are strings; never let a message body read a file or fetch a URL.
      disableFileAccess: true,
      disableUrlAccess: true,
    });
  }

  async deliver(message: MailMessage): Promise<void> {
    await this.transporter.sendMail({ ...message, signal: AbortSignal.timeout(SMTP_ATTEMPT_LIMIT_MS) });
  }

  onApplicationShutdown(): void {
    this.transporter.close();
  }
}
