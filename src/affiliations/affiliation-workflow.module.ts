import { Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { BRANCH_FACTS_LISTENER } from '../branches/branch-hooks';
import { AffiliationStatusChange } from './affiliation-status-change.entity';
import { AffiliationWorkflow } from './affiliation-workflow';
import { Affiliation } from './affiliation.entity';
import { KeyFactsReview } from './key-facts-review';

/**
 * The lifecycle engine, with no dependency on the branch or fee services.
 * Global so that the branch feature's facts listener (branch-hooks.ts)
 * resolves without the branch feature importing this one.
 */
@Global()
@Module({
  imports: [TypeOrmModule.forFeature([Affiliation, AffiliationStatusChange])],
  providers: [AffiliationWorkflow, KeyFactsReview, { provide: BRANCH_FACTS_LISTENER, useExisting: KeyFactsReview }],
  exports: [AffiliationWorkflow, BRANCH_FACTS_LISTENER, TypeOrmModule],
})
export class AffiliationWorkflowModule {}
