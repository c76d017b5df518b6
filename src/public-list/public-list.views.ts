import { countByRegion, REGIONS } from '../branches/regions';
import { barChart } from '../common/charts/bar-chart';
import type { Html } from '../common/charts/html';
import type { NormalisedFilter } from './dto/public-affiliates-query.dto';
import { filterEntries, groupEntries, type Group, type PublicListSnapshot } from './public-list.snapshot';

export const FEED_PATH = '/affiliates/feed.atom';

const branches = (n: number): string => `${n.toLocaleString('en-GB')} ${n === 1 ? 'branch' : 'branches'}`;

interface GroupView extends Group {
  countLabel: string;
}

function withLabels(groups: Group[]): GroupView[] {
  return groups.map((g) => ({ ...g, countLabel: branches(g.count) }));
}

const regionCharts = new WeakMap<PublicListSnapshot, Html>();

/**
 * The listed branches by region: counts only, from the snapshot, drawn once
 * per snapshot and then part of each page rendered (and cached) from it.
 */
export function regionChart(snapshot: PublicListSnapshot): Html {
  let chart = regionCharts.get(snapshot);
  if (!chart) {
    const data = countByRegion(snapshot.entries, (e) => e.regionKey).map((r) => ({ label: r.name, value: r.count }));
    chart = barChart(data, {
      id: 'chart-affiliates-regions',
      title: 'Listed branches by region and nation',
      categoryLabel: 'Region or nation',
      valueLabel: 'Branches',
      describe: branches,
      totalLabel: 'All regions and nations',
    });
    regionCharts.set(snapshot, chart);
  }
  return chart;
}

/** What the list page and the embed render: the filtered list grouped by union and region, and the filter form. */
export function listLocals(snapshot: PublicListSnapshot, filter: NormalisedFilter): Record<string, unknown> {
  const matching = filterEntries(snapshot.entries, filter);
  const filtered = Boolean(filter.union || filter.region || filter.q);
  const unions = snapshot.unions.map((u) => ({ ...u, selected: u.key === filter.union }));
  // A union chosen from an old link that no longer has listed branches stays selectable, so the form shows what was asked.
  if (filter.union && !unions.some((u) => u.selected)) unions.unshift({ key: filter.union, name: filter.union.replace(/^other:/, ''), count: 0, selected: true });
  return {
    total: snapshot.entries.length,
    totalLabel: branches(snapshot.entries.length),
    shown: matching.length,
    shownLabel: branches(matching.length),
    filtered,
    q: filter.q ?? '',
    unions,
    unionCounts: snapshot.unions.map((u) => ({ ...u, countLabel: branches(u.count) })),
    regions: REGIONS.map((r) => ({ key: r.key, name: r.name, selected: r.key === filter.region })),
    groups: withLabels(groupEntries(matching)),
    feedPath: FEED_PATH,
    // The whole list's picture, over the unfiltered page only: a filtered page is about its matches.
    regionChart: filtered || !snapshot.entries.length ? undefined : regionChart(snapshot),
  };
}

/** The statement page: the branches whose current affiliation endorses the statement. */
export function statementLocals(snapshot: PublicListSnapshot): Record<string, unknown> {
  const endorsers = snapshot.entries.filter((e) => e.endorses);
  return {
    endorserCount: endorsers.length,
    endorserLabel: branches(endorsers.length),
    groups: withLabels(groupEntries(endorsers)),
  };
}
