import { Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AdminAuditController } from './admin-audit.controller';
import { AdminAuditPageController } from './admin-audit.page.controller';
import { AuditEvent } from './audit-event.entity';
import { AuditLogService } from './audit-log.service';
import { AuditService } from './audit.service';

/** The append-only audit log: AuditService writes it for every feature (hence global); admins read it. */
@Global()
@Module({
  imports: [TypeOrmModule.forFeature([AuditEvent])],
  controllers: [AdminAuditController, AdminAuditPageController],
  providers: [AuditService, AuditLogService],
  exports: [AuditService],
})
export class AuditModule {}
