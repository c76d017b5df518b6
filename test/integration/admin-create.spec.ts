import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from '../../src/database/data-source';
import { User } from '../../src/users/user.entity';
import { RecoveryCode } from '../../src/users/recovery-code.entity';
import { createTestDatabase, TestDatabase } from '../utils/database';

const root = join(__dirname, '..', '..');
const cli = join(root, 'dist', 'src', 'auth', 'admin-create.cli.js');

describe('npm run admin:create', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    if (!existsSync(cli)) throw new Error('dist is missing: run `npm run build` (npm test does it first)');
    db = await createTestDatabase();
  });
  afterAll(() => db?.drop());

  const run = (...args: string[]) =>
    spawnSync(process.execPath, [cli, ...args], { cwd: root, encoding: 'utf8', env: { ...process.env, DATABASE_URL: db.url, NODE_ENV: 'test' } });

  it('creates an admin with a TOTP secret and prints its otpauth URI and recovery codes', async () => {
    const out = run('--email', 'First.Admin@example.org', '--password', 'an admin passphrase here', '--name', 'First Admin');
    expect(out.stderr).toBe('');
    expect(out.status).toBe(0);
    const uri = /otpauth:\/\/totp\/\S+/.exec(out.stdout)?.[0];
    expect(uri).toMatch(/secret=[A-Z2-7]+/);
    const ds = await new DataSource(dataSourceOptions(db.url, 1)).initialize();
    try {
      const user = await ds.getRepository(User).findOneByOrFail({ email: 'first.admin@example.org' });
      expect(user.role).toBe('admin');
      expect(uri).toContain(`secret=${user.totpSecret}`);
      expect(await ds.getRepository(RecoveryCode).countBy({ userId: user.id })).toBe(10);
    } finally {
      await ds.destroy();
    }
  });

  it('refuses a weak password or a missing argument with a clear line, creating nothing', () => {
    const weak = run('--email', 'second@example.org', '--password', 'short', '--name', 'Second');
    expect(weak.status).toBe(2);
    expect(weak.stderr).toMatch(/^--password: Use at least 12 characters/);
    const missing = run('--email', 'second@example.org');
    expect(missing.status).toBe(2);
    expect(missing.stderr).toContain('usage: npm run admin:create');
    const again = run('--email', 'first.admin@example.org', '--password', 'an admin passphrase here', '--name', 'Dup');
    expect(again.status).toBe(1);
    expect(again.stderr).toContain('already exists');
  });
});
