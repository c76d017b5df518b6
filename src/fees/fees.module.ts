import { Module } from '@nestjs/common';
import { AffiliationsModule } from '../affiliations/affiliations.module';
import { BranchesModule } from '../branches/branches.module';
import { DocumentsModule } from '../documents/documents.module';
import { AdminArrearsController } from './admin-arrears.controller';
import { AdminArrearsPageController } from './admin-arrears.page.controller';
import { AdminFeeBandsController } from './admin-fee-bands.controller';
import { AdminFeesController } from './admin-fees.controller';
import { AdminFeesPageController } from './admin-fees.page.controller';
import { AdminPaymentsController } from './admin-payments.controller';
import { ArrearsRepository } from './arrears.repository';
import { ArrearsService } from './arrears.service';
import { FeesCoreModule } from './fees-core.module';
import { FeesIncomeService } from './fees-income.service';
import { FeesNotices } from './fees-notices';
import { FeesPageController } from './fees.page.controller';
import { FeesReportsService } from './fees-reports.service';
import { FeesTimeRules } from './fees-time-rules';
import { InvoiceRemindersService } from './invoice-reminders.service';
import { InvoicesController } from './invoices.controller';
import { InvoicesRepository } from './invoices.repository';
import { InvoicesService } from './invoices.service';
import { PaymentChecks } from './payment-checks';
import { PaymentsService } from './payments.service';
import { StatementImportService } from './statement-import.service';

/** Affiliation fees: invoices, the payments ledger, bank statements, time rules, reports, arrears and reminders. */
@Module({
  imports: [FeesCoreModule, AffiliationsModule, BranchesModule, DocumentsModule],
  controllers: [
    InvoicesController,
    AdminPaymentsController,
    AdminFeeBandsController,
    AdminFeesController,
    AdminArrearsController,
    FeesPageController,
    AdminFeesPageController,
    AdminArrearsPageController,
  ],
  providers: [
    InvoicesRepository,
    InvoicesService,
    PaymentsService,
    PaymentChecks,
    FeesNotices,
    StatementImportService,
    FeesReportsService,
    FeesTimeRules,
    ArrearsRepository,
    ArrearsService,
    InvoiceRemindersService,
    FeesIncomeService,
  ],
  exports: [InvoicesService, FeesIncomeService],
})
export class FeesModule {}
