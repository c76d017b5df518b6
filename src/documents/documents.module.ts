import { Module } from '@nestjs/common';
import { DocumentTemplatesRepository } from './document-templates.repository';
import { DocumentsPageController } from './documents.page.controller';
import { DocumentsService } from './documents.service';
import { DownloadCounter } from './download-counter.service';

@Module({
  controllers: [DocumentsPageController],
  providers: [DocumentsService, DocumentTemplatesRepository, DownloadCounter],
  exports: [DocumentsService],
})
export class DocumentsModule {}
