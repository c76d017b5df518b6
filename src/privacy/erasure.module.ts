import { Module } from '@nestjs/common';
import { BranchesModule } from '../branches/branches.module';
import { SignedLettersCoreModule } from '../documents/signed-letters/signed-letters-core.module';
import { RepliesCoreModule } from '../replies/replies-core.module';
import { UpdatesCoreModule } from '../updates/updates-core.module';
import { UsersModule } from '../users/users.module';
import { AccountErasureService } from './account-erasure.service';

/**
 * Erasing an account, on its own so the retention rules (and the jobs CLI)
 * can use it without the rest of the portal's pages and start-up work. Needs
 * the global audit, mail and throttle modules.
 */
@Module({
  imports: [UsersModule, BranchesModule, SignedLettersCoreModule, UpdatesCoreModule, RepliesCoreModule],
  providers: [AccountErasureService],
  exports: [AccountErasureService],
})
export class ErasureModule {}
