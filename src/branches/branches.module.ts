import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AdminBranchesController } from './admin-branches.controller';
import { AdminBranchesPageController } from './admin-branches.page.controller';
import { AdminNote } from './admin-note.entity';
import { AdminNotesService } from './admin-notes.service';
import { BranchClaim } from './branch-claim.entity';
import { BranchPersonalDataService } from './branch-personal-data.service';
import { BranchProbesService } from './branch-probes.service';
import { BranchHandover } from './branch-handover.entity';
import { BranchSecretariesService } from './branch-secretaries.service';
import { BranchSecretaryChange } from './branch-secretary-change.entity';
import { Branch } from './branch.entity';
import { BranchesController, HandoversController } from './branches.controller';
import { BranchesPageController } from './branches.page.controller';
import { BranchesRepository } from './branches.repository';
import { BranchesService } from './branches.service';
import { ReferenceController } from './reference.controller';

@Module({
  imports: [TypeOrmModule.forFeature([Branch, BranchClaim, BranchHandover, BranchSecretaryChange, AdminNote])],
  controllers: [BranchesController, HandoversController, BranchesPageController, AdminBranchesController, AdminBranchesPageController, ReferenceController],
  providers: [BranchesRepository, BranchesService, BranchSecretariesService, BranchProbesService, AdminNotesService, BranchPersonalDataService],
  exports: [BranchesRepository, BranchesService, BranchSecretariesService, AdminNotesService, BranchPersonalDataService],
})
export class BranchesModule {}
