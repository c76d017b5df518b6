import { randomBytes } from 'node:crypto';
import { REGIONS } from '../branches/regions';
import { unionName } from '../branches/unions';
import { collator } from './name-order';
import { PublicEntry, type PublicListColumns } from './public-entry';
import type { PublicListSnapshot, UnionCount } from './public-list.snapshot';
import { mergeInSlices, Slicer, sortInSlices } from './slices';

const REGION_ORDER = new Map<string, number>(REGIONS.map((r, i) => [r.key, i]));
const UNKNOWN_REGION = REGIONS.length;

/**
 * Builds snapshots from the query's answer (chunks of rows, in any order) in
 * slices, giving way to the event loop whenever the slicer says a slice has
 * run long enough, so a list of tens of thousands never holds requests up
 * (issue 16).
 *
 * A change usually touches one branch of thousands. A build keeps every entry
 * of the previous snapshot whose row is unchanged (the same object, already in
 * its place) and only makes, sorts and merges in the new ones; given the ids
 * of the branches that changed (from the notifications), it reads and looks at
 * only those. Besides the sorting, keeping entries keeps the garbage
 * collector's work small: a full rebuild of 20,000 entries cost more in
 * collection pauses than in building. One builder per list; builds must not
 * overlap.
 */
export class SnapshotBuilder {
  private builds = 0;
  private previous?: PublicListSnapshot;
  /** The previous snapshot's entries by branch id. */
  private readonly byId = new Map<string, PublicEntry>();
  /** Each union's display name and place (by name) when the previous snapshot was built in full. */
  private unionNames = new Map<string, string>();
  private unionRank = new Map<string, number>();

  /**
   * A snapshot of `chunks`: every listed branch, or, with `only`, the listed
   * ones among the branches `only` names (the rest is taken from the previous
   * snapshot). Returns the previous snapshot itself when nothing published
   * changed, and undefined when `only` cannot be applied (no previous
   * snapshot, or a union it has not seen): then build in full.
   */
  async build(chunks: readonly PublicListColumns[], slicer = new Slicer(), only?: ReadonlySet<string>): Promise<PublicListSnapshot | undefined> {
    const build = ++this.builds;
    let unionNames = this.unionNames;
    let unionRank = this.unionRank;
    if (only) {
      if (!this.previous) return undefined;
      for (const c of chunks) {
        for (let i = 0; i < c.unionKey.length; i++) if (unionNames.get(c.unionKey[i]) !== unionName(c.union[i], c.unionOther[i])) return undefined;
      }
    } else {
      // Unions are few: ranked once by name, union and region then order entries as one number, and the collator is left for names.
      unionNames = new Map();
      for (const c of chunks) {
        for (let i = 0; i < c.unionKey.length; i++) if (!unionNames.has(c.unionKey[i])) unionNames.set(c.unionKey[i], unionName(c.union[i], c.unionOther[i]));
      }
      unionRank = new Map();
      [...unionNames.entries()].sort(([ak, an], [bk, bn]) => collator.compare(an, bn) || ak.localeCompare(bk)).forEach(([key], i) => unionRank.set(key, i));
    }
    await slicer.maybeYield();

    const fresh: PublicEntry[] = [];
    let kept = 0;
    for (const c of chunks) {
      for (let i = 0; i < c.branchId.length; i++) {
        const key = c.unionKey[i];
        const name = unionNames.get(key)!;
        const group = unionRank.get(key)! * (UNKNOWN_REGION + 1) + (REGION_ORDER.get(c.region[i]) ?? UNKNOWN_REGION);
        const before = this.byId.get(c.branchId[i]);
        if (before?.matches(c, i, name, group)) {
          before.keep(build);
          kept += 1;
        } else {
          fresh.push(new PublicEntry(c, i, name, group));
        }
        if ((i & 255) === 255) await slicer.maybeYield();
      }
      await slicer.maybeYield();
    }

    const old = this.previous?.entries ?? [];
    // The previous entries that go: changed or no longer listed.
    const gone = new Set<PublicEntry>();
    if (only) {
      for (const id of only) {
        const e = this.byId.get(id);
        if (e && !e.keptBy(build)) gone.add(e);
      }
    } else if (kept < old.length) {
      for (const e of old) if (!e.keptBy(build)) gone.add(e);
    }
    // Nothing published changed: the same snapshot, so the responses cached for it stay valid.
    if (this.previous && !fresh.length && !gone.size) return this.previous;
    const stillListed = gone.size ? old.filter((e) => !gone.has(e)) : old;
    await slicer.maybeYield();
    const entries = await mergeInSlices(stillListed, await sortInSlices(fresh, PublicEntry.compareInList, slicer), PublicEntry.compareInList, slicer);
    const snapshot = await summarise(entries, slicer);

    // Only now, with the build complete, does the builder move on to it.
    for (const e of gone) this.byId.delete(PublicEntry.branchIdOf(e));
    for (const e of fresh) this.byId.set(PublicEntry.branchIdOf(e), e);
    this.previous = snapshot;
    this.unionNames = unionNames;
    this.unionRank = unionRank;
    return snapshot;
  }
}

/** The union and region counts and the endorsers of a sorted list, in slices, and a new version. */
async function summarise(entries: PublicEntry[], slicer: Slicer): Promise<PublicListSnapshot> {
  const unions: UnionCount[] = [];
  const endorsers: PublicEntry[] = [];
  const byRegion = new Map<string, number>();
  for (let i = 0; i < entries.length; i++) {
    const e = entries[i];
    const last = unions[unions.length - 1];
    if (last?.key === e.unionKey) last.count += 1;
    else unions.push({ key: e.unionKey, name: e.unionName, count: 1 });
    byRegion.set(e.regionKey, (byRegion.get(e.regionKey) ?? 0) + 1);
    if (e.endorses) endorsers.push(e);
    if ((i & 1023) === 1023) await slicer.maybeYield();
  }
  const regions = REGIONS.map((r) => ({ key: r.key, name: r.name, count: byRegion.get(r.key) ?? 0 }));
  return { entries, unions, regions, endorsers, version: randomBytes(12).toString('base64url') };
}

/** A snapshot of every listed branch in `chunks`, with no previous list to keep entries from. */
export async function buildSnapshot(chunks: readonly PublicListColumns[], slicer = new Slicer()): Promise<PublicListSnapshot> {
  return (await new SnapshotBuilder().build(chunks, slicer))!;
}
