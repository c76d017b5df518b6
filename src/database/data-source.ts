import 'reflect-metadata';
import { join } from 'node:path';
import { DataSource, DataSourceOptions } from 'typeorm';
import type { DatabaseLimits } from '../config/database.config';
import { CommitTracker } from './commit-tracker';

const root = join(__dirname, '..', '..');

/**
 * node-postgres settings that bound every wait of one pooled connection: the
 * server-side timeouts are sent as startup parameters, so they hold for every
 * statement on the connection; `connectionTimeoutMillis` bounds both the wait
 * for a free pooled connection and the making of a new one.
 */
export function connectionLimits(limits: DatabaseLimits): Record<string, number> {
  return {
    statement_timeout: limits.statementTimeoutMs,
    lock_timeout: limits.lockTimeoutMs,
    idle_in_transaction_session_timeout: limits.idleInTransactionTimeoutMs,
    connectionTimeoutMillis: limits.poolWaitMs,
  };
}

/**
 * The one description of the database, shared by the app, the migration CLI
 * and the tests. Entities are found by file name so a feature adds its own
 * without touching a central list; works from `src` (ts) and `dist` (js).
 * Without `limits` (migrations, CLIs) nothing is timed out.
 */
export function dataSourceOptions(url: string, poolSize = 10, limits?: DatabaseLimits): DataSourceOptions {
  return {
    type: 'postgres',
    url,
    uuidExtension: 'pgcrypto',
    entities: [join(root, 'src', '**', '*.entity.{ts,js}')],
    migrations: [join(root, 'migrations', '*.{ts,js}')],
    migrationsTableName: 'migrations',
    migrationsTransactionMode: 'each',
    subscribers: [CommitTracker],
    synchronize: false,
    extra: { max: poolSize, application_name: 'affiliation-portal', ...(limits && connectionLimits(limits)) },
  };
}

/** Applies pending migrations on a connection of its own, with no time limits: a migration may take long. */
export async function runMigrations(url: string): Promise<string[]> {
  const dataSource = await new DataSource(dataSourceOptions(url, 1)).initialize();
  try {
    return (await dataSource.runMigrations({ transaction: 'each' })).map((m) => m.name);
  } finally {
    await dataSource.destroy();
  }
}

/** For the TypeORM CLI, which `npm run migration:*` drives with DATABASE_URL set. */
export default new DataSource(
  dataSourceOptions(process.env.DATABASE_URL ?? 'postgres://unset-run-through-npm-scripts/none'),
);
