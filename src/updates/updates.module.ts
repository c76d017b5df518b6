import { Module } from '@nestjs/common';
import { AdminUpdatesController } from './admin-updates.controller';
import { AdminUpdatesPageController } from './admin-updates.page.controller';
import { EmailUpdateSender } from './email-update-sender';
import { EmailUpdatesService } from './email-updates.service';
import { UnsubscribeController } from './unsubscribe.controller';
import { UnsubscribeService } from './unsubscribe.service';
import { UpdateAudiencesModule } from './update-audiences.module';
import { UpdatesCoreModule } from './updates-core.module';

/**
 * Email updates: admins write and send them to the registered audiences
 * (UpdateAudiencesModule), the sender puts them through the outbox in
 * batches, and the unsubscribe link stops them. Needs the global mail, queue,
 * audit and audience modules.
 */
@Module({
  imports: [UpdatesCoreModule, UpdateAudiencesModule],
  controllers: [AdminUpdatesController, AdminUpdatesPageController, UnsubscribeController],
  providers: [EmailUpdatesService, EmailUpdateSender, UnsubscribeService],
})
export class UpdatesModule {}
