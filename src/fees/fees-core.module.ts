import { Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AFFILIATION_TRANSITION_LISTENER } from '../affiliations/affiliation-hooks';
import { Clock } from '../common/clock';
import { FeesLedgerService } from './fees-ledger.service';
import { InvoiceSequence } from './invoice-sequence.entity';
import { InvoiceRaiser } from './invoice-raiser';
import { Invoice } from './invoice.entity';
import { Payment } from './payment.entity';

/**
 * What the affiliation workflow needs from fees, with no dependency back on
 * it: the invoice raised inside an approval's transaction. Global so the
 * workflow's optional listener token resolves wherever the workflow lives.
 */
@Global()
@Module({
  imports: [TypeOrmModule.forFeature([Invoice, Payment, InvoiceSequence])],
  providers: [Clock, FeesLedgerService, InvoiceRaiser, { provide: AFFILIATION_TRANSITION_LISTENER, useExisting: InvoiceRaiser }],
  exports: [Clock, FeesLedgerService, InvoiceRaiser, AFFILIATION_TRANSITION_LISTENER, TypeOrmModule],
})
export class FeesCoreModule {}
