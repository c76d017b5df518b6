import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from '../../src/database/data-source';
import { withAdminClient, type TestDatabase } from './database';

const root = join(__dirname, '..', '..');
const EMBEDDED = join(root, 'dist', 'src', 'database', 'embedded-postgres.js');
const DATABASE = 'portal_own';

/** A TCP port nobody listens on now (the OS picks it). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/**
 * A Node process that owns an embedded PostgreSQL (as `npm start` does) until
 * SIGTERM, when it stops the server and exits; SIGKILL is a crash. It runs the
 * built module (jest's workers cannot load the binaries' ES module).
 */
export interface PostgresOwner {
  child: ChildProcess;
  adminUrl: string;
  output(): string;
  /** SIGTERM: the owner stops its server, then exits. */
  stop(): Promise<void>;
  /** SIGKILL: the owner dies and leaves its server running. */
  crash(): Promise<void>;
}

export async function startPostgresOwner(dataDir: string, port: number): Promise<PostgresOwner> {
  if (!existsSync(EMBEDDED)) throw new Error('dist is missing: run `npm run build` (npm test does it first)');
  const script = `
    const { startEmbeddedPostgres } = require(${JSON.stringify(EMBEDDED)});
    startEmbeddedPostgres({ dataDir: ${JSON.stringify(dataDir)}, port: ${port}, fast: true, log: (m) => process.stderr.write(m + '\\n') }).then(
      (server) => {
        process.once('SIGTERM', () => server.stop().then(() => process.exit(0)));
        process.stdout.write('READY ' + server.adminUrl + '\\n');
        setInterval(() => undefined, 60_000);
      },
      (error) => { process.stderr.write(String(error) + '\\n'); process.exit(1); },
    );`;
  const child = spawn(process.execPath, ['-e', script], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout?.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (out += d.toString()));
  const exited = new Promise<void>((r) => child.once('exit', () => r()));
  const adminUrl = await new Promise<string>((resolve, reject) => {
    const timer = setInterval(() => {
      const ready = /READY (\S+)/.exec(out);
      if (ready) {
        clearInterval(timer);
        resolve(ready[1]);
      } else if (child.exitCode !== null) {
        clearInterval(timer);
        reject(new Error(`the PostgreSQL owner exited: ${out}`));
      }
    }, 50);
  });
  return {
    child,
    adminUrl,
    output: () => out,
    stop: async () => {
      if (child.exitCode === null) child.kill('SIGTERM');
      await exited;
    },
    crash: async () => {
      if (child.exitCode === null) child.kill('SIGKILL');
      await exited;
    },
  };
}

export interface OwnPostgres {
  /** The migrated database, for `createTestApp({ database })`. */
  database: TestDatabase;
  /** Stops the server as an outage would (connections dropped, then refused). */
  stop(): Promise<void>;
  /** Starts it again on the same port and data. */
  start(): Promise<void>;
  close(): Promise<void>;
}

/**
 * A PostgreSQL server of one test file's own, which it may stop and start
 * under a running app (the run's shared server must never be stopped). Its
 * cluster is kept in .data so initdb runs once per checkout; the database is
 * created and migrated afresh each time.
 */
export async function startOwnPostgres(name: string): Promise<OwnPostgres> {
  const port = await freePort();
  const dataDir = join(root, '.data', `test-own-${name}-${process.env.TEST_EMBEDDED_PG_PORT ?? 54330}`);
  let owner: PostgresOwner | undefined = await startPostgresOwner(dataDir, port);
  const adminUrl = owner.adminUrl;
  await withAdminClient(adminUrl, async (admin) => {
    await admin.query(`DROP DATABASE IF EXISTS ${DATABASE} WITH (FORCE)`);
    await admin.query(`CREATE DATABASE ${DATABASE}`);
  });
  const url = new URL(adminUrl);
  url.pathname = `/${DATABASE}`;
  const migrator = await new DataSource(dataSourceOptions(url.toString(), 1)).initialize();
  try {
    await migrator.runMigrations({ transaction: 'each' });
  } finally {
    await migrator.destroy();
  }
  const stop = async (): Promise<void> => {
    await owner?.stop();
    owner = undefined;
  };
  return {
    database: { url: url.toString(), name: DATABASE, drop: async () => undefined },
    stop,
    start: async () => {
      owner ??= await startPostgresOwner(dataDir, port);
    },
    close: stop,
  };
}
