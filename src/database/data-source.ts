import 'reflect-metadata';
import { join } from 'node:path';
import { DataSource, DataSourceOptions } from 'typeorm';

const root = join(__dirname, '..', '..');

/**
 * The one description of the database, shared by the app, the migration CLI
 * and the tests. Entities are found by file name so a feature adds its own
 * without touching a central list; works from `src` (ts) and `dist` (js).
 */
export function dataSourceOptions(url: string, poolSize = 10): DataSourceOptions {
  return {
    type: 'postgres',
    url,
    uuidExtension: 'pgcrypto',
    entities: [join(root, 'src', '**', '*.entity.{ts,js}')],
    migrations: [join(root, 'migrations', '*.{ts,js}')],
    migrationsTableName: 'migrations',
    migrationsTransactionMode: 'each',
    synchronize: false,
    extra: { max: poolSize, application_name: 'affiliation-portal' },
  };
}

/** For the TypeORM CLI, which `npm run migration:*` drives with DATABASE_URL set. */
export default new DataSource(
  dataSourceOptions(process.env.DATABASE_URL ?? 'postgres://unset-run-through-npm-scripts/none'),
);
