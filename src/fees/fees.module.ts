import { Module } from '@nestjs/common';
import { AffiliationsModule } from '../affiliations/affiliations.module';
import { BranchesModule } from '../branches/branches.module';
import { DocumentsModule } from '../documents/documents.module';
import { AdminFeeBandsController } from './admin-fee-bands.controller';
import { AdminFeesController } from './admin-fees.controller';
import { AdminFeesPageController } from './admin-fees.page.controller';
import { AdminPaymentsController } from './admin-payments.controller';
import { FeesCoreModule } from './fees-core.module';
import { FeesIncomeService } from './fees-income.service';
import { FeesNotices } from './fees-notices';
import { FeesPageController } from './fees.page.controller';
import { FeesReportsService } from './fees-reports.service';
import { FeesTimeRules } from './fees-time-rules';
import { InvoicesController } from './invoices.controller';
import { InvoicesRepository } from './invoices.repository';
import { InvoicesService } from './invoices.service';
import { PaymentChecks } from './payment-checks';
import { PaymentsService } from './payments.service';
import { StatementImportService } from './statement-import.service';

/** Affiliation fees: invoices, the payments ledger, bank statements, time rules, reports. */
@Module({
  imports: [FeesCoreModule, AffiliationsModule, BranchesModule, DocumentsModule],
  controllers: [InvoicesController, AdminPaymentsController, AdminFeeBandsController, AdminFeesController, FeesPageController, AdminFeesPageController],
  providers: [InvoicesRepository, InvoicesService, PaymentsService, PaymentChecks, FeesNotices, StatementImportService, FeesReportsService, FeesTimeRules, FeesIncomeService],
  exports: [InvoicesService, FeesIncomeService],
})
export class FeesModule {}
