import type { Region } from '../branches/regions';
import { PublicEntry } from './public-entry';
import { searchable } from './searchable';

export { columnsOf, PublicEntry, type PublicListColumns, type PublicListRow } from './public-entry';
export { searchable } from './searchable';

export interface UnionCount {
  key: string;
  name: string;
  count: number;
}

export interface PublicListFilter {
  union?: string;
  region?: string;
  q?: string;
}

export interface Group {
  unionKey: string;
  unionName: string;
  /** Branches of this union in the whole (filtered) list, not only on this page. */
  count: number;
  /** The union's branches began on an earlier page. */
  continued: boolean;
  regions: { regionKey: string; regionName: string; continued: boolean; entries: PublicEntry[] }[];
}

/**
 * The whole public list at one moment, ordered by union name, region (in the
 * TUC's order) and public name. Immutable: a change builds a new snapshot.
 */
export interface PublicListSnapshot {
  entries: readonly PublicEntry[];
  unions: readonly UnionCount[];
  /** Every region in the TUC's order, with its number of listed branches (0 included). */
  regions: readonly { key: Region; name: string; count: number }[];
  /** The entries whose current affiliation endorses the statement, in list order. */
  endorsers: readonly PublicEntry[];
  /**
   * Names this content: a build that changes nothing published returns the
   * same snapshot, any change a new version (random: responses' ETags come
   * from their bytes, so instances need not agree on it).
   */
  version: string;
}

export function isFiltered(f: PublicListFilter): boolean {
  return Boolean(f.union || f.region || f.q);
}

export function filterEntries(entries: readonly PublicEntry[], f: PublicListFilter): readonly PublicEntry[] {
  if (!isFiltered(f)) return entries;
  const q = f.q ? searchable(f.q) : '';
  return entries.filter(
    (e) => (!f.union || e.unionKey === f.union) && (!f.region || e.regionKey === f.region) && (!q || e.search.includes(q)),
  );
}

/** The `n` branches listed most recently, newest first, for the feed: one pass, keeping only `n`. */
export function newestEntries(entries: readonly PublicEntry[], n: number): PublicEntry[] {
  const kept: PublicEntry[] = [];
  if (n < 1) return kept;
  for (const e of entries) {
    if (kept.length === n && PublicEntry.compareNewest(e, kept[n - 1]) >= 0) continue;
    let lo = 0;
    let hi = kept.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (PublicEntry.compareNewest(kept[mid], e) < 0) lo = mid + 1;
      else hi = mid;
    }
    kept.splice(lo, 0, e);
    if (kept.length > n) kept.pop();
  }
  return kept;
}

/**
 * The entries `list[start, end)` (already in list order) grouped by union,
 * then region, each marked when it began on an earlier page, and each union
 * with its count in the whole of `list`.
 */
export function groupEntries(list: readonly PublicEntry[], start = 0, end = list.length): Group[] {
  const groups: Group[] = [];
  for (let i = start; i < end; i++) {
    const e = list[i];
    const before = i === start && i > 0 ? list[i - 1] : undefined;
    let g = groups[groups.length - 1];
    if (g?.unionKey !== e.unionKey) {
      g = { unionKey: e.unionKey, unionName: e.unionName, count: 0, continued: before?.unionKey === e.unionKey, regions: [] };
      groups.push(g);
    }
    let r = g.regions[g.regions.length - 1];
    if (r?.regionKey !== e.regionKey) {
      r = { regionKey: e.regionKey, regionName: e.regionName, continued: before?.unionKey === e.unionKey && before.regionKey === e.regionKey, entries: [] };
      g.regions.push(r);
    }
    r.entries.push(e);
  }
  for (const g of groups) g.count = countOf(list, g.unionKey);
  return groups;
}

const counts = new WeakMap<readonly PublicEntry[], Map<string, number>>();

/** Branches of a union in a list, counted once per list. */
function countOf(list: readonly PublicEntry[], unionKey: string): number {
  let byUnion = counts.get(list);
  if (!byUnion) {
    byUnion = new Map();
    for (const e of list) byUnion.set(e.unionKey, (byUnion.get(e.unionKey) ?? 0) + 1);
    counts.set(list, byUnion);
  }
  return byUnion.get(unionKey) ?? 0;
}
