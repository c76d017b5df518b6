import { Inject, Injectable } from '@nestjs/common';
import { Clock } from '../common/clock';
import { BranchesService } from '../branches/branches.service';
import type { Branch } from '../branches/branch.entity';
import { regionName } from '../branches/regions';
import { unionName } from '../branches/unions';
import type { User } from '../users/user.entity';
import { AFFILIATION_FEES, type FeeQuote, type AffiliationFees } from './affiliation-hooks';
import { AFFILIATION_STATUS, STATUS_LABELS, type AffiliationStatus } from './affiliation-status';
import { actionsFrom, submitActionFrom } from './affiliation-transitions';
import { affiliationYearOf } from './affiliation-year';
import type { Affiliation } from './affiliation.entity';
import { AffiliationsRepository, type HistoryRow } from './affiliations.repository';

export interface SecretaryDashboard {
  branch: Branch;
  unionName: string;
  regionName: string;
  year: number;
  current: Affiliation | null;
  status: AffiliationStatus | 'none';
  statusLabel: string;
  /** Next year's affiliation, raised ahead of the new year and waiting for payment. */
  renewal: Affiliation | null;
  /** The shown affiliation has an invoice (it was accepted at some point, or renewed). */
  invoiced: boolean;
  canSubmit: boolean;
  canWithdraw: boolean;
  /** What the branch would pay if it affiliated today. */
  quote: FeeQuote | null;
  emailVerified: boolean;
  history: (HistoryRow & { toLabel: string })[];
}

/** What the secretary's branch page shows: where the affiliation stands and what to do next. */
@Injectable()
export class BranchDashboardService {
  constructor(
    private readonly branches: BranchesService,
    private readonly affiliations: AffiliationsRepository,
    @Inject(AFFILIATION_FEES) private readonly fees: AffiliationFees,
    private readonly clock: Clock,
  ) {}

  async forSecretary(user: User, branchId: string): Promise<SecretaryDashboard> {
    const branch = await this.branches.getMine(user, branchId);
    const year = affiliationYearOf(this.clock.now());
    const [all, history, quote] = await Promise.all([
      this.affiliations.findForBranch(branch.id),
      this.affiliations.historyForBranch(branch.id),
      this.fees.quote(branch).catch(() => null),
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
      renewal: all.find((a) => a.affiliationYear === year + 1 && a.status === 'renewal_due') ?? null,
      invoiced: !!current && AFFILIATION_STATUS[current.status].accepted,
      canSubmit: !thisYear || (status !== 'none' && submitActionFrom(status) !== undefined),
      canWithdraw: !!current && actionsFrom(current.status, 'secretary').includes('withdraw'),
      quote,
      emailVerified: !!user.emailVerifiedAt,
      // Secretaries see what happened, not which admin did it.
      history: history
        .filter((h) => h.action !== 'create')
        .map((h) => ({ ...h, actorName: null, toLabel: STATUS_LABELS[h.toStatus as AffiliationStatus] ?? h.toStatus })),
    };
  }
}
