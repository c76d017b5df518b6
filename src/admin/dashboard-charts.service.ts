import { Injectable } from '@nestjs/common';
import { AffiliationStatsRepository, type AffiliatedBranchCount } from '../affiliations/affiliation-stats.repository';
import { countByRegion } from '../branches/regions';
import { unionName } from '../branches/unions';
import { barChart } from '../common/charts/bar-chart';
import type { ChartDatum } from '../common/charts/chart-figure';
import type { Html } from '../common/charts/html';
import { lineChart } from '../common/charts/line-chart';
import { monthBounds, monthlySeries, monthsEndingAt } from '../common/charts/months';
import { Clock } from '../common/clock';
import { formatMoney } from '../common/money';
import { FeesIncomeService } from '../fees/fees-income.service';

/** Two years of months, this one included. */
export const DASHBOARD_MONTHS = 24;
/** Unions beyond this many are drawn as one bar ("12 other unions"); the table lists each. */
const UNION_BARS = 8;

export interface DashboardFigures {
  approvalsByMonth: ChartDatum[];
  incomeByMonth: ChartDatum[];
  branchesByRegion: ChartDatum[];
  branchesByUnion: ChartDatum[];
}

const plural = (n: number, one: string, many: string): string => `${n.toLocaleString('en-GB')} ${n === 1 ? one : many}`;
const branches = (n: number): string => plural(n, 'branch', 'branches');
const collator = new Intl.Collator('en-GB', { sensitivity: 'base' });

/** Every region in the TUC's order, so a region without branches shows as none. */
export function byRegion(counts: readonly AffiliatedBranchCount[]): ChartDatum[] {
  return countByRegion(counts, (c) => c.region, (c) => c.count).map((r) => ({ label: r.name, value: r.count }));
}

/** The unions with affiliated branches, the most first (then by name). */
export function byUnion(counts: readonly AffiliatedBranchCount[]): ChartDatum[] {
  const unions = new Map<string, ChartDatum>();
  for (const c of counts) {
    const u = unions.get(c.unionKey) ?? { label: unionName(c.union, c.unionOther), value: 0 };
    u.value += c.count;
    unions.set(c.unionKey, u);
  }
  return [...unions.values()].sort((a, b) => b.value - a.value || collator.compare(a.label, b.label));
}

/** The dashboard's four charts, in the order the page shows them. */
export function dashboardCharts(f: DashboardFigures): Html[] {
  return [
    lineChart(f.approvalsByMonth, {
      id: 'chart-approvals',
      title: 'Affiliations approved each month',
      categoryLabel: 'Month',
      valueLabel: 'Approved',
      describe: (n) => plural(n, 'affiliation', 'affiliations'),
      totalLabel: 'In the two years',
      integer: true,
      labelEvery: 6,
      emptyText: 'No affiliations were approved in the last two years.',
    }),
    lineChart(f.incomeByMonth, {
      id: 'chart-income',
      title: 'Fee income received each month',
      categoryLabel: 'Month',
      valueLabel: 'Received',
      format: formatMoney,
      totalLabel: 'In the two years',
      labelEvery: 6,
      emptyText: 'No payments were received in the last two years.',
    }),
    barChart(f.branchesByRegion, {
      id: 'chart-regions',
      title: 'Affiliated branches by region',
      categoryLabel: 'Region or nation',
      valueLabel: 'Branches',
      describe: branches,
      totalLabel: 'All regions and nations',
      emptyText: 'No branch is affiliated yet.',
    }),
    barChart(f.branchesByUnion, {
      id: 'chart-unions',
      title: 'Affiliated branches by union',
      categoryLabel: 'Union',
      valueLabel: 'Branches',
      describe: branches,
      totalLabel: 'All unions',
      maxBars: UNION_BARS,
      restLabel: (n) => `${n} other unions`,
      emptyText: 'No branch is affiliated yet.',
    }),
  ];
}

/** The figures behind the admin dashboard's charts, each asked of the feature that owns it. */
@Injectable()
export class DashboardChartsService {
  constructor(
    private readonly stats: AffiliationStatsRepository,
    private readonly income: FeesIncomeService,
    private readonly clock: Clock,
  ) {}

  async figures(): Promise<DashboardFigures> {
    const months = monthsEndingAt(this.clock.today(), DASHBOARD_MONTHS);
    const { fromDay, toDay } = monthBounds(months);
    const [approved, received, affiliated] = await Promise.all([
      this.stats.countApprovedByMonth(fromDay, toDay),
      this.income.receivedByMonth(fromDay, toDay),
      this.stats.countAffiliatedBranches(),
    ]);
    return {
      approvalsByMonth: monthlySeries(months, approved),
      incomeByMonth: monthlySeries(months, received),
      branchesByRegion: byRegion(affiliated),
      branchesByUnion: byUnion(affiliated),
    };
  }

  async charts(): Promise<Html[]> {
    return dashboardCharts(await this.figures());
  }
}
