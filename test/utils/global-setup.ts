import { Client } from 'pg';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from '../../src/database/data-source';
import { startEmbeddedPostgres, type EmbeddedServer } from '../../src/database/embedded-postgres';
import { TEMPLATE_DATABASE, TEST_DATABASE_PREFIX, withAdminClient } from './database';

declare global {
  var __EMBEDDED_PG__: EmbeddedServer | undefined;
}

/**
 * One PostgreSQL per run: the embedded server (data kept in .data/test-postgres
 * so initdb runs once per checkout) or TEST_DATABASE_URL's server. A template
 * database is migrated once; every test file clones its own from it.
 */
export default async function globalSetup(): Promise<void> {
  process.env.NODE_ENV ??= 'test';
  let adminUrl = process.env.TEST_DATABASE_URL;
  if (!adminUrl) {
    // One cluster per port, so two runs side by side (set TEST_EMBEDDED_PG_PORT) never share one.
    const port = Number(process.env.TEST_EMBEDDED_PG_PORT ?? 54330);
    const server = await startEmbeddedPostgres({
      dataDir: join(__dirname, '..', '..', '.data', `test-postgres-${port}`),
      port,
      log: (m) => process.stderr.write(`${m}\n`),
      fast: true,
    });
    globalThis.__EMBEDDED_PG__ = server;
    adminUrl = server.adminUrl;
  }
  process.env.TEST_PG_ADMIN_URL = adminUrl;

  await withAdminClient(adminUrl, async (admin: Client) => {
    // Databases left by an interrupted run would otherwise pile up.
    const { rows } = await admin.query<{ datname: string }>(
      `SELECT datname FROM pg_database WHERE datname LIKE $1 OR datname = $2`,
      [`${TEST_DATABASE_PREFIX}%`, TEMPLATE_DATABASE],
    );
    for (const { datname } of rows) {
      await admin.query(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`);
    }
    await admin.query(`CREATE DATABASE "${TEMPLATE_DATABASE}"`);
  });

  const url = new URL(adminUrl);
  url.pathname = `/${TEMPLATE_DATABASE}`;
  const dataSource = await new DataSource(dataSourceOptions(url.toString(), 2)).initialize();
  try {
    await dataSource.runMigrations({ transaction: 'each' });
  } finally {
    await dataSource.destroy();
  }
}
