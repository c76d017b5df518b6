import { setImmediate as nextTurn } from 'node:timers/promises';

/** A slice of work this long or shorter leaves the event loop free enough (issue 16: no block over 20 ms). */
export const SLICE_BUDGET_MS = 6;

/**
 * Cuts long synchronous work into slices: the work calls `due()` often (it is
 * cheap) and, when it is true, awaits `yield()`, which lets timers and I/O run
 * (setImmediate: the next turn of the event loop) before the next slice.
 */
export class Slicer {
  private started = performance.now();
  /** How many times the work gave way (for tests and diagnostics). */
  yields = 0;

  constructor(private readonly budgetMs = SLICE_BUDGET_MS) {}

  due(): boolean {
    return performance.now() - this.started >= this.budgetMs;
  }

  async yield(): Promise<void> {
    this.yields += 1;
    await nextTurn();
    this.started = performance.now();
  }

  /** Gives way when the slice's time is up. */
  async maybeYield(): Promise<void> {
    if (this.due()) await this.yield();
  }
}

/**
 * Sorts `items` with `compare` without holding the event loop for long: a
 * bottom-up merge sort whose runs are sorted natively and whose merges check
 * the slicer every few hundred items. Returns a new array; `compare` must be a
 * total order (no two items equal), as the merge is not meant to be stable.
 */
export async function sortInSlices<T>(items: readonly T[], compare: (a: T, b: T) => number, slicer: Slicer): Promise<T[]> {
  const RUN = 256;
  let runs: T[][] = [];
  for (let lo = 0; lo < items.length; lo += RUN) {
    runs.push(items.slice(lo, lo + RUN).sort(compare));
    await slicer.maybeYield();
  }
  while (runs.length > 1) {
    const merged: T[][] = [];
    for (let i = 0; i < runs.length; i += 2) merged.push(i + 1 < runs.length ? await mergeInSlices(runs[i], runs[i + 1], compare, slicer) : runs[i]);
    runs = merged;
  }
  return runs[0] ?? [];
}

/** Merges two lists sorted by `compare` into a new one, checking the slicer every few hundred items. */
export async function mergeInSlices<T>(a: readonly T[], b: readonly T[], compare: (a: T, b: T) => number, slicer: Slicer): Promise<T[]> {
  const out = new Array<T>(a.length + b.length);
  let i = 0;
  let j = 0;
  for (let k = 0; k < out.length; k++) {
    out[k] = j >= b.length || (i < a.length && compare(a[i], b[j]) <= 0) ? a[i++] : b[j++];
    if ((k & 255) === 255 && slicer.due()) await slicer.yield();
  }
  return out;
}
