import { setTimeout as sleep } from 'node:timers/promises';

/**
 * Polls `done` until it holds (no fixed sleeps in tests), or throws once
 * `timeoutMs` has passed, naming `what` it was waiting for.
 */
export async function until(done: () => Promise<boolean> | boolean, timeoutMs = 15_000, what = 'a condition', everyMs = 50): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await done())) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await sleep(everyMs);
  }
}
