import { Global, Module } from '@nestjs/common';
import { UpdateAudiences } from './update-audiences';

/**
 * The registry of update audiences, global so that a feature owning an
 * audience (affiliated branches' secretaries, the statement's supporters)
 * registers it without importing the updates feature.
 */
@Global()
@Module({ providers: [UpdateAudiences], exports: [UpdateAudiences] })
export class UpdateAudiencesModule {}
