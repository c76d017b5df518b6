import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { forgetOwner, ownerAlive, processStartTime, readOwner, writeOwner } from './embedded-postgres-owner';

describe('the embedded server’s owner record', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'pg-owner-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('records this process and finds it alive', async () => {
    await writeOwner(dir);
    const owner = readOwner(dir);
    expect(owner).toEqual({ pid: process.pid, startedAt: processStartTime(process.pid) });
    expect(ownerAlive(owner!)).toBe(true);
    forgetOwner(dir);
    expect(readOwner(dir)).toBeUndefined();
  });

  it('takes a live pid with another start time for a different process (the pid was reused after a crash)', () => {
    const startedAt = processStartTime(process.pid);
    expect(startedAt).toMatch(/^\d+$/);
    expect(ownerAlive({ pid: process.pid, startedAt: String(Number(startedAt) - 1) })).toBe(false);
  });

  it('finds a process that has exited gone', () => {
    const exited = spawnSync(process.execPath, ['-e', '0']);
    expect(ownerAlive({ pid: exited.pid!, startedAt: null })).toBe(false);
  });

  it('ignores a record that is not its own, or not one at all', () => {
    writeFileSync(join(dir, 'portal-owner.json'), JSON.stringify({ pid: 1, startedAt: '5' }));
    forgetOwner(dir);
    expect(readOwner(dir)).toEqual({ pid: 1, startedAt: '5' });
    writeFileSync(join(dir, 'portal-owner.json'), 'not json');
    expect(readOwner(dir)).toBeUndefined();
  });
});
