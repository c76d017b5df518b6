'use strict';
// Starts the built app the way production runs it (pinned to one core, request
// logging at info into a file), waits until it is ready, and stops it with
// SIGTERM — also when the harness fails.

const { randomBytes } = require('node:crypto');
const { existsSync, readFileSync } = require('node:fs');
const { join } = require('node:path');
const { clusterFor } = require('./datasets');
const { freePort, isAlive, pinnedNode, readTail, sleep, spawnLogged, waitForStatus } = require('./proc');

/**
 * Variables production refuses to start without, with harmless values for a
 * benchmark. Each applies only when the environment does not set it. When the
 * app gains another required variable, add it here.
 */
const PRODUCTION_ENV_DEFAULTS = {
  // Sessions need not outlive the run.
  SESSION_SECRET: () => randomBytes(32).toString('hex'),
  // No scenario sends email; nothing listens on the discard port if one did.
  SMTP_URL: () => 'smtp://127.0.0.1:9',
  // Printed on invoices only.
  BANK_ACCOUNT_NAME: () => 'Benchmark Campaign Account',
  BANK_SORT_CODE: () => '00-00-00',
  BANK_ACCOUNT_NUMBER: () => '00000000',
  // Printed on letters, invoices and receipts only.
  CAMPAIGN_ADDRESS: () => 'Benchmark Campaign, 1 Example Street, London, N1 0XX',
  CAMPAIGN_EMAIL: () => 'benchmark@example.org',
};
const EMBEDDED_DATABASE = 'affiliation_portal';
/** As production runs: request logs at info, as JSON lines into a file (not a terminal). */
const LOG_LEVEL = 'info';

/** The environment production would give the app, with bench values for what it requires. */
function productionEnv(extra) {
  const env = { ...process.env, NODE_ENV: 'production', LOG_LEVEL, ...extra };
  for (const [name, value] of Object.entries(PRODUCTION_ENV_DEFAULTS)) {
    if (!env[name]) env[name] = value();
  }
  delete env.LOG_FORMAT;
  return env;
}

/** The same flags as `npm run start:prod`, read from package.json so they stay the same. */
function nodeFlags(root) {
  const script = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).scripts['start:prod'] || '';
  return script.split(/\s+/).filter((w) => w.startsWith('--'));
}

/**
 * @param {object} o
 * @param {string} o.root       repository root (the app's working directory)
 * @param {string} o.dataset    whose embedded cluster to use (ignored with DATABASE_URL)
 * @param {number|null} o.core  core to pin the server to, or null for unpinned
 * @param {string} o.logFile    where the server's own output goes (opened for appending, truncated first)
 * @param {(child) => () => void} o.track  registers the child for emergency cleanup
 * @param {(m: string) => void} o.log
 * @param {(server) => void} [o.onSpawn]  gets the handle at once, so an interrupted start can still be stopped
 */
async function startServer({ root, dataset, core, logFile, track, log, onSpawn = () => undefined, readyTimeoutMs = 180_000 }) {
  const entry = join(root, 'dist/src/main.js');
  if (!existsSync(entry)) throw new Error(`${entry} is missing: run \`npm run bench\` (it builds first)`);

  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const externalDb = Boolean(process.env.DATABASE_URL);
  const cluster = clusterFor(dataset);
  const env = productionEnv({ PUBLIC_URL: baseUrl, PORT: String(port), EMBEDDED_PG_DIR: cluster.dir, EMBEDDED_PG_PORT: String(cluster.port) });
  if (!externalDb) delete env.DATABASE_URL;
  const databaseUrl = externalDb ? process.env.DATABASE_URL : `postgres://postgres:postgres@127.0.0.1:${cluster.port}/${EMBEDDED_DATABASE}`;

  const flags = nodeFlags(root);
  const { cmd, args, command } = pinnedNode(core, [...flags, entry], [...flags, 'dist/src/main.js'].join(' '));
  log(`Starting the portal: ${command} on ${baseUrl}` +
    ` (${externalDb ? 'DATABASE_URL' : `embedded PostgreSQL in ${cluster.dir}, port ${cluster.port}`}; LOG_LEVEL=${LOG_LEVEL} into ${logFile.replace(`${root}/`, '')})`);

  // The app writes straight into the file, as with `node dist/src/main.js >> app.log`.
  const { child, exited, exitedPromise } = spawnLogged({ cmd, args, cwd: root, env, logFile, track });

  let stopping;
  const server = {
    kind: 'portal',
    pid: child.pid,
    baseUrl,
    databaseUrl,
    dataset,
    embedded: !externalDb,
    clusterDir: externalDb ? null : cluster.dir,
    command,
    env: { NODE_ENV: 'production', LOG_LEVEL },
    logFile,
    tail: () => readTail(logFile),
    /** SIGSTOP/SIGCONT: a paused server keeps its database running but takes no CPU and reads no notification. */
    pause: () => child.kill('SIGSTOP'),
    resume: () => child.kill('SIGCONT'),
    stop: () => (stopping ??= stopServer(child, exitedPromise, exited, root, server.clusterDir, log)),
  };
  onSpawn(server);

  await waitForStatus({
    url: `${baseUrl}/health`,
    exited,
    timeoutMs: readyTimeoutMs,
    onExit: (how) => {
      const hint =
        exited()?.code === 78
          ? '\nThe app refused its configuration. If production now needs another variable, set it in your environment' +
            ' or give it a bench value in PRODUCTION_ENV_DEFAULTS in bench/lib/server.js.'
          : '';
      return new Error(`The portal exited before it was ready (${how}). Its last output:\n${readTail(logFile).trim()}${hint}`);
    },
    onTimeout: async () => {
      await server.stop();
      return new Error(`The portal was not ready within ${readyTimeoutMs / 1000} s (GET /health never answered 200). Its last output:\n${readTail(logFile).trim()}`);
    },
  });
  log(`Portal ready (pid ${child.pid}).`);
  return server;
}

/** SIGCONT (in case it is paused), SIGTERM, wait; if it hangs, SIGKILL and stop the embedded PostgreSQL it leaves behind. */
async function stopServer(child, exitedPromise, exited, root, clusterDir, log) {
  if (!exited()) {
    child.kill('SIGCONT');
    child.kill('SIGTERM');
    const done = await Promise.race([exitedPromise, sleep(30_000).then(() => null)]);
    if (!done) {
      log('The portal did not stop within 30 s of SIGTERM: killing it.');
      child.kill('SIGKILL');
      await Promise.race([exitedPromise, sleep(5000)]);
    }
  }
  if (clusterDir) await stopLeftoverPostgres(join(root, clusterDir), log);
}

async function stopLeftoverPostgres(dataDir, log) {
  const pidFile = join(dataDir, 'postmaster.pid');
  if (!existsSync(pidFile)) return;
  const pid = Number.parseInt(readFileSync(pidFile, 'utf8').split('\n')[0], 10);
  if (!Number.isInteger(pid) || pid <= 0 || !isAlive(pid)) return;
  log(`Stopping the embedded PostgreSQL the portal left running (pid ${pid}).`);
  process.kill(pid, 'SIGINT');
  const deadline = Date.now() + 30_000;
  while (isAlive(pid) && Date.now() < deadline) await sleep(100);
}

module.exports = { startServer, productionEnv, nodeFlags, PRODUCTION_ENV_DEFAULTS };
