import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuditService, type Actor } from '../audit/audit.service';
import { Clock } from '../common/clock';
import { toCsv } from '../fees/csv-export';
import { MESSAGE_STATUS, type MessageStatus } from './message-status';
import { StatementPublicService } from './statement-public.service';
import { StatementRepository, type AdminMessageRow } from './statement.repository';
import { MessageNotFoundError, MessageNotPublishableError } from './statement.errors';

/**
 * Messages of support, as admins moderate them: a queue of those from
 * confirmed signatures, newest first; publishing (only what its author
 * allowed) and hiding, each audited in its transaction; and the export of
 * them all to pass to the women.
 */
@Injectable()
export class MessagesService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly repository: StatementRepository,
    private readonly publicStatement: StatementPublicService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  findForAdmin(status?: MessageStatus): Promise<AdminMessageRow[]> {
    return this.repository.findMessagesForAdmin(status);
  }

  countByStatus(): Promise<Record<MessageStatus, number>> {
    return this.repository.countMessagesByStatus();
  }

  /** Publishes a message whose author allowed it (409 otherwise). Publishing one already published changes nothing. */
  publish(id: string, actor: Actor): Promise<AdminMessageRow> {
    return this.moderate(id, 'published', actor);
  }

  /** Takes a message off the public page, or keeps one unread from ever reaching it. */
  hide(id: string, actor: Actor): Promise<AdminMessageRow> {
    return this.moderate(id, 'hidden', actor);
  }

  /** Every message of a confirmed signature, as RFC 4180 CSV with formula cells made inert; audited. */
  async exportCsv(actor: Actor): Promise<string> {
    const rows = await this.repository.findMessagesForAdmin();
    await this.audit.record(undefined, actor, { action: 'export.messages', subjectType: 'export', summary: { count: rows.length } });
    return toCsv(
      ['Signed on', 'Name', 'Town', 'Organisation', 'Message', 'May be published', 'Status', 'Published on'],
      rows.map((r) => [
        r.signedAt.toISOString().slice(0, 10),
        r.name,
        r.town,
        r.organisation,
        r.message,
        r.messagePublic ? 'yes' : 'no',
        MESSAGE_STATUS[r.status].label,
        r.publishedAt ? r.publishedAt.toISOString().slice(0, 10) : '',
      ]),
    );
  }

  private async moderate(id: string, status: MessageStatus, actor: Actor): Promise<AdminMessageRow> {
    const now = this.clock.now();
    const updated = await this.dataSource.transaction(async (manager) => {
      const message = await this.repository.lockMessage(manager, id);
      if (!message) throw new MessageNotFoundError();
      if (status === 'published' && !message.messagePublic) throw new MessageNotPublishableError();
      if (message.status !== status) {
        await this.repository.setMessageStatus(manager, id, status, now);
        await this.audit.record(manager, actor, {
          action: status === 'published' ? 'message.publish' : 'message.hide',
          subjectType: 'signature',
          subjectId: id,
          summary: { before: message.status, after: status },
        });
      }
      return (await this.repository.lockMessage(manager, id))!;
    });
    await this.publicStatement.refresh();
    return updated;
  }
}
