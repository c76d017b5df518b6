import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AffiliationsModule } from '../affiliations/affiliations.module';
import { BranchesModule } from '../branches/branches.module';
import { BranchDocumentDownloadsRepository } from './branch-document-downloads.repository';
import { BranchDocumentsController } from './branch-documents.controller';
import { BranchDocumentsService } from './branch-documents.service';
import { DocumentsModule } from './documents.module';
import { BranchDocumentDownload } from './entities/branch-document-download.entity';

/**
 * A branch's own documents. Apart from DocumentsModule so that rendering
 * stays free of the branch and affiliation features that this needs.
 */
@Module({
  imports: [TypeOrmModule.forFeature([BranchDocumentDownload]), DocumentsModule, BranchesModule, AffiliationsModule],
  controllers: [BranchDocumentsController],
  providers: [BranchDocumentDownloadsRepository, BranchDocumentsService],
  exports: [BranchDocumentsService, BranchDocumentDownloadsRepository],
})
export class BranchDocumentsModule {}
