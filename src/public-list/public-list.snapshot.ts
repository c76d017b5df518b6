import { createHash } from 'node:crypto';
import { REGIONS, regionName } from '../branches/regions';
import { unionName } from '../branches/unions';

/** One row of the public-list query: only what may be published, plus what orders and dates it. */
export interface PublicListRow {
  /** Used only to derive the feed's opaque entry ids; never published. */
  branchId: string;
  publicName: string;
  union: string;
  unionOther: string | null;
  unionKey: string;
  region: string;
  since: number;
  endorses: boolean;
  listedAt: Date | null;
}

/** A listed branch as the public surfaces use it. */
export interface PublicEntry {
  publicName: string;
  unionKey: string;
  unionName: string;
  regionKey: string;
  regionName: string;
  /** The year of the branch's first approved affiliation. */
  since: number;
  endorses: boolean;
  listedAt: Date;
  /** Opaque, stable id for the feed. */
  entryId: string;
  /** Lower-case, accent-free name for the search box. */
  search: string;
}

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
  count: number;
  regions: { regionKey: string; regionName: string; entries: PublicEntry[] }[];
}

/**
 * The whole public list at one moment, ordered by union name, region (in the
 * TUC's order) and public name. Immutable: a change builds a new snapshot.
 */
export interface PublicListSnapshot {
  entries: readonly PublicEntry[];
  unions: readonly UnionCount[];
  /** Changes whenever anything published changes; the same data gives the same version on every instance. */
  version: string;
}

const REGION_ORDER = new Map<string, number>(REGIONS.map((r, i) => [r.key, i]));
const collator = new Intl.Collator('en-GB', { sensitivity: 'base', numeric: true });

/** Case- and accent-insensitive form for matching what someone types against names. */
export function searchable(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}

export function buildSnapshot(rows: readonly PublicListRow[]): PublicListSnapshot {
  const entries: PublicEntry[] = rows.map((r) => ({
    publicName: r.publicName,
    unionKey: r.unionKey,
    unionName: unionName(r.union, r.unionOther),
    regionKey: r.region,
    regionName: regionName(r.region),
    since: r.since,
    endorses: r.endorses,
    listedAt: r.listedAt ?? new Date(0),
    entryId: createHash('sha256').update(`public-list:${r.branchId}`).digest('base64url').slice(0, 22),
    search: searchable(r.publicName),
  }));
  entries.sort(
    (a, b) =>
      collator.compare(a.unionName, b.unionName) ||
      a.unionKey.localeCompare(b.unionKey) ||
      (REGION_ORDER.get(a.regionKey) ?? 99) - (REGION_ORDER.get(b.regionKey) ?? 99) ||
      collator.compare(a.publicName, b.publicName) ||
      a.entryId.localeCompare(b.entryId),
  );
  const unions: UnionCount[] = [];
  for (const e of entries) {
    const last = unions[unions.length - 1];
    if (last?.key === e.unionKey) last.count += 1;
    else unions.push({ key: e.unionKey, name: e.unionName, count: 1 });
  }
  const hash = createHash('sha256');
  for (const e of entries) {
    hash.update(JSON.stringify([e.publicName, e.unionKey, e.unionName, e.regionKey, e.since, e.endorses, e.listedAt.getTime(), e.entryId]));
    hash.update('\n');
  }
  return { entries, unions, version: hash.digest('base64url').slice(0, 16) };
}

export function filterEntries(entries: readonly PublicEntry[], f: PublicListFilter): PublicEntry[] {
  const q = f.q ? searchable(f.q) : '';
  return entries.filter(
    (e) => (!f.union || e.unionKey === f.union) && (!f.region || e.regionKey === f.region) && (!q || e.search.includes(q)),
  );
}

/** Entries (already in list order) grouped by union, then region. */
export function groupEntries(entries: readonly PublicEntry[]): Group[] {
  const groups: Group[] = [];
  for (const e of entries) {
    let g = groups[groups.length - 1];
    if (g?.unionKey !== e.unionKey) {
      g = { unionKey: e.unionKey, unionName: e.unionName, count: 0, regions: [] };
      groups.push(g);
    }
    g.count += 1;
    let r = g.regions[g.regions.length - 1];
    if (r?.regionKey !== e.regionKey) {
      r = { regionKey: e.regionKey, regionName: e.regionName, entries: [] };
      g.regions.push(r);
    }
    r.entries.push(e);
  }
  return groups;
}
