import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { FeeBand } from '../affiliations/fee-band.entity';
import { FeeBandsService } from '../affiliations/fee-bands.service';
import { AuditService, type Actor } from '../audit/audit.service';
import { FeeBandNotFoundError } from './fees.errors';

/**
 * Admins change a band's label and amount. Invoices keep the amount they were
 * raised with (and affiliations the amount they were submitted with), so a
 * change applies to new invoices only. Ranges are left as seeded: changing
 * them could leave a membership size with no band.
 */
@Injectable()
export class FeeBandsAdminService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly bands: FeeBandsService,
    private readonly audit: AuditService,
  ) {}

  list(): Promise<FeeBand[]> {
    return this.bands.list();
  }

  async update(actor: Actor, id: number, change: { label?: string; amountPence?: number }): Promise<FeeBand> {
    return this.dataSource.transaction(async (manager) => {
      const repo = manager.getRepository(FeeBand);
      const band = await repo.findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!band) throw new FeeBandNotFoundError();
      const before = { label: band.label, amountPence: band.amountPence };
      if (change.label !== undefined) band.label = change.label;
      if (change.amountPence !== undefined) band.amountPence = change.amountPence;
      const saved = await repo.save(band);
      await this.audit.record(manager, actor, {
        action: 'fee_band.changed',
        subjectType: 'fee_band',
        subjectId: String(id),
        summary: { before, after: { label: saved.label, amountPence: saved.amountPence } },
      });
      return saved;
    });
  }
}
