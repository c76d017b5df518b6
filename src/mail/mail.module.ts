import { Global, Module } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import type { MailConfig } from '../config';
import { QueueModule } from '../queue/queue.module';
import { LogMailTransport } from './log.transport';
import { MailDeliveryWorker } from './mail-delivery.worker';
import { MailRecipientsService } from './mail-recipients.service';
import { MailRetention } from './mail-retention.service';
import { MailService } from './mail.service';
import { MailTransport } from './mail.transport';
import { SmtpMailTransport } from './smtp.transport';

/**
 * Transactional email: MailService queues, MailDeliveryWorker delivers over
 * SMTP_URL (or to the log when it is unset, never in production), and
 * MailRetention forgets what a sent email said. Global, like the queue it
 * brings in: nearly every workflow transition queues an email.
 */
@Global()
@Module({
  imports: [QueueModule],
  providers: [
    MailService,
    MailRecipientsService,
    MailDeliveryWorker,
    MailRetention,
    {
      provide: MailTransport,
      inject: [ConfigService],
      useFactory: (config: ConfigService): MailTransport => {
        const { smtpUrl, concurrency } = config.getOrThrow<MailConfig>('mail');
        return smtpUrl ? new SmtpMailTransport(smtpUrl, concurrency) : new LogMailTransport();
      },
    },
  ],
  exports: [MailService, MailRecipientsService, MailRetention],
})
export class MailModule {}
