import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { AdminPoliceAreasController } from './admin-police-areas.controller';
import { AdminPoliceAreasPageController } from './admin-police-areas.page.controller';
import { PoliceAreasController } from './police-areas.controller';
import { PoliceAreasRepository } from './police-areas.repository';
import { PoliceAreasService } from './police-areas.service';

/**
 * Issue 18: the UK's police force areas and who holds each force to account
 * (reference data seeded by CreatePoliceAreas, corrected by admins), for the
 * letter builder's picker and the PCC replies' tallies.
 */
@Module({
  imports: [AuditModule],
  controllers: [PoliceAreasController, AdminPoliceAreasController, AdminPoliceAreasPageController],
  providers: [PoliceAreasRepository, PoliceAreasService],
  exports: [PoliceAreasService],
})
export class PoliceAreasModule {}
