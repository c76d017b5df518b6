import { DataSource } from 'typeorm';
import { dataSourceOptions } from '../../src/database/data-source';
import { createTestDatabase, TestDatabase } from '../utils/database';

describe('schema migrations', () => {
  let db: TestDatabase;
  let dataSource: DataSource;

  beforeAll(async () => {
    db = await createTestDatabase();
    dataSource = await new DataSource(dataSourceOptions(db.url, 2)).initialize();
  });
  afterAll(async () => {
    await dataSource?.destroy();
    await db?.drop();
  });

  it('leave nothing for migration:generate to add (entities and migrations do not drift)', async () => {
    // The same comparison `typeorm migration:generate` makes.
    const sql = await dataSource.driver.createSchemaBuilder().log();
    expect(sql.upQueries.map((q) => q.query)).toEqual([]);
  });

  it('are all applied to the template every test database is cloned from', async () => {
    expect(await dataSource.showMigrations()).toBe(false);
  });

  it('revert and re-apply cleanly', async () => {
    const applied: { name: string }[] = await dataSource.query('SELECT name FROM migrations ORDER BY id');
    for (let i = 0; i < applied.length; i++) await dataSource.undoLastMigration({ transaction: 'each' });
    expect(await dataSource.query('SELECT count(*)::int AS n FROM migrations')).toEqual([{ n: 0 }]);
    await dataSource.runMigrations({ transaction: 'each' });
    const sql = await dataSource.driver.createSchemaBuilder().log();
    expect(sql.upQueries).toEqual([]);
  });
});
