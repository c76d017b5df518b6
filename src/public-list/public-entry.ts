import { createHash } from 'node:crypto';
import { regionName } from '../branches/regions';
import { compareKeyed, nameSortKey } from './name-order';
import { searchable } from './searchable';

/** One row of the public-list query: only what may be published, plus what orders and dates it. */
export interface PublicListRow {
  /** Used only to order ties and derive the feed's opaque entry ids; never published. */
  branchId: string;
  publicName: string;
  union: string;
  unionOther: string | null;
  unionKey: string;
  region: string;
  since: number;
  endorses: boolean;
  /** When the branch joined the list, in milliseconds since 1970 (null: unknown). */
  listedAt: number | null;
}

/**
 * A chunk of the query's rows column by column (row i is index i of each):
 * the query answers in this shape, and the snapshot is built from it without
 * an object per row.
 */
export type PublicListColumns = { [K in keyof PublicListRow]: PublicListRow[K][] };

export function columnsOf(rows: readonly PublicListRow[]): PublicListColumns {
  const pick = <K extends keyof PublicListRow>(key: K): PublicListRow[K][] => rows.map((r) => r[key]);
  return {
    branchId: pick('branchId'),
    publicName: pick('publicName'),
    union: pick('union'),
    unionOther: pick('unionOther'),
    unionKey: pick('unionKey'),
    region: pick('region'),
    since: pick('since'),
    endorses: pick('endorses'),
    listedAt: pick('listedAt'),
  };
}

const idOrder = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/**
 * A listed branch as the public surfaces use it. The branch's id is kept in a
 * private field: it orders ties and derives the feed's entry id, and no
 * template, serialiser or spread can reach it. Built by the tens of thousands
 * when the whole list is read, so it holds little: names shared between
 * entries, the date as a number, the feed's id worked out when first asked for.
 */
export class PublicEntry {
  readonly #branchId: string;
  /** Union, then region, as one number (see SnapshotBuilder). */
  readonly #group: number;
  /** The name's collation key (see name-order.ts), or undefined when only the collator can order it. */
  readonly #sortKey: string | undefined;
  readonly #listedAt: number;
  /** The last build that found this entry unchanged and kept it (see SnapshotBuilder). */
  #keptBy = 0;
  #entryId?: string;
  readonly publicName: string;
  readonly unionKey: string;
  readonly unionName: string;
  readonly regionKey: string;
  readonly regionName: string;
  /** The year of the branch's first approved affiliation. */
  readonly since: number;
  readonly endorses: boolean;
  /** Lower-case, accent-free name for the search box (made here, in the build's slices, not by the first search). */
  readonly search: string;

  constructor(c: PublicListColumns, i: number, unionName: string, group: number) {
    this.#branchId = c.branchId[i];
    this.#group = group;
    this.#sortKey = nameSortKey(c.publicName[i]);
    this.#listedAt = c.listedAt[i] ?? 0;
    this.publicName = c.publicName[i];
    this.unionKey = c.unionKey[i];
    this.unionName = unionName;
    this.regionKey = c.region[i];
    this.regionName = regionName(c.region[i]);
    this.since = c.since[i];
    this.endorses = c.endorses[i];
    this.search = searchable(c.publicName[i]);
  }

  /** True when row `i` of `c` publishes exactly this entry, in the same place (`group`): a build may keep it. */
  matches(c: PublicListColumns, i: number, unionName: string, group: number): boolean {
    return (
      this.#branchId === c.branchId[i] &&
      this.#group === group &&
      this.publicName === c.publicName[i] &&
      this.unionKey === c.unionKey[i] &&
      this.unionName === unionName &&
      this.regionKey === c.region[i] &&
      this.since === c.since[i] &&
      this.endorses === c.endorses[i] &&
      this.#listedAt === (c.listedAt[i] ?? 0)
    );
  }

  /** Marks the entry as kept by build number `build`. */
  keep(build: number): void {
    this.#keptBy = build;
  }

  keptBy(build: number): boolean {
    return this.#keptBy === build;
  }

  /** When the branch joined the list. */
  get listedAt(): Date {
    return new Date(this.#listedAt);
  }

  /** Opaque, stable id for the feed. */
  get entryId(): string {
    this.#entryId ??= createHash('sha256').update(`public-list:${this.#branchId}`).digest('base64url').slice(0, 22);
    return this.#entryId;
  }

  /** The list's order: union, region, public name, and the branch id for names the collation counts as equal. */
  static compareInList(a: PublicEntry, b: PublicEntry): number {
    return a.#group - b.#group || compareKeyed(a.publicName, a.#sortKey, b.publicName, b.#sortKey) || idOrder(a.#branchId, b.#branchId);
  }

  /** The branch id, for the builder's index only (never published). */
  static branchIdOf(e: PublicEntry): string {
    return e.#branchId;
  }

  /** Newest on the list first (the feed's order); ties by branch id. */
  static compareNewest(a: PublicEntry, b: PublicEntry): number {
    return b.#listedAt - a.#listedAt || idOrder(a.#branchId, b.#branchId);
  }
}
