import { Module } from '@nestjs/common';
import { AffiliationsModule } from '../affiliations/affiliations.module';
import { BranchesModule } from '../branches/branches.module';
import { BranchDocumentsModule } from '../documents/branch-documents.module';
import { SignedLettersModule } from '../documents/signed-letters/signed-letters.module';
import { FeesModule } from '../fees/fees.module';
import { AdminController } from './admin.controller';
import { AdminPageController } from './admin.page.controller';
import { AdminService } from './admin.service';
import { DashboardChartsService } from './dashboard-charts.service';

/** The admin's overviews (dashboard, a branch's page); each feature holds its own admin routes. */
@Module({
  imports: [BranchesModule, AffiliationsModule, BranchDocumentsModule, SignedLettersModule, FeesModule],
  controllers: [AdminController, AdminPageController],
  providers: [AdminService, DashboardChartsService],
})
export class AdminModule {}
