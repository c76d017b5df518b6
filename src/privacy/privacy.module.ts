import { Module } from '@nestjs/common';
import { AffiliationsModule } from '../affiliations/affiliations.module';
import { AuthModule } from '../auth/auth.module';
import { BranchesModule } from '../branches/branches.module';
import { BranchDocumentsModule } from '../documents/branch-documents.module';
import { UsersModule } from '../users/users.module';
import { AccountErasureService } from './account-erasure.service';
import { PersonalDataService } from './personal-data.service';
import { PrivacyController } from './privacy.controller';
import { PrivacyPageController } from './privacy.page.controller';

/**
 * A person's own data from start to end: their export and the erasure of
 * their account, gathered from (and carried out by) each feature that holds
 * some of it.
 */
@Module({
  imports: [AuthModule, UsersModule, BranchesModule, AffiliationsModule, BranchDocumentsModule],
  controllers: [PrivacyController, PrivacyPageController],
  providers: [PersonalDataService, AccountErasureService],
})
export class PrivacyModule {}
