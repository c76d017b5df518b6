'use strict';
// Small process helpers shared by the portal, the anchor and the start-time script.

const { spawn } = require('node:child_process');
const { closeSync, fstatSync, openSync, readFileSync, readSync } = require('node:fs');
const net = require('node:net');

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

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

function isAlive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return error.code === 'EPERM';
  }
}

/** The last `bytes` of a file as text ('' when it cannot be read). */
function readTail(file, bytes = 8000) {
  let fd;
  try {
    fd = openSync(file, 'r');
    const size = fstatSync(fd).size;
    const length = Math.min(bytes, size);
    const buffer = Buffer.alloc(length);
    readSync(fd, buffer, 0, length, size - length);
    return buffer.toString('utf8');
  } catch {
    return '';
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/** The HTTP status of one GET, or null when nothing answers. */
async function statusOf(url, timeoutMs = 5000) {
  try {
    const res = await fetch(url, { signal: AbortSignal.timeout(timeoutMs) });
    await res.arrayBuffer();
    return res.status;
  } catch {
    return null;
  }
}

/**
 * Polls `url` every `everyMs` until it answers `status`; throws what onExit()
 * returns when the process exits first, what onTimeout() returns after timeoutMs.
 * Resolves with the milliseconds waited.
 */
async function waitForStatus({ url, status = 200, exited, timeoutMs, onExit, onTimeout, everyMs = 250 }) {
  const started = Date.now();
  while (true) {
    const gone = exited();
    if (gone) {
      await sleep(300); // the last output reaches the file
      const how = gone.error ? gone.error.message : `status ${gone.code}${gone.signal ? `, ${gone.signal}` : ''}`;
      throw onExit(how);
    }
    if ((await statusOf(url)) === status) return Date.now() - started;
    if (Date.now() - started > timeoutMs) throw await onTimeout();
    await sleep(everyMs);
  }
}

/** Resident and peak resident memory of one process, in MB, from /proc/<pid>/status; null when gone. */
function memoryMb(pid) {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = (field) => {
      const m = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status);
      return m ? Number(m[1]) / 1024 : null;
    };
    return { rssMb: kb('VmRSS'), peakRssMb: kb('VmHWM') };
  } catch {
    return null;
  }
}

/**
 * Starts `cmd args` with its output written straight into `logFile` (as with
 * `node … >> app.log`), registered with `track` for emergency cleanup until it
 * exits. `exited()` is null while it runs, then its code and signal.
 */
function spawnLogged({ cmd, args, cwd, env, logFile, track }) {
  const fd = openSync(logFile, 'w');
  let child;
  try {
    child = spawn(cmd, args, { cwd, env, stdio: ['ignore', fd, fd] });
  } finally {
    closeSync(fd);
  }
  const untrack = track(child);
  let exited = null;
  const exitedPromise = new Promise((resolve) =>
    child.on('exit', (code, signal) => {
      exited = { code, signal };
      untrack();
      resolve(exited);
    }),
  );
  child.on('error', (error) => {
    exited = exited || { code: null, signal: null, error };
  });
  return { child, exited: () => exited, exitedPromise };
}

/** `node <args>`, pinned to `core` with taskset unless it is null: the command and how to print it. */
function pinnedNode(core, nodeArgs, shown) {
  return {
    cmd: core === null ? process.execPath : 'taskset',
    args: core === null ? nodeArgs : ['-c', String(core), process.execPath, ...nodeArgs],
    command: `${core === null ? '' : `taskset -c ${core} `}node ${shown}`,
  };
}

module.exports = { sleep, freePort, isAlive, readTail, statusOf, waitForStatus, memoryMb, spawnLogged, pinnedNode };
