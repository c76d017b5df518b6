import { TimedRead } from './timed-read';

describe('TimedRead', () => {
  let now: number;
  let reads: number;
  let fail: boolean;
  const make = () =>
    new TimedRead(
      1000,
      async () => {
        reads += 1;
        if (fail) throw new Error('database down');
        return reads;
      },
      () => now,
    );
  beforeEach(() => {
    now = 0;
    reads = 0;
    fail = false;
  });

  it('shares one read among every caller within the window, and reads again after it', async () => {
    const r = make();
    const [a, b] = [r.get(), r.get()];
    expect(a).toBe(b);
    expect(await a).toBe(1);
    now = 1000;
    expect(await r.get()).toBe(1);
    now = 1001;
    expect(await r.get()).toBe(2);
    expect(reads).toBe(2);
  });

  it('reads again at once after invalidate()', async () => {
    const r = make();
    await r.get();
    r.invalidate();
    expect(await r.get()).toBe(2);
  });

  it('does not keep a failed read: the next caller tries again', async () => {
    const r = make();
    fail = true;
    await expect(r.get()).rejects.toThrow('database down');
    fail = false;
    expect(await r.get()).toBe(2);
  });

  it('keeps a newer read when an older one fails after it started', async () => {
    let rejectFirst!: (e: Error) => void;
    let calls = 0;
    const r = new TimedRead<number>(
      1000,
      () => (++calls === 1 ? new Promise<number>((_, reject) => (rejectFirst = reject)) : Promise.resolve(calls)),
      () => now,
    );
    const first = r.get();
    r.invalidate();
    const second = r.get();
    rejectFirst(new Error('late failure'));
    await expect(first).rejects.toThrow('late failure');
    expect(r.get()).toBe(second);
    expect(await second).toBe(2);
  });
});
