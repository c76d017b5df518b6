import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AffiliationStatusChange } from './affiliation-status-change.entity';
import { AffiliationWorkflow } from './affiliation-workflow';
import { Affiliation } from './affiliation.entity';
import { FeeBand } from './fee-band.entity';
import { FeeBandsService } from './fee-bands.service';

/**
 * The lifecycle engine and fee bands, with no dependency on the branch
 * services, so both the branches and the affiliations features can use them.
 */
@Module({
  imports: [TypeOrmModule.forFeature([Affiliation, AffiliationStatusChange, FeeBand])],
  providers: [AffiliationWorkflow, FeeBandsService],
  exports: [AffiliationWorkflow, FeeBandsService, TypeOrmModule],
})
export class AffiliationWorkflowModule {}
