import { Module } from '@nestjs/common';
import { AffiliationsModule } from '../affiliations/affiliations.module';
import { BranchesModule } from '../branches/branches.module';
import { BranchDocumentsModule } from '../documents/branch-documents.module';
import { SignedLettersCoreModule } from '../documents/signed-letters/signed-letters-core.module';
import { RepliesCoreModule } from '../replies/replies-core.module';
import { ErasureModule } from './erasure.module';
import { PersonalDataService } from './personal-data.service';
import { PrivacyController } from './privacy.controller';
import { PrivacyPageController } from './privacy.page.controller';

/**
 * A person's own data from start to end: their export and the erasure of
 * their account, gathered from (and carried out by) each feature that holds
 * some of it.
 */
@Module({
  imports: [ErasureModule, BranchesModule, AffiliationsModule, BranchDocumentsModule, SignedLettersCoreModule, RepliesCoreModule],
  controllers: [PrivacyController, PrivacyPageController],
  providers: [PersonalDataService],
})
export class PrivacyModule {}
