import { Injectable, OnModuleInit } from '@nestjs/common';
import { isUUID } from 'class-validator';
import { DataSource } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import type { UpdateAudience, UpdateRecipient } from '../updates/update-audience';
import { UpdateAudiences } from '../updates/update-audiences';
import { UsersService } from '../users/users.service';
import { AffiliationStatsRepository } from './affiliation-stats.repository';

/** Who unsubscribed from an emailed link: the holder of the link, with no session. */
const LINK_ACTOR = { id: null, role: 'unsubscribe_link' };

/**
 * The secretaries of the branches affiliated now (the latest affiliation that
 * decides a branch's standing is current: affiliation-status.ts), whose
 * account is active and has not turned updates off; each person once,
 * however many branches they run. `ref` is the account id.
 */
@Injectable()
export class AffiliatedSecretariesAudience implements UpdateAudience, OnModuleInit {
  readonly key = 'branches' as const;
  readonly label = 'Secretaries of affiliated branches';

  constructor(
    private readonly audiences: UpdateAudiences,
    private readonly stats: AffiliationStatsRepository,
    private readonly users: UsersService,
    private readonly audit: AuditService,
    private readonly dataSource: DataSource,
  ) {}

  onModuleInit(): void {
    this.audiences.register(this);
  }

  recipients(): Promise<UpdateRecipient[]> {
    return this.stats.secretariesForUpdates();
  }

  async unsubscribeAddress(email: string): Promise<void> {
    const user = await this.users.findByEmail(email);
    if (user) await this.unsubscribe(user.id);
  }

  async unsubscribe(ref: string): Promise<void> {
    if (!isUUID(ref)) return;
    await this.dataSource.transaction(async (manager) => {
      if (!(await this.users.setEmailUpdates(manager, ref, false))) return;
      await this.audit.record(manager, LINK_ACTOR, { action: 'account.email_updates_off', subjectType: 'user', subjectId: ref, summary: { via: 'unsubscribe_link' } });
    });
  }
}
