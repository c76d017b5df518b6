import { Module } from '@nestjs/common';
import { BranchesModule } from '../branches/branches.module';
import { DocumentsModule } from '../documents/documents.module';
import { PoliceAreasModule } from '../police-areas/police-areas.module';
import { RepliesCoreModule } from '../replies/replies-core.module';
import { LetterPages } from './letter-pages';
import { LettersController } from './letters.controller';
import { LettersPageController } from './letters.page.controller';
import { LettersService } from './letters.service';

/** Letters to MPs, councillors, commissioners, the Home Affairs Committee and the Home Office: built, never kept. */
@Module({
  imports: [DocumentsModule, BranchesModule, PoliceAreasModule, RepliesCoreModule],
  controllers: [LettersController, LettersPageController],
  providers: [LettersService, LetterPages],
  exports: [LettersService],
})
export class LettersModule {}
