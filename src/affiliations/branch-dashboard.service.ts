import { Injectable } from '@nestjs/common';
import { BranchesService } from '../branches/branches.service';
import type { Branch } from '../branches/branch.entity';
import { regionName } from '../branches/regions';
import { unionName } from '../branches/unions';
import type { User } from '../users/user.entity';
import { STATUS_LABELS, type AffiliationStatus } from './affiliation-status';
import { actionsFrom } from './affiliation-transitions';
import { affiliationYearOf } from './affiliation-year';
import type { Affiliation } from './affiliation.entity';
import { AffiliationsRepository, type HistoryRow } from './affiliations.repository';
import type { FeeBand } from './fee-band.entity';
import { FeeBandsService } from './fee-bands.service';

export interface SecretaryDashboard {
  branch: Branch;
  unionName: string;
  regionName: string;
  year: number;
  current: Affiliation | null;
  status: AffiliationStatus | 'none';
  statusLabel: string;
  canSubmit: boolean;
  canWithdraw: boolean;
  band: FeeBand | null;
  emailVerified: boolean;
  history: (HistoryRow & { toLabel: string })[];
}

/** What the secretary's branch page shows: where the affiliation stands and what to do next. */
@Injectable()
export class BranchDashboardService {
  constructor(
    private readonly branches: BranchesService,
    private readonly affiliations: AffiliationsRepository,
    private readonly feeBands: FeeBandsService,
  ) {}

  async forSecretary(user: User, branchId: string): Promise<SecretaryDashboard> {
    const branch = await this.branches.getMine(user, branchId);
    const year = affiliationYearOf(new Date());
    const [all, history, band] = await Promise.all([
      this.affiliations.findForBranch(branch.id),
      this.affiliations.historyForBranch(branch.id),
      this.feeBands.bandFor(branch.membershipSize, branch.regionalBody).catch(() => null),
    ]);
    const current = all.find((a) => a.affiliationYear === year) ?? all[0] ?? null;
    const status: AffiliationStatus | 'none' = current ? current.status : 'none';
    const thisYear = current?.affiliationYear === year;
    return {
      branch,
      unionName: unionName(branch.union, branch.unionOther),
      regionName: regionName(branch.region),
      year,
      current,
      status,
      statusLabel: status === 'none' ? 'Not yet submitted' : STATUS_LABELS[status],
      canSubmit: !thisYear || status === 'draft' || status === 'changes_requested',
      canWithdraw: !!current && actionsFrom(current.status, 'secretary').includes('withdraw'),
      band,
      emailVerified: !!user.emailVerifiedAt,
      // Secretaries see what happened, not which admin did it.
      history: history
        .filter((h) => h.action !== 'create')
        .map((h) => ({ ...h, actorName: null, toLabel: STATUS_LABELS[h.toStatus as AffiliationStatus] ?? h.toStatus })),
    };
  }
}
