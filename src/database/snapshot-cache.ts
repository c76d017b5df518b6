/** What runs a query: a DataSource, an EntityManager or a Repository. */
export interface Queryable {
  query(sql: string, params?: unknown[]): Promise<unknown>;
}

/** A read's result and the MVCC snapshot its statement read the data in. */
export interface SnapshotRead<T> {
  /**
   * `pg_current_snapshot()::text`, selected by the same statement as the data (see SNAPSHOT_COLUMN);
   * empty when the data came from statements that read different snapshots: then it is not kept.
   */
  snapshot: string;
  value: T;
}

/**
 * The column to select beside the data. Within a statement it is that
 * statement's own snapshot (PostgreSQL's `pg_current_snapshot()` is the active
 * one), so the data and the snapshot always agree.
 */
export const SNAPSHOT_COLUMN = 'pg_current_snapshot()::text';

/**
 * Results of reads served again for as long as the database would give the
 * same answer, without asking it to work the answer out again.
 *
 * Each result is kept with the MVCC snapshot its statement read (the
 * transactions finished and still running when it began). Before a result is
 * served again, one trivial query takes a fresh snapshot: if it is the same,
 * no transaction has committed or ended since, anywhere in the cluster, so
 * every row reads exactly as it did and the result stands; otherwise it is
 * read again. So a change is never missed, however it was made (this process,
 * another, a CLI or psql), and there is nothing to invalidate. Any commit
 * anywhere makes the next read run its query again: this pays off for reads
 * that are costly and asked for more often than anything is written, such as
 * an admin's list read back while nobody writes.
 *
 * Only for results that are the same for every reader (never one user's
 * data, and never rendered pages, which carry a session's CSRF token): a
 * result is served to whoever asks with the same key. Callers must not change
 * a value they are given. At most `capacity` results are kept, the least
 * recently used dropped first.
 */
export class SnapshotCache<T> {
  private readonly entries = new Map<string, SnapshotRead<T>>();
  private readonly loading = new Map<string, Promise<SnapshotRead<T>>>();

  constructor(
    private readonly db: Queryable,
    private readonly capacity: number,
  ) {}

  async read(key: string, load: () => Promise<SnapshotRead<T>>): Promise<T> {
    const kept = this.entries.get(key);
    if (kept) {
      const now = await this.currentSnapshot();
      if (now === kept.snapshot) return this.keep(key, kept).value;
      // Requests that found the same stale result share one read, when it reads what they would.
      const pending = this.loading.get(key);
      if (pending) {
        const shared = await pending.catch(() => undefined);
        if (shared?.snapshot === now) return shared.value;
      }
    }
    return this.keep(key, await this.load(key, load)).value;
  }

  /** How many results are kept (for tests). */
  get size(): number {
    return this.entries.size;
  }

  private async currentSnapshot(): Promise<string> {
    const rows = (await this.db.query(`SELECT ${SNAPSHOT_COLUMN} AS snapshot`)) as { snapshot: string }[];
    return rows[0]!.snapshot;
  }

  private load(key: string, load: () => Promise<SnapshotRead<T>>): Promise<SnapshotRead<T>> {
    const promise = load().finally(() => {
      if (this.loading.get(key) === promise) this.loading.delete(key);
    });
    this.loading.set(key, promise);
    return promise;
  }

  /** Stores (or refreshes) `read` as the most recently used, dropping the least recently used beyond capacity. */
  private keep(key: string, read: SnapshotRead<T>): SnapshotRead<T> {
    if (!read.snapshot) return read;
    this.entries.delete(key);
    this.entries.set(key, read);
    if (this.entries.size > this.capacity) this.entries.delete(this.entries.keys().next().value!);
    return read;
  }
}
