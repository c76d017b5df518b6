import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { AdminDocumentsController } from './admin-documents.controller';
import { AdminDocumentsPageController } from './admin-documents.page.controller';
import { DocumentTemplatesRepository } from './document-templates.repository';
import { DocumentsPageController } from './documents.page.controller';
import { DocumentsService } from './documents.service';
import { DownloadCounter } from './download-counter.service';
import { TemplateEditorService } from './template-editor.service';

@Module({
  // Global in the app; named here so the module also starts on its own (its integration tests).
  imports: [AuditModule],
  controllers: [DocumentsPageController, AdminDocumentsController, AdminDocumentsPageController],
  providers: [DocumentsService, DocumentTemplatesRepository, DownloadCounter, TemplateEditorService],
  exports: [DocumentsService],
})
export class DocumentsModule {}
