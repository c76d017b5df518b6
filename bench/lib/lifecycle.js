'use strict';
// One run at a time per checkout, and nothing the run starts outlives it:
// the lock file, the children (wrk, the servers), the temporary folder, and
// what happens on Ctrl-C.

const { closeSync, mkdirSync, mkdtempSync, openSync, readFileSync, rmSync, writeSync } = require('node:fs');
const os = require('node:os');
const { join } = require('node:path');
const { isAlive, sleep } = require('./proc');

const LOCK_WAIT_MS = 20 * 60_000;

function createLifecycle({ root, log }) {
  /** One benchmark run at a time per checkout: two would share the bench databases and the cores. */
  const lockFile = join(root, '.data', 'bench.lock');
  const children = new Set();
  const servers = new Set();
  let lockHeld = false;
  let tmpDir = null;
  const life = { shuttingDown: false };

  const lockOwner = () => {
    try {
      return Number.parseInt(readFileSync(lockFile, 'utf8'), 10) || null;
    } catch {
      return null;
    }
  };

  /** Another run's server would stop ours (the app stops a PostgreSQL it finds holding its data folder): wait for it. */
  life.acquireLock = async () => {
    mkdirSync(join(root, '.data'), { recursive: true });
    const deadline = Date.now() + LOCK_WAIT_MS;
    let told = false;
    while (true) {
      try {
        const fd = openSync(lockFile, 'wx');
        writeSync(fd, `${process.pid}\n`);
        closeSync(fd);
        lockHeld = true;
        return;
      } catch (error) {
        if (error.code !== 'EEXIST') throw error;
      }
      const owner = lockOwner();
      if (owner !== null && !isAlive(owner)) {
        rmSync(lockFile, { force: true }); // left by a run that was killed
        continue;
      }
      if (!told) {
        log(`Another benchmark run (pid ${owner ?? '?'}) is going on in this checkout; waiting for it to finish (.data/bench.lock)…`);
        told = true;
      }
      if (Date.now() > deadline) throw new Error(`the other benchmark run (pid ${owner}) still holds ${lockFile} after ${LOCK_WAIT_MS / 60_000} min`);
      await sleep(1000);
    }
  };

  const releaseLock = () => {
    if (lockHeld && lockOwner() === process.pid) rmSync(lockFile, { force: true });
    lockHeld = false;
  };

  life.tmpDir = () => (tmpDir ??= mkdtempSync(join(os.tmpdir(), 'bench-')));

  /** Registers a child process (or { pid, kill }) for emergency cleanup; returns its un-registration. */
  life.track = (child) => {
    children.add(child);
    return () => children.delete(child);
  };

  /** A server with stop(): stopped on cleanUp() unless stopped and removed before. */
  life.addServer = (server) => servers.add(server);
  life.stopServer = async (server) => {
    servers.delete(server);
    await server.stop();
  };

  life.cleanUp = async () => {
    const serverPids = new Set([...servers].map((s) => s.pid));
    for (const child of children) {
      if (serverPids.has(child.pid)) continue;
      try {
        child.kill('SIGTERM');
      } catch {
        // already gone
      }
    }
    for (const server of [...servers]) {
      log(`Stopping the ${server.kind} (SIGTERM)…`);
      await life.stopServer(server).catch((error) => log(`Could not stop the ${server.kind}: ${error.message}`));
    }
    if (tmpDir) {
      rmSync(tmpDir, { recursive: true, force: true });
      tmpDir = null;
    }
    releaseLock();
  };

  const onSignal = (signal) => {
    const code = signal === 'SIGINT' ? 130 : 143;
    if (life.shuttingDown) {
      process.stderr.write(`\n${signal} again: killing what is left.\n`);
      for (const child of children) {
        try {
          child.kill('SIGKILL');
        } catch {
          // already gone
        }
      }
      process.exit(code);
    }
    life.shuttingDown = true;
    process.stderr.write(`\n${signal}: stopping wrk and the servers; the run is abandoned.\n`);
    life.cleanUp().finally(() => process.exit(code));
  };

  life.installHandlers = () => {
    // A closed pipe (`npm run bench | head`) must not crash the run halfway.
    for (const stream of [process.stdout, process.stderr]) {
      stream.on('error', (error) => {
        if (error.code !== 'EPIPE') throw error;
      });
    }
    for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(signal, () => onSignal(signal));
    process.on('exit', () => {
      releaseLock();
      // Last resort if we exit by another path: never leave a server or wrk running (nor paused).
      for (const child of children) {
        try {
          child.kill('SIGCONT');
          child.kill('SIGTERM');
        } catch {
          // already gone
        }
      }
    });
  };

  return life;
}

module.exports = { createLifecycle };
