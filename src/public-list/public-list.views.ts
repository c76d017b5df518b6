import { REGIONS } from '../branches/regions';
import { barChart } from '../common/charts/bar-chart';
import type { Html } from '../common/charts/html';
import type { PageOfList } from './dto/public-affiliates-query.dto';
import { listHref, pagination } from './pagination';
import { filterEntries, groupEntries, isFiltered, type Group, type PublicEntry, type PublicListSnapshot } from './public-list.snapshot';

export const FEED_PATH = '/affiliates/feed.atom';

const branches = (n: number): string => `${n.toLocaleString('en-GB')} ${n === 1 ? 'branch' : 'branches'}`;
const number = (n: number): string => n.toLocaleString('en-GB');

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
    const data = snapshot.regions.map((r) => ({ label: r.name, value: r.count }));
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

/**
 * One page of `list` (pages of `pageSize`): its bounds, the links to the
 * others, and, for a page past the end (an old link to a list that has since
 * shrunk), what to say instead: the page answers 404 with a link to the last.
 */
function paged(list: readonly PublicEntry[], { filter, page }: PageOfList, pageSize: number, path: string) {
  const pageCount = Math.max(1, Math.ceil(list.length / pageSize));
  const start = Math.min((page - 1) * pageSize, list.length);
  const end = Math.min(start + pageSize, list.length);
  const beyond = page > pageCount;
  return {
    start,
    end,
    pagination: pagination(page, pageCount, (n) => listHref(path, filter, n)),
    pageSummary: pageCount > 1 && !beyond ? `Page ${number(page)} of ${number(pageCount)}: branches ${number(start + 1)} to ${number(end)}.` : undefined,
    missingPage: beyond ? { page: number(page), pageCount: number(pageCount), last: listHref(path, filter, pageCount) } : undefined,
  };
}

/**
 * What the list page and the embed render: a page of the filtered list grouped
 * by union and region, the links to the other pages, and the filter form.
 */
export function listLocals(snapshot: PublicListSnapshot, query: PageOfList, pageSize: number, path: string): Record<string, unknown> {
  const { filter } = query;
  const matching = filterEntries(snapshot.entries, filter);
  const filtered = isFiltered(filter);
  const unions = snapshot.unions.map((u) => ({ ...u, selected: u.key === filter.union }));
  // A union chosen from an old link that no longer has listed branches stays selectable, so the form shows what was asked.
  if (filter.union && !unions.some((u) => u.selected)) unions.unshift({ key: filter.union, name: filter.union.replace(/^other:/, ''), count: 0, selected: true });
  const page = paged(matching, query, pageSize, path);
  return {
    total: snapshot.entries.length,
    totalLabel: branches(snapshot.entries.length),
    shown: matching.length,
    shownLabel: branches(matching.length),
    filtered,
    q: filter.q ?? '',
    unions,
    unionCounts: snapshot.unions.map((u) => ({ ...u, countLabel: branches(u.count), href: listHref(path, { union: u.key }, 1) })),
    regions: REGIONS.map((r) => ({ key: r.key, name: r.name, selected: r.key === filter.region })),
    groups: withLabels(groupEntries(matching, page.start, page.end)),
    pagination: page.pagination,
    pageSummary: page.pageSummary,
    missingPage: page.missingPage,
    feedPath: FEED_PATH,
    // The whole list's picture, over the first unfiltered page only: a filtered page is about its matches.
    regionChart: filtered || query.page > 1 || !snapshot.entries.length ? undefined : regionChart(snapshot),
  };
}

/** The statement page: a page of the branches whose current affiliation endorses the statement. */
export function statementLocals(snapshot: PublicListSnapshot, query: PageOfList, pageSize: number): Record<string, unknown> {
  const endorsers = snapshot.endorsers;
  const page = paged(endorsers, query, pageSize, '/statement');
  return {
    endorserCount: endorsers.length,
    endorserLabel: branches(endorsers.length),
    groups: withLabels(groupEntries(endorsers, page.start, page.end)),
    pagination: page.pagination,
    pageSummary: page.pageSummary,
    missingPage: page.missingPage,
  };
}
