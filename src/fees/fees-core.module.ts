import { Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AFFILIATION_TRANSITION_LISTENER, AFFILIATION_FEES } from '../affiliations/affiliation-hooks';
import { AffiliationFeesProvider } from './affiliation-fees.provider';
import { FeeBand } from './fee-band.entity';
import { FeeBandsService } from './fee-bands.service';
import { FeesLedgerService } from './fees-ledger.service';
import { InvoiceSequence } from './invoice-sequence.entity';
import { InvoiceRaiser } from './invoice-raiser';
import { InvoiceReminder } from './invoice-reminder.entity';
import { Invoice } from './invoice.entity';
import { Payment } from './payment.entity';

/**
 * What the affiliation feature needs from fees, with no dependency back on
 * it: the invoice raised inside an approval's or renewal's transaction, and
 * the fee a branch is quoted. Global so the tokens the affiliation feature
 * declares (affiliation-hooks.ts) resolve wherever it lives.
 */
@Global()
@Module({
  imports: [TypeOrmModule.forFeature([Invoice, Payment, InvoiceSequence, FeeBand, InvoiceReminder])],
  providers: [
    FeesLedgerService,
    InvoiceRaiser,
    FeeBandsService,
    { provide: AFFILIATION_TRANSITION_LISTENER, useExisting: InvoiceRaiser },
    AffiliationFeesProvider,
    { provide: AFFILIATION_FEES, useExisting: AffiliationFeesProvider },
  ],
  exports: [FeesLedgerService, InvoiceRaiser, FeeBandsService, AFFILIATION_TRANSITION_LISTENER, AFFILIATION_FEES, TypeOrmModule],
})
export class FeesCoreModule {}
