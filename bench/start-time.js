#!/usr/bin/env node
'use strict';
// `npm run bench:start`: how long `npm start` takes on a fresh clone to a
// healthy GET /health, and how long a restart takes (issue 16: <= 10 s, <= 5 s).
//
// The committed HEAD of this checkout is cloned into a temporary folder.
// `npm install` is too slow to repeat per measurement, so node_modules comes
// from this checkout: symlinked (default) or copied (--node-modules copy). Then
// `npm start` runs with DATABASE_URL unset, so the app starts its embedded
// PostgreSQL in the clone's own .data (a first start runs initdb and every
// migration), and is timed until GET /health answers 200; stopped as Ctrl-C
// would (SIGINT to its process group); then started and timed again.

const { spawn, spawnSync } = require('node:child_process');
const { closeSync, cpSync, existsSync, mkdirSync, mkdtempSync, openSync, readFileSync, realpathSync, rmSync, symlinkSync } = require('node:fs');
const os = require('node:os');
const { join, resolve } = require('node:path');
const { freePort, isAlive, readTail, sleep, statusOf } = require('./lib/proc');
const { table } = require('./lib/table');

const ROOT = resolve(__dirname, '..');
const RESULTS_DIR = join(__dirname, 'results');
const TARGETS = { first: 10, restart: 5 };
const USAGE = `Usage: npm run bench:start -- [--node-modules symlink|copy] [--timeout S] [--keep]

  --node-modules M  symlink (default) or copy this checkout's node_modules into the clone
  --timeout S       give up on a start after S seconds (default 180)
  --keep            leave the clone in place (its path is printed)`;

function parseArgs(argv) {
  const opts = { nodeModules: 'symlink', timeoutS: 180, keep: false };
  for (let i = 0; i < argv.length; i++) {
    const [flag, inline] = argv[i].split('=', 2);
    const value = () => (inline !== undefined ? inline : argv[++i]);
    if (flag === '--node-modules') opts.nodeModules = value();
    else if (flag === '--timeout') opts.timeoutS = Number(value());
    else if (flag === '--keep') opts.keep = true;
    else if (flag === '--help' || flag === '-h') {
      process.stdout.write(`${USAGE}\n`);
      process.exit(0);
    } else {
      process.stderr.write(`bench:start: unknown option ${argv[i]}\n\n${USAGE}\n`);
      process.exit(1);
    }
  }
  if (!['symlink', 'copy'].includes(opts.nodeModules) || !(opts.timeoutS > 0)) {
    process.stderr.write(`bench:start: --node-modules takes symlink or copy, --timeout a number of seconds\n\n${USAGE}\n`);
    process.exit(1);
  }
  return opts;
}

const log = (m) => process.stdout.write(`${m}\n`);
let current = null; // the running `npm start`, for cleanup
let cloneDir = null;

