import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuditService, type Actor } from '../audit/audit.service';
import { NotFoundError } from '../common/errors/domain-error';
import { uniqueViolation } from '../common/errors/unique-violation';
import type { Page } from '../common/openapi/page.dto';
import { MailService } from '../mail/mail.service';
import type { User } from '../users/user.entity';
import { EmailUpdateSender } from './email-update-sender';
import type { EmailUpdate } from './email-update.entity';
import { EmailUpdatesRepository } from './email-updates.repository';
import { AudienceUnavailableError, NoRecipientsError } from './email-updates.errors';
import { renderUpdateBody, sampleEmail } from './update-content';
import type { UpdateAudienceKey } from './update-audience';
import { UpdateAudiences, type AudienceRecipient } from './update-audiences';

export interface UpdateDraft {
  subject: string;
  body: string;
  audiences: UpdateAudienceKey[];
  /** Makes the request safe to repeat: a second one with the same key sends nothing. */
  requestKey?: string;
}

/** An update as admins see it listed: never who it went to, only how many. */
export interface UpdateSummary {
  id: string;
  subject: string;
  audiences: UpdateAudienceKey[];
  createdAt: Date;
  recipients: number;
  sent: number;
  completedAt: Date | null;
}

export const UPDATES_PAGE_SIZE = 25;

const summaryOf = (u: EmailUpdate): UpdateSummary => ({
  id: u.id,
  subject: u.subject,
  audiences: u.audiences,
  createdAt: u.createdAt,
  recipients: u.recipientCount,
  sent: u.sentCount,
  completedAt: u.completedAt,
});

/** Writing, checking and sending email updates; the sending itself is EmailUpdateSender's. */
@Injectable()
export class EmailUpdatesService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly repository: EmailUpdatesRepository,
    private readonly audiences: UpdateAudiences,
    private readonly sender: EmailUpdateSender,
    private readonly mail: MailService,
    private readonly audit: AuditService,
  ) {}

  /** The audiences offered now, for the admin's checkboxes. */
  audienceOptions(): { key: UpdateAudienceKey; label: string }[] {
    return this.audiences.list().map(({ key, label }) => ({ key, label }));
  }

  preview(body: string): string {
    return renderUpdateBody(body);
  }

  /** How many people the update would reach now, each address once. */
  async countRecipients(keys: UpdateAudienceKey[]): Promise<number> {
    this.assertAvailable(keys);
    return (await this.audiences.recipientsOf(keys)).length;
  }

  async sendSample(admin: User, actor: Actor, draft: Pick<UpdateDraft, 'subject' | 'body'>): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      await this.mail.queue(manager, sampleEmail(draft, admin.email));
      await this.audit.record(manager, actor, { action: 'update.sample_sent', subjectType: 'user', subjectId: admin.id });
    });
  }

  /**
   * Snapshots the recipients (each address once across the audiences) and
   * queues the first batch, with the audit row, in one transaction: the update
   * exists with all its deliveries, or not at all.
   */
  async create(actor: Actor, draft: UpdateDraft): Promise<{ id: string; recipients: number }> {
    const earlier = await this.sentWithKey(draft.requestKey);
    if (earlier) return earlier;
    this.assertAvailable(draft.audiences);
    const recipients = await this.audiences.recipientsOf(draft.audiences);
    if (recipients.length === 0) throw new NoRecipientsError();
    try {
      return await this.insert(actor, draft, recipients);
    } catch (error) {
      // The same key, sent at the same moment (a double click): the other request made it.
      const same = uniqueViolation(error) === 'uq_email_updates_request_key' ? await this.sentWithKey(draft.requestKey) : null;
      if (same) return same;
      throw error;
    }
  }

  private async sentWithKey(requestKey: string | undefined): Promise<{ id: string; recipients: number } | null> {
    const update = requestKey ? await this.repository.findByRequestKey(requestKey) : null;
    return update ? { id: update.id, recipients: update.recipientCount } : null;
  }

  private insert(actor: Actor, draft: UpdateDraft, recipients: AudienceRecipient[]): Promise<{ id: string; recipients: number }> {
    return this.dataSource.transaction(async (manager) => {
      const update = await this.repository.insertUpdate(manager, {
        subject: draft.subject,
        body: draft.body,
        audiences: draft.audiences,
        createdBy: actor.id,
        recipientCount: recipients.length,
        requestKey: draft.requestKey ?? null,
      });
      await this.repository.insertDeliveries(manager, update.id, recipients);
      await this.sender.start(manager, update.id);
      await this.audit.record(manager, actor, {
        action: 'update.sent',
        subjectType: 'email_update',
        subjectId: update.id,
        summary: { audiences: draft.audiences, recipients: recipients.length },
      });
      return { id: update.id, recipients: recipients.length };
    });
  }

  async list(page = 1, pageSize = UPDATES_PAGE_SIZE): Promise<Page<UpdateSummary>> {
    const { items, total } = await this.repository.findPage(page, pageSize);
    return { items: items.map(summaryOf), total, page, pageSize };
  }

  async get(id: string): Promise<UpdateSummary & { body: string }> {
    const update = await this.repository.findById(id);
    if (!update) throw new NotFoundError('No such update');
    return { ...summaryOf(update), body: update.body };
  }

  private assertAvailable(keys: UpdateAudienceKey[]): void {
    for (const key of keys) if (!this.audiences.get(key)) throw new AudienceUnavailableError(key);
  }
}
