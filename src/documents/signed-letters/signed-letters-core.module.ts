import { Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { BRANCH_PAGE_SIGNED_LETTER } from '../../affiliations/branch-page-hooks';
import { SignedLetterPanels } from './signed-letter-panels';
import { SignedLetter } from './signed-letter.entity';
import { SignedLettersRepository } from './signed-letters.repository';

/**
 * The signed letters' table, and the branch page's section about them, with
 * no routes and no dependency on the branch services: what the erasure (in
 * the jobs CLI too), the export and the admin page read. Global so the token
 * the affiliation feature declares (branch-page-hooks.ts) resolves wherever
 * it lives.
 */
@Global()
@Module({
  imports: [TypeOrmModule.forFeature([SignedLetter])],
  providers: [SignedLettersRepository, SignedLetterPanels, { provide: BRANCH_PAGE_SIGNED_LETTER, useExisting: SignedLetterPanels }],
  exports: [SignedLettersRepository, SignedLetterPanels, BRANCH_PAGE_SIGNED_LETTER, TypeOrmModule],
})
export class SignedLettersCoreModule {}