function git(args, cwd = ROOT) {
  const r = spawnSync('git', args, { cwd, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`git ${args.join(' ')}: ${(r.stderr || r.stdout).trim()}`);
  return r.stdout.trim();
}

/** PostgreSQL's pid from the clone's data folder, while it runs. */
function postgresPid(dir) {
  try {
    const pid = Number.parseInt(readFileSync(join(dir, '.data', 'postgres', 'postmaster.pid'), 'utf8').split('\n')[0], 10);
    return Number.isInteger(pid) && isAlive(pid) ? pid : null;
  } catch {
    return null;
  }
}

/**
 * Seconds from `npm start` to the app's first log line: the build (swc, in `npm start`
 * compiles first) and Node loading the app, before the database and Nest start.
 */
function firstAppLine(logFile, spawnedAt) {
  for (const line of readFileSync(logFile, 'utf8').split('\n')) {
    if (!line.startsWith('{')) continue;
    try {
      const { time } = JSON.parse(line);
      if (typeof time === 'number') return (time - spawnedAt) / 1000;
    } catch {
      // not a log line
    }
  }
  return null;
}

/** `npm start` in its own process group, timed until GET /health answers 200. */
async function timedStart(dir, label, opts) {
  const port = await freePort();
  const pgPort = await freePort();
  const env = { ...process.env, PORT: String(port), EMBEDDED_PG_PORT: String(pgPort) };
  for (const name of ['DATABASE_URL', 'EMBEDDED_PG_DIR', 'NODE_ENV', 'PUBLIC_URL', 'LOG_LEVEL', 'LOG_FORMAT']) delete env[name];
  const logFile = join(RESULTS_DIR, `start-time-${label}.log`);
  const fd = openSync(logFile, 'w');
  const started = process.hrtime.bigint();
  const spawnedAt = Date.now();
  const child = spawn('npm', ['start'], { cwd: dir, env, stdio: ['ignore', fd, fd], detached: true });
  closeSync(fd);
  let exited = null;
  const exitPromise = new Promise((r) => child.on('exit', (code, signal) => r((exited = { code, signal }))));
  current = { child, exitPromise, dir };
  const deadline = Date.now() + opts.timeoutS * 1000;
  while (true) {
    if (exited) throw new Error(`npm start (${label}) exited with ${exited.signal || `status ${exited.code}`} before /health answered:\n${readTail(logFile, 3000).trim()}`);
    if ((await statusOf(`http://127.0.0.1:${port}/health`, 2000)) === 200) break;
    if (Date.now() > deadline) throw new Error(`npm start (${label}): /health did not answer 200 within ${opts.timeoutS} s:\n${readTail(logFile, 3000).trim()}`);
    await sleep(100);
  }
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  return { seconds, buildSeconds: firstAppLine(logFile, spawnedAt), logFile };
}

/** As Ctrl-C in a terminal: SIGINT to the whole group; then wait for the app and its PostgreSQL to be gone. */
async function stop() {
  if (!current) return null;
  const { child, exitPromise, dir } = current;
  const started = Date.now();
  try {
    process.kill(-child.pid, 'SIGINT');
  } catch {
    // already gone
  }
  if (!(await Promise.race([exitPromise, sleep(30_000).then(() => null)]))) {
    log('npm start did not stop within 30 s of SIGINT: killing its process group.');
    try {
      process.kill(-child.pid, 'SIGKILL');
    } catch {
      // already gone
    }
  }
  for (let pid = postgresPid(dir); pid && Date.now() - started < 60_000; pid = postgresPid(dir)) await sleep(100);
  const leftover = postgresPid(dir);
  if (leftover) process.kill(leftover, 'SIGINT');
  current = null;
  return (Date.now() - started) / 1000;
}

async function main() {
  const opts = parseArgs(process.argv.slice(2));
  mkdirSync(RESULTS_DIR, { recursive: true });
  const commit = git(['rev-parse', 'HEAD']);
  const dirty = git(['status', '--porcelain', '--untracked-files=no']).length > 0;
  cloneDir = join(mkdtempSync(join(os.tmpdir(), 'start-time-')), 'portal');
  log(`Cloning ${commit.slice(0, 12)} of ${ROOT} into ${cloneDir}${dirty ? ' (uncommitted changes in the checkout are NOT in the clone)' : ''}…`);
  git(['clone', '--quiet', '--no-checkout', ROOT, cloneDir]);
  git(['checkout', '--quiet', '--detach', commit], cloneDir);

  const modules = realpathSync(join(ROOT, 'node_modules'));
  const t0 = Date.now();
  if (opts.nodeModules === 'symlink') symlinkSync(modules, join(cloneDir, 'node_modules'), 'dir');
  else cpSync(modules, join(cloneDir, 'node_modules'), { recursive: true, verbatimSymlinks: true });
  const how = opts.nodeModules === 'symlink' ? `symlinked to ${modules}` : `copied from ${modules} (${((Date.now() - t0) / 1000).toFixed(1)} s, not counted)`;
  log(`node_modules ${how} in place of \`npm install\`.`);
  const loadBefore = os.loadavg()[0];

  log('First start: npm start on the fresh clone (DATABASE_URL unset: embedded PostgreSQL in the clone\'s .data)…');
  const first = await timedStart(cloneDir, 'first', opts);
  log(`  healthy after ${first.seconds.toFixed(1)} s`);
  const stop1 = await stop();
  log(`  stopped (SIGINT) in ${stop1.toFixed(1)} s`);
  log('Restart: npm start again…');
  const again = await timedStart(cloneDir, 'restart', opts);
  log(`  healthy after ${again.seconds.toFixed(1)} s`);
  const stop2 = await stop();
  log(`  stopped (SIGINT) in ${stop2.toFixed(1)} s`);

  const verdict = (s, max) => (s <= max ? 'met' : 'NOT met');
  log('');
  log(`Start time: npm start → GET /health 200 (${os.cpus().length} cores, ${(os.cpus()[0] || {}).model || 'unknown CPU'}; load average ${loadBefore.toFixed(2)} before, ${os.loadavg()[0].toFixed(2)} after)`);
  const split = (r) => (r.buildSeconds === null ? [null, null] : [r.buildSeconds.toFixed(1), (r.seconds - r.buildSeconds).toFixed(1)]);
  log(table(
    ['start', 'seconds', 'to first app log', 'then to healthy', 'target', 'verdict'],
    [
      ['first start on a fresh clone', first.seconds.toFixed(1), ...split(first), `<= ${TARGETS.first} s`, verdict(first.seconds, TARGETS.first)],
      ['restart', again.seconds.toFixed(1), ...split(again), `<= ${TARGETS.restart} s`, verdict(again.seconds, TARGETS.restart)],
    ],
    'lrrrll',
  ));
  log('"to first app log": the swc build and Node loading the app; "then to healthy": the database, migrations, Nest, /health.');
  log(`node_modules: ${opts.nodeModules === 'symlink' ? 'symlinked' : 'copied'} from this checkout. Logs: bench/results/start-time-first.log, start-time-restart.log`);
  return 0;
}

async function cleanUp() {
  await stop().catch(() => undefined);
  if (cloneDir && !process.argv.includes('--keep')) rmSync(resolve(cloneDir, '..'), { recursive: true, force: true });
  else if (cloneDir) log(`Clone kept: ${cloneDir}`);
}

for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    process.stderr.write(`\n${signal}: stopping npm start and removing the clone.\n`);
    cleanUp().finally(() => process.exit(130));
  });
}

main().then(
  async (code) => {
    await cleanUp();
    process.exit(code);
  },
  async (error) => {
    process.stderr.write(`bench:start: ${error && error.message ? error.message : String(error)}\n`);
    await cleanUp();
    process.exit(1);
  },
);
