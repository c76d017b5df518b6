import { Module } from '@nestjs/common';
import { AffiliationsModule } from '../affiliations/affiliations.module';
import { BranchesModule } from '../branches/branches.module';
import { BranchDocumentsModule } from '../documents/branch-documents.module';
import { SignedLettersModule } from '../documents/signed-letters/signed-letters.module';
import { AdminController } from './admin.controller';
import { AdminPageController } from './admin.page.controller';
import { AdminService } from './admin.service';

/** The admin's overviews (dashboard, a branch's page); each feature holds its own admin routes. */
@Module({
  imports: [BranchesModule, AffiliationsModule, BranchDocumentsModule, SignedLettersModule],
  controllers: [AdminController, AdminPageController],
  providers: [AdminService],
})
export class AdminModule {}
