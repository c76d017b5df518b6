import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import type { EntityManager } from 'typeorm';
import type { AppConfig, FeesConfig } from '../config';
import { MailService } from '../mail/mail.service';
import type { OutgoingEmail } from '../mail/outgoing-email';
import { type InvoiceEmailContext } from './fees.emails';
import type { InvoiceContext } from './invoices.repository';

/** Queues the fees emails to a branch's secretary, in the caller's transaction. */
@Injectable()
export class FeesNotices {
  private readonly publicUrl: string;
  private readonly fees: FeesConfig;

  constructor(
    private readonly mail: MailService,
    config: ConfigService,
  ) {
    this.publicUrl = config.getOrThrow<AppConfig>('app').publicUrl;
    this.fees = config.getOrThrow<FeesConfig>('fees');
  }

  branchLink(branchId: string, page = ''): string {
    return `${this.publicUrl}/branch/${branchId}${page}`;
  }

  /** Sends `build(context)` to the branch's secretary; a branch without one gets nothing. */
  async send(
    manager: EntityManager,
    invoice: InvoiceContext,
    outstandingPence: number,
    build: (c: InvoiceEmailContext) => OutgoingEmail,
  ): Promise<void> {
    if (!invoice.secretaryEmail) return;
    await this.mail.queue(
      manager,
      build({
        to: invoice.secretaryEmail,
        name: invoice.secretaryName ?? 'branch secretary',
        publicName: invoice.publicName,
        reference: invoice.reference,
        year: invoice.affiliationYear,
        amountPence: invoice.amountPence,
        outstandingPence,
        dueOn: invoice.dueOn,
        link: this.branchLink(invoice.branchId, '/invoices'),
        bank: this.fees.bank,
      }),
    );
  }
}
