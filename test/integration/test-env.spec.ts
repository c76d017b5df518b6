import { ConfigService } from '@nestjs/config';
import type { PublicListConfig } from '../../src/config';
import { createTestApp } from '../utils/test-app';
import { overrideEnv } from '../utils/test-env';

/** The test helpers leave process.env as they found it, so no test depends on the one before. */
describe('the environment of a test app', () => {
  const KEY = 'PUBLIC_FEED_SIZE';

  const saved = { [KEY]: process.env[KEY], LOG_LEVEL: process.env.LOG_LEVEL };
  afterEach(() => {
    for (const [key, value] of Object.entries(saved)) {
      if (value === undefined) delete process.env[key];
      else process.env[key] = value;
    }
  });

  it('is set while the app runs and put back when it closes, an unset key unset again', async () => {
    // The state before, set by hand: this test is about the helper that saves tests from doing so.
    delete process.env[KEY];
    process.env.LOG_LEVEL = 'fatal';
    const t = await createTestApp({ env: { [KEY]: '7', LOG_LEVEL: undefined } });
    expect(t.app.get(ConfigService).getOrThrow<PublicListConfig>('publicList').feedSize).toBe(7);
    expect([process.env[KEY], process.env.LOG_LEVEL]).toEqual(['7', undefined]);
    await t.close();
    expect([process.env[KEY], process.env.LOG_LEVEL]).toEqual([undefined, 'fatal']);
  });

  it('restores each key to the newest override still open, whatever order they end in', () => {
    delete process.env[KEY];
    const first = overrideEnv({ [KEY]: '1' });
    const second = overrideEnv({ [KEY]: '2' });
    const third = overrideEnv({ [KEY]: '3' });
    second();
    expect(process.env[KEY]).toBe('3');
    third();
    expect(process.env[KEY]).toBe('1');
    first();
    expect(process.env[KEY]).toBeUndefined();
    first();
    expect(process.env[KEY]).toBeUndefined();
  });
});
