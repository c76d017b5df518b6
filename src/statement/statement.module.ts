import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { PublicListModule } from '../public-list/public-list.module';
import { UpdateAudiencesModule } from '../updates/update-audiences.module';
import { AdminMessagesController } from './admin-messages.controller';
import { AdminMessagesPageController } from './admin-messages.page.controller';
import { MessagesService } from './messages.service';
import { PublicSignaturesController } from './public-signatures.controller';
import { StatementController } from './statement.controller';
import { StatementPageController } from './statement.page.controller';
import { StatementPublicService } from './statement-public.service';
import { StatementRepository } from './statement.repository';
import { StatementService } from './statement.service';
import { SupportersAudience } from './supporters.audience';

/**
 * Issue 17 (part A): signing Where We Stand by double opt-in, the public
 * supporters and messages, moderation of messages, and the signer's own data.
 * Its supporters who asked for them are an audience of the email updates
 * (SupportersAudience, registered with the updates feature's registry).
 */
@Module({
  imports: [AuditModule, PublicListModule, UpdateAudiencesModule],
  controllers: [StatementController, PublicSignaturesController, StatementPageController, AdminMessagesController, AdminMessagesPageController],
  providers: [StatementRepository, StatementService, StatementPublicService, MessagesService, SupportersAudience],
  exports: [StatementService],
})
export class StatementModule {}
