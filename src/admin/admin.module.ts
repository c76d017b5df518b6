import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AffiliationsModule } from '../affiliations/affiliations.module';
import { AuditEvent } from '../audit/audit-event.entity';
import { BranchesModule } from '../branches/branches.module';
import { BranchDocumentsModule } from '../documents/branch-documents.module';
import { User } from '../users/user.entity';
import { AdminAffiliationsController } from './admin-affiliations.controller';
import { AdminBranchesController } from './admin-branches.controller';
import { AdminNote } from './admin-note.entity';
import { AdminNotesService } from './admin-notes.service';
import { AdminPageController } from './admin.page.controller';
import { AdminService } from './admin.service';
import { AuditLogService } from './audit-log.service';

@Module({
  imports: [TypeOrmModule.forFeature([AdminNote, AuditEvent, User]), BranchesModule, AffiliationsModule, BranchDocumentsModule],
  controllers: [AdminAffiliationsController, AdminBranchesController, AdminPageController],
  providers: [AdminService, AdminNotesService, AuditLogService],
})
export class AdminModule {}
