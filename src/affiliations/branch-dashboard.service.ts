import { Inject, Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { Clock } from '../common/clock';
import { BranchesService } from '../branches/branches.service';
import type { Branch } from '../branches/branch.entity';
import { regionName } from '../branches/regions';
import { unionName } from '../branches/unions';
import type { CampaignConfig } from '../config';
import type { User } from '../users/user.entity';
import { AFFILIATION_FEES, type AffiliationInvoice, type FeeQuote, type AffiliationFees } from './affiliation-hooks';
import { AFFILIATION_STATUS, STATUS_LABELS, type AffiliationStatus } from './affiliation-status';
import { actionsFrom, findTransition, submitActionFrom } from './affiliation-transitions';
import { affiliationYearOf } from './affiliation-year';
import type { Affiliation } from './affiliation.entity';
import { AffiliationNotFoundError, AffiliationStatusConflictError } from './affiliations.errors';
import { AffiliationsRepository, type HistoryRow } from './affiliations.repository';
import { nextAction, type NextAction } from './branch-next-step';

export interface SecretaryDashboard {
  branch: Branch;
  unionName: string;
  regionName: string;
  /** This year: the one the affiliation form submits. */
  year: number;
  /** The year of the affiliation shown (an earlier one when this year's has not been started). */
  shownYear: number;
  /** The shown affiliation is an earlier year's: this year's has not been started. */
  earlierYear: boolean;
  current: Affiliation | null;
  status: AffiliationStatus | 'none';
  statusLabel: string;
  /** Next year's affiliation, raised ahead of the new year and waiting for payment. */
  renewal: Affiliation | null;
  /** The shown affiliation's invoice, with what is still to pay on it. */
  invoice: AffiliationInvoice | null;
  renewalInvoice: AffiliationInvoice | null;
  /** The branch has had an invoice (its invoices page has something to show). */
  invoiced: boolean;
  canSubmit: boolean;
  canWithdraw: boolean;
  /** The branch asked to pay what it can and no amount is agreed yet. */
  amountPending: boolean;
  /** The page's main button: what the secretary does next. */
  next: NextAction | null;
  /** What the branch would pay if it affiliated today. */
  quote: FeeQuote | null;
  emailVerified: boolean;
  history: (HistoryRow & { toLabel: string })[];
}

/** What the confirmation before a withdrawal tells the secretary. */
export interface WithdrawalView {
  branch: Branch;
  affiliation: Affiliation;
  /** The branch is on the public list now, and leaves it. */
  listed: boolean;
  /** Its invoice: what is still owed stays owed. */
  invoice: AffiliationInvoice | null;
}

/** What the secretary's branch page shows: where the affiliation stands and what to do next. */
@Injectable()
export class BranchDashboardService {
  private readonly contactHref: string;

  constructor(
    private readonly branches: BranchesService,
    private readonly affiliations: AffiliationsRepository,
    @Inject(AFFILIATION_FEES) private readonly fees: AffiliationFees,
    private readonly clock: Clock,
    config: ConfigService,
  ) {
    // The address branches write to, the same one their letter and invoice give.
    this.contactHref = `mailto:${config.getOrThrow<CampaignConfig>('campaign').email}`;
  }

  /** The affiliation the secretary is about to withdraw, if it can be withdrawn now. */
  async withdrawal(user: User, branchId: string, affiliationId: string): Promise<WithdrawalView> {
    const branch = await this.branches.getMine(user, branchId);
    const affiliation = await this.affiliations.findById(affiliationId);
    if (!affiliation || affiliation.branchId !== branch.id) throw new AffiliationNotFoundError();
    if (!findTransition(affiliation.status, 'withdraw', 'secretary')) throw new AffiliationStatusConflictError(affiliation.status, false);
    const [all, invoices] = await Promise.all([this.affiliations.findForBranch(branch.id), this.fees.invoicesOf(branch.id)]);
    // As the public list decides: the latest affiliation that decides the branch's standing (a renewal does not).
    const standing = all.find((a) => AFFILIATION_STATUS[a.status].decidesStanding);
    return {
      branch,
      affiliation,
      listed: branch.listPublicly && !branch.listConsentWithdrawnAt && !!standing && AFFILIATION_STATUS[standing.status].current,
      invoice: invoices.find((i) => i.affiliationId === affiliation.id) ?? null,
    };
  }

  async forSecretary(user: User, branchId: string): Promise<SecretaryDashboard> {
    const branch = await this.branches.getMine(user, branchId);
    const year = affiliationYearOf(this.clock.now());
    const [all, history, quote, invoices] = await Promise.all([
      this.affiliations.findForBranch(branch.id),
      this.affiliations.historyForBranch(branch.id),
      this.fees.quote(branch).catch(() => null),
      this.fees.invoicesOf(branch.id),
    ]);
    const current = all.find((a) => a.affiliationYear === year) ?? all[0] ?? null;
    const status: AffiliationStatus | 'none' = current ? current.status : 'none';
    const thisYear = current?.affiliationYear === year;
    const renewal = all.find((a) => a.affiliationYear === year + 1 && a.status === 'renewal_due') ?? null;
    const invoiceOf = (a: Affiliation | null): AffiliationInvoice | null => (a && invoices.find((i) => i.affiliationId === a.id)) ?? null;
    const invoice = invoiceOf(current);
    const renewalInvoice = invoiceOf(renewal);
    const earlierYear = !!current && current.affiliationYear < year;
    const amountPending = !!current?.payWhatYouCan && !current.payWhatYouCanAgreedAt;
    const canSubmit = !thisYear || (status !== 'none' && submitActionFrom(status) !== undefined);
    return {
      branch,
      unionName: unionName(branch.union, branch.unionOther),
      regionName: regionName(branch.region),
      year,
      shownYear: current?.affiliationYear ?? year,
      earlierYear,
      current,
      status,
      statusLabel: status === 'none' ? 'Not yet submitted' : STATUS_LABELS[status],
      renewal,
      invoice,
      renewalInvoice,
      invoiced: invoices.length > 0 || (!!current && AFFILIATION_STATUS[current.status].accepted),
      canSubmit,
      amountPending,
      canWithdraw: !!current && actionsFrom(current.status, 'secretary').includes('withdraw'),
      next: nextAction(status, {
        branchId: branch.id,
        year,
        earlierYear,
        invoice,
        renewalInvoice,
        amountPending,
        contactHref: this.contactHref,
      }),
      quote,
      emailVerified: !!user.emailVerifiedAt,
      // Secretaries see what happened, not which admin did it.
      history: history
        .filter((h) => h.action !== 'create')
        .map((h) => ({ ...h, actorName: null, toLabel: STATUS_LABELS[h.toStatus as AffiliationStatus] ?? h.toStatus })),
    };
  }
}
