import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { loadDatabaseConfig } from '../config/database.config';
import { dataSourceOptions } from './data-source';
import { openDatabaseServer } from './database-server';

/**
 * `npm run migration:generate -- Name | migration:run | migration:revert`
 * against DATABASE_URL, or the embedded server when it is unset.
 */
async function main(): Promise<number> {
  const [command, name] = process.argv.slice(2);
  const log = (m: string): void => console.error(m);
  const db = await openDatabaseServer(loadDatabaseConfig(), log);
  try {
    const dataSource = await new DataSource(dataSourceOptions(db.url)).initialize();
    try {
      if (command === 'run' || command === 'generate') {
        const applied = await dataSource.runMigrations({ transaction: 'each' });
        applied.forEach((m) => log(`applied ${m.name}`));
        if (command === 'run' && applied.length === 0) log('no pending migrations');
      } else if (command === 'revert') {
        await dataSource.undoLastMigration({ transaction: 'each' });
        log('reverted the last migration');
      } else {
        log('usage: cli (generate <Name> | run | revert)');
        return 2;
      }
    } finally {
      await dataSource.destroy();
    }
    if (command === 'generate') {
      if (!name || !/^[A-Z][A-Za-z0-9]+$/.test(name)) {
        log('usage: npm run migration:generate -- VerbNoun (PascalCase, e.g. CreateBranches)');
        return 2;
      }
      const root = join(__dirname, '..', '..', '..');
      const result = spawnSync(
        process.execPath,
        [
          join(root, 'node_modules', 'typeorm', 'cli.js'),
          'migration:generate',
          join(root, 'migrations', name),
          '-d',
          join(__dirname, 'data-source.js'),
          '--pretty',
        ],
        { stdio: 'inherit', env: { ...process.env, DATABASE_URL: db.url } },
      );
      return result.status ?? 1;
    }
    return 0;
  } finally {
    await db.stop();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  },
);
