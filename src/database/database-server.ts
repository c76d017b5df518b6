import { Client } from 'pg';
import type { DatabaseConfig } from '../config/database.config';
import { startEmbeddedPostgres } from './embedded-postgres';

export const EMBEDDED_DATABASE = 'affiliation_portal';

export interface DatabaseServer {
  url: string;
  embedded: boolean;
  stop(): Promise<void>;
}

/**
 * Where the portal's data lives: `DATABASE_URL` when set, otherwise a real
 * PostgreSQL started from the embedded binaries with data in a local folder.
 */
export async function openDatabaseServer(
  config: DatabaseConfig,
  log: (message: string) => void,
): Promise<DatabaseServer> {
  if (config.url) {
    return { url: config.url, embedded: false, stop: async () => undefined };
  }
  const server = await startEmbeddedPostgres({
    dataDir: config.embeddedDir,
    port: config.embeddedPort,
    log,
  });
  try {
    const admin = new Client({ connectionString: server.adminUrl });
    await admin.connect();
    try {
      const { rowCount } = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [EMBEDDED_DATABASE]);
      if (!rowCount) await admin.query(`CREATE DATABASE ${EMBEDDED_DATABASE}`);
    } finally {
      await admin.end();
    }
  } catch (error) {
    await server.stop();
    throw error;
  }
  return { url: server.urlFor(EMBEDDED_DATABASE), embedded: true, stop: server.stop };
}
