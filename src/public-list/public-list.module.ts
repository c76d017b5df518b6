import { Module, OnModuleInit } from '@nestjs/common';
import hbs from 'hbs';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { VIEWS_DIR } from '../common/paths';
import { PublicListController } from './public-list.controller';
import { PublicListPageController } from './public-list.page.controller';
import { PublicListRepository } from './public-list.repository';
import { PublicListService } from './public-list.service';

/** Issue 7: the public list of affiliated branches, its statement page, embed, feed and JSON. */
@Module({
  controllers: [PublicListController, PublicListPageController],
  providers: [PublicListRepository, PublicListService],
  exports: [PublicListService],
})
export class PublicListModule implements OnModuleInit {
  onModuleInit(): void {
    // The list markup shared by the page, the embed and the statement; it lives with this feature's views.
    for (const name of ['groups', 'pagination', 'missing-page']) {
      hbs.registerPartial(`public-list/${name}`, readFileSync(join(VIEWS_DIR, 'public-list', `_${name}.hbs`), 'utf8'));
    }
  }
}
