import { SnapshotCache, type Queryable } from './snapshot-cache';

/** The database's current snapshot, as a test sets it; counts the checks made. */
function database(): Queryable & { snapshot: string; checks: number } {
  const db = {
    snapshot: '100:100:',
    checks: 0,
    query: async () => {
      db.checks += 1;
      return [{ snapshot: db.snapshot }];
    },
  };
  return db;
}

/** A read that reads the database's snapshot of the moment it runs, and counts how often it ran. */
function reader(db: { snapshot: string }) {
  const read = {
    runs: 0,
    load: async () => {
      read.runs += 1;
      return { snapshot: db.snapshot, value: `read ${read.runs}` };
    },
  };
  return read;
}

describe('SnapshotCache', () => {
  it('serves a result again while the snapshot is the same, checking it each time', async () => {
    const db = database();
    const cache = new SnapshotCache<string>(db, 4);
    const read = reader(db);
    expect(await cache.read('k', read.load)).toBe('read 1');
    expect(db.checks).toBe(0); // nothing kept yet: nothing to check
    expect(await cache.read('k', read.load)).toBe('read 1');
    expect(await cache.read('k', read.load)).toBe('read 1');
    expect({ runs: read.runs, checks: db.checks }).toEqual({ runs: 1, checks: 2 });
  });

  it('reads again once a transaction has ended since (a new snapshot), and keeps the new result', async () => {
    const db = database();
    const cache = new SnapshotCache<string>(db, 4);
    const read = reader(db);
    await cache.read('k', read.load);
    db.snapshot = '100:101:';
    expect(await cache.read('k', read.load)).toBe('read 2');
    expect(await cache.read('k', read.load)).toBe('read 2');
    expect(read.runs).toBe(2);
  });

  it('keeps nothing read by statements that disagreed on the snapshot (empty)', async () => {
    const db = database();
    const cache = new SnapshotCache<string>(db, 4);
    let runs = 0;
    const load = async () => ({ snapshot: '', value: `read ${++runs}` });
    expect(await cache.read('k', load)).toBe('read 1');
    expect(await cache.read('k', load)).toBe('read 2');
    expect(cache.size).toBe(0);
  });

  it('keeps each key apart and drops the least recently used beyond its capacity', async () => {
    const db = database();
    const cache = new SnapshotCache<string>(db, 2);
    const [a, b, c] = [reader(db), reader(db), reader(db)];
    await cache.read('a', a.load);
    await cache.read('b', b.load);
    await cache.read('a', a.load); // a is now the most recently used
    await cache.read('c', c.load); // b goes
    expect(cache.size).toBe(2);
    await cache.read('a', a.load);
    await cache.read('b', b.load);
    expect({ a: a.runs, b: b.runs, c: c.runs }).toEqual({ a: 1, b: 2, c: 1 });
  });

  it('lets requests that found the same stale result share one read of the new snapshot', async () => {
    const db = database();
    const cache = new SnapshotCache<string>(db, 4);
    const read = reader(db);
    await cache.read('k', read.load);
    db.snapshot = '100:102:';
    const results = await Promise.all(Array.from({ length: 5 }, () => cache.read('k', read.load)));
    expect(results).toEqual(Array(5).fill('read 2'));
    expect(read.runs).toBe(2);
  });

  it('does not share a read that saw another snapshot than the one a request checked', async () => {
    const db = database();
    const cache = new SnapshotCache<string>(db, 4);
    let runs = 0;
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    // The first read after the change began before a second commit: it reads the snapshot of its start.
    const load = async () => {
      const snapshot = db.snapshot;
      runs += 1;
      if (runs === 2) await gate;
      return { snapshot, value: `read ${runs} at ${snapshot}` };
    };
    await cache.read('k', load);
    db.snapshot = '100:103:';
    const first = cache.read('k', load);
    await new Promise((r) => setImmediate(r));
    db.snapshot = '100:104:';
    const second = cache.read('k', load);
    release();
    expect(await first).toBe('read 2 at 100:103:');
    expect(await second).toBe('read 3 at 100:104:');
  });

  it('passes a failed read on to its caller and keeps nothing for it', async () => {
    const db = database();
    const cache = new SnapshotCache<string>(db, 4);
    await expect(cache.read('k', () => Promise.reject(new Error('database down')))).rejects.toThrow('database down');
    expect(cache.size).toBe(0);
    const read = reader(db);
    expect(await cache.read('k', read.load)).toBe('read 1');
  });
});
