import { DataSource } from 'typeorm';
import { dataSourceOptions } from '../../src/database/data-source';
import { User } from '../../src/users/user.entity';
import { UsersService } from '../../src/users/users.service';
import { createTestDatabase, TestDatabase } from '../utils/database';

describe('UsersService.findActive (the user behind every signed-in request)', () => {
  let db: TestDatabase;
  let ds: DataSource;
  let users: UsersService;

  beforeAll(async () => {
    db = await createTestDatabase();
    ds = await new DataSource(dataSourceOptions(db.url, 1)).initialize();
    users = new UsersService(ds.getRepository(User));
  });
  afterAll(async () => {
    await ds?.destroy();
    await db?.drop();
  });

  it('reads the account exactly as TypeORM would load it, every column typed the same', async () => {
    const repo = ds.getRepository(User);
    const saved = await repo.save(
      repo.create({ email: 'active@example.org', name: 'Active Person', role: 'admin', passwordHash: 'hash', emailVerifiedAt: new Date('2026-03-01T10:00:00Z'), totpSecret: 'JBSWY3DPEHPK3PXP', totpLastStep: '59000000' }),
    );
    const loaded = await users.findActive(saved.id);
    expect(loaded).toBeInstanceOf(User);
    expect(loaded).toEqual(await repo.findOneByOrFail({ id: saved.id }));
    expect(loaded?.emailVerifiedAt).toBeInstanceOf(Date);
  });

  it('answers null for a disabled account and for one that does not exist', async () => {
    const repo = ds.getRepository(User);
    const disabled = await repo.save(repo.create({ email: 'disabled@example.org', name: 'Disabled', passwordHash: 'hash', disabledAt: new Date() }));
    expect(await users.findActive(disabled.id)).toBeNull();
    expect(await users.findActive('00000000-0000-4000-8000-000000000000')).toBeNull();
  });
});
