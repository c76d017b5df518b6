/**
 * A value read at most every `ttlMs` and shared meanwhile: every caller within
 * the window gets the same promise (one read for all of them). A failed read is
 * not kept (a newer one, started meanwhile, is). `invalidate()` makes the next
 * caller read again, after a change made by this process; a change made by
 * another process is seen within `ttlMs`.
 */
export class TimedRead<T> {
  private current?: { readAt: number; value: Promise<T> };

  constructor(
    private readonly ttlMs: number,
    private readonly load: () => Promise<T>,
    private readonly now: () => number = Date.now,
  ) {}

  get(): Promise<T> {
    const now = this.now();
    if (!this.current || now - this.current.readAt > this.ttlMs) {
      const value = this.load();
      this.current = { readAt: now, value };
      value.catch(() => {
        if (this.current?.value === value) this.current = undefined;
      });
    }
    return this.current.value;
  }

  invalidate(): void {
    this.current = undefined;
  }
}
