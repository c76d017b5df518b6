import { Module } from '@nestjs/common';
import { BranchesModule } from '../branches/branches.module';
import { UpdateAudiencesModule } from '../updates/update-audiences.module';
import { AffiliatedSecretariesAudience } from './affiliated-secretaries.audience';
import { AdminAffiliationsController } from './admin-affiliations.controller';
import { AdminAffiliationsPageController } from './admin-affiliations.page.controller';
import { AffiliationChecks } from './affiliation-checks';
import { AffiliationStatsRepository } from './affiliation-stats.repository';
import { AffiliationWorkflowModule } from './affiliation-workflow.module';
import { AffiliationsController } from './affiliations.controller';
import { AffiliationsPageController } from './affiliations.page.controller';
import { AffiliationsRepository } from './affiliations.repository';
import { AffiliationsService } from './affiliations.service';
import { BranchDashboardService } from './branch-dashboard.service';

@Module({
  imports: [AffiliationWorkflowModule, BranchesModule, UpdateAudiencesModule],
  controllers: [AffiliationsController, AffiliationsPageController, AdminAffiliationsController, AdminAffiliationsPageController],
  providers: [AffiliatedSecretariesAudience, AffiliationsRepository, AffiliationsService, BranchDashboardService, AffiliationChecks, AffiliationStatsRepository],
  exports: [AffiliationsService, AffiliationsRepository, AffiliationStatsRepository],
})
export class AffiliationsModule {}
