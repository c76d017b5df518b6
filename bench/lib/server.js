'use strict';
// Starts the built app the way production runs it (pinned to one core), waits
// until it is ready, and stops it with SIGTERM — also when the harness fails.

const { spawn } = require('node:child_process');
const { randomBytes } = require('node:crypto');
const { createWriteStream, existsSync, readFileSync } = require('node:fs');
const net = require('node:net');
const { join } = require('node:path');

const READY_LINE = 'Affiliation Portal listening';

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
const EMBEDDED_PG_DIR = '.data/bench-postgres';
const EMBEDDED_PG_PORT = 54350;
const EMBEDDED_DATABASE = 'affiliation_portal';

/** A TCP port nobody listens on right now. */
function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

async function healthStatus(baseUrl) {
  try {
    const res = await fetch(`${baseUrl}/health`, { signal: AbortSignal.timeout(5000) });
    await res.arrayBuffer();
    return res.status;
  } catch {
    return null;
  }
}

/**
 * @param {object} o
 * @param {string} o.root       repository root (the app's working directory)
 * @param {number|null} o.core  core to pin the server to, or null for unpinned
 * @param {string} o.logFile    where the server's own output goes
 * @param {(child) => () => void} o.track  registers the child for emergency cleanup
 * @param {(m: string) => void} o.log
 * @param {(server) => void} [o.onSpawn]  gets the handle at once, so an interrupted start can still be stopped
 */
async function startServer({ root, core, logFile, track, log, onSpawn = () => undefined, readyTimeoutMs = 180_000 }) {
  const entry = join(root, 'dist/src/main.js');
  if (!existsSync(entry)) throw new Error(`${entry} is missing: run \`npm run bench\` (it builds first)`);

  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const externalDb = Boolean(process.env.DATABASE_URL);
  const env = {
    ...process.env,
    NODE_ENV: 'production',
    PUBLIC_URL: baseUrl,
    PORT: String(port),
    LOG_LEVEL: 'warn',
    EMBEDDED_PG_DIR,
    EMBEDDED_PG_PORT: String(EMBEDDED_PG_PORT),
  };
  for (const [name, value] of Object.entries(PRODUCTION_ENV_DEFAULTS)) {
    if (!env[name]) env[name] = value();
  }
  if (!externalDb) delete env.DATABASE_URL;
  const databaseUrl = externalDb
    ? process.env.DATABASE_URL
    : `postgres://postgres:postgres@127.0.0.1:${EMBEDDED_PG_PORT}/${EMBEDDED_DATABASE}`;

  const cmd = core === null ? process.execPath : 'taskset';
  const args = core === null ? [entry] : ['-c', String(core), process.execPath, entry];
  log(`Starting the server: ${core === null ? '' : `taskset -c ${core} `}node dist/src/main.js on ${baseUrl}` +
    ` (${externalDb ? 'DATABASE_URL' : `embedded PostgreSQL in ${EMBEDDED_PG_DIR}, port ${EMBEDDED_PG_PORT}`})`);

  const out = createWriteStream(logFile);
  const child = spawn(cmd, args, { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] });
  const untrack = track(child);
  let tail = '';
  let sawReady = false;
  const onData = (chunk) => {
    out.write(chunk);
    tail = (tail + chunk).slice(-8000);
    if (!sawReady && tail.includes(READY_LINE)) sawReady = true;
  };
  child.stdout.on('data', onData);
  child.stderr.on('data', onData);
  let exited = null;
  const exitedPromise = new Promise((resolve) =>
    child.on('exit', (code, signal) => {
      exited = { code, signal };
      untrack();
      resolve(exited);
    }),
  );
  // 'exit' can come before the last output is read; 'close' comes after it.
  const closed = new Promise((resolve) => child.on('close', resolve));
  child.on('error', (error) => {
    exited = exited || { code: null, signal: null, error };
  });

  let stopping;
  const server = {
    pid: child.pid,
    baseUrl,
    databaseUrl,
    embedded: !externalDb,
    logFile,
    tail: () => tail,
    stop: () => (stopping ??= stopServer(child, exitedPromise, () => exited, root, !externalDb, log, out)),
  };
  onSpawn(server);

  const startedAt = Date.now();
  const deadline = startedAt + readyTimeoutMs;
  while (true) {
    if (exited) {
      await Promise.race([closed, sleep(2000)]);
      out.end();
      const how = exited.error ? exited.error.message : `status ${exited.code}${exited.signal ? `, ${exited.signal}` : ''}`;
      const hint =
        exited.code === 78
          ? '\nThe app refused its configuration. If production now needs another variable, set it in your environment' +
            ' or give it a bench value in PRODUCTION_ENV_DEFAULTS in bench/lib/server.js.'
          : '';
      throw new Error(`The server exited before it was ready (${how}). Its last output:\n${tail.trim()}${hint}`);
    }
    // The ready line is a hint; GET /health answering 200 is what counts.
    if ((sawReady || Date.now() - startedAt > 2000) && (await healthStatus(baseUrl)) === 200) break;
    if (Date.now() > deadline) {
      await server.stop();
      throw new Error(`The server was not ready within ${readyTimeoutMs / 1000} s (GET /health never answered 200). Its last output:\n${tail.trim()}`);
    }
    await sleep(250);
  }
  log(`Server ready (pid ${child.pid}).`);
  return server;
}

function isAlive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return error.code === 'EPERM';
  }
}

/** SIGTERM, wait; if it hangs, SIGKILL and stop the embedded PostgreSQL it leaves behind. */
async function stopServer(child, exitedPromise, exited, root, embedded, log, out) {
  if (!exited()) {
    child.kill('SIGTERM');
    const done = await Promise.race([exitedPromise, sleep(30_000).then(() => null)]);
    if (!done) {
      log('The server did not stop within 30 s of SIGTERM: killing it.');
      child.kill('SIGKILL');
      await Promise.race([exitedPromise, sleep(5000)]);
    }
  }
  out.end();
  if (embedded) await stopLeftoverPostgres(join(root, EMBEDDED_PG_DIR), log);
}

async function stopLeftoverPostgres(dataDir, log) {
  const pidFile = join(dataDir, 'postmaster.pid');
  if (!existsSync(pidFile)) return;
  const pid = Number.parseInt(readFileSync(pidFile, 'utf8').split('\n')[0], 10);
  if (!Number.isInteger(pid) || pid <= 0 || !isAlive(pid)) return;
  log(`Stopping the embedded PostgreSQL the server left running (pid ${pid}).`);
  process.kill(pid, 'SIGINT');
  const deadline = Date.now() + 30_000;
  while (isAlive(pid) && Date.now() < deadline) await sleep(100);
}

module.exports = { startServer, EMBEDDED_PG_DIR, EMBEDDED_PG_PORT };
