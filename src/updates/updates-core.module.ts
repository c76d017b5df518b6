import { Module } from '@nestjs/common';
import { EmailUpdatesRepository } from './email-updates.repository';

/**
 * The updates' tables alone, for the features that must forget addresses in
 * them (account erasure, the retention rules) without the pages and the sender.
 */
@Module({ providers: [EmailUpdatesRepository], exports: [EmailUpdatesRepository] })
export class UpdatesCoreModule {}
