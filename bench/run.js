#!/usr/bin/env node
'use strict';
// `npm run bench`: HTTP throughput and p99 of each scenario against two
// baselines measured in the same rounds (the portal's own no-op route and a
// bare NestJS app's), with the servers and wrk pinned to separate cores and
// each dataset against its own database; then the in-process benchmarks and the
// portals' memory. See bench/README.md.
//
//   bench/lib/catalogue.js  what there is to measure (baselines, scenarios, in-process)
//   bench/lib/runner.js     one dataset group: servers, setup, warm-up, rounds
//   bench/lib/measure.js    one wrk measurement and the CPU picture around it
//   bench/lib/summary.js    ratios, medians, target verdicts
//   bench/lib/report.js     the printed report

const { spawnSync } = require('node:child_process');
const { existsSync, mkdirSync, writeFileSync } = require('node:fs');
const os = require('node:os');
const { join, resolve } = require('node:path');

const { parseArgs, USAGE, UsageError } = require('./lib/args');
const catalogue = require('./lib/catalogue');
const cpu = require('./lib/cpu');
const { clusterFor, DATASETS } = require('./lib/datasets');
const { createLifecycle } = require('./lib/lifecycle');
const { printReport } = require('./lib/report');
const { runGroup } = require('./lib/runner');
const { wrkAvailable } = require('./lib/wrk');

const ROOT = resolve(__dirname, '..');
const RESULTS_DIR = join(__dirname, 'results');

const log = (message) => process.stdout.write(`${message}\n`);
const warn = (message) => process.stderr.write(`WARNING: ${message}\n`);
function fail(message, code = 1) {
  process.stderr.write(`bench: ${message}\n`);
  process.exit(code);
}

const life = createLifecycle({ root: ROOT, log });

function gitInfo() {
  const rev = spawnSync('git', ['rev-parse', 'HEAD'], { cwd: ROOT, encoding: 'utf8' });
  const dirty = spawnSync('git', ['status', '--porcelain', '--untracked-files=no'], { cwd: ROOT, encoding: 'utf8' });
  return { commit: rev.status === 0 ? rev.stdout.trim() : null, dirty: dirty.status === 0 ? dirty.stdout.trim().length > 0 : null };
}

function decidePinning() {
  const cores = cpu.allowedCores();
  if (!cpu.tasksetAvailable()) {
    warn('`taskset` is missing (Debian package util-linux): running UNPINNED — the servers and wrk will compete for cores and the figures are less trustworthy.');
    return { pinned: false, serverCore: null, wrkCore: null, cores, warning: 'taskset missing' };
  }
  if (cores.length < 2) {
    warn(`only ${cores.length} core is available: running UNPINNED — the servers and wrk share it and the figures are less trustworthy.`);
    return { pinned: false, serverCore: null, wrkCore: null, cores, warning: 'only one core' };
  }
  if (cores.length > 2) log(`Note: ${cores.length} cores available; the servers use core ${cores[0]} and wrk core ${cores[1]}, the rest stay free.`);
  return { pinned: true, serverCore: cores[0], wrkCore: cores[1], cores, warning: null };
}

function list(scenarios, inprocess) {
  log('Datasets (each its own embedded PostgreSQL cluster and portal server):');
  for (const d of DATASETS) log(`  ${d.name.padEnd(6)} ${d.description}; ${clusterFor(d.name).dir}`);
  log('Baselines (every round of every dataset):');
  for (const b of Object.values(catalogue.BASELINES)) log(`  ${b.name.padEnd(28)} ${b.server.padEnd(6)} ${catalogue.describe(b)}${b.target ? `, target ${JSON.stringify(b.target)}` : ''}`);
  log('HTTP scenarios:');
  for (const s of scenarios) {
    log(`  ${s.id.padEnd(32)} [${s.dataset}] ${catalogue.describe(s)}   "${s.name}"${s.anchor === 'docx' ? ', anchor docx' : ''}${s.target ? `, target ${JSON.stringify(s.target)}` : ''}`);
  }
  log('In-process benchmarks:');
  for (const b of inprocess) log(`  ${b.id.padEnd(32)} [${b.dataset}] "${b.name}"`);
  log('(--only takes either the file name, as listed first, or the quoted name)');
}

async function main() {
  let opts;
  try {
    opts = parseArgs(process.argv.slice(2));
  } catch (error) {
    if (error instanceof UsageError) fail(`${error.message}\n\n${USAGE}`);
    throw error;
  }
  if (opts.help) {
    log(USAGE);
    return 0;
  }
  const startedAt = new Date();
  // The app reads .env; read it too so DATABASE_URL means the same to both.
  const envFile = join(ROOT, '.env');
  if (existsSync(envFile) && typeof process.loadEnvFile === 'function') process.loadEnvFile(envFile);

  let scenarios;
  let inprocess;
  try {
    ({ scenarios, inprocess } = catalogue.select(catalogue.loadScenarios(), catalogue.loadInProcess(), opts.only));
  } catch (error) {
    fail(error.message);
  }
  if (opts.list) {
    list(scenarios, inprocess);
    return 0;
  }
  if (!wrkAvailable()) {
    fail('`wrk` is not installed. Install it with:\n\n    apt-get install wrk\n\n(autocannon is no substitute here: it saturates near 5k req/s on this machine and under-reports).');
  }
  if (opts.rounds < 3) warn(`--rounds ${opts.rounds}: fewer than 3 rounds gives a fragile median; use it for quick checks only.`);

  const pin = decidePinning();
  await life.acquireLock();
  mkdirSync(RESULTS_DIR, { recursive: true });
  const run = { root: ROOT, opts, pin, life, log, warn, resultsDir: RESULTS_DIR, anchor: null };

  const groups = [];
  for (const group of catalogue.groupByDataset(scenarios, inprocess)) groups.push(await runGroup(run, group));
  const anchor = run.anchor;
  await life.cleanUp();

  const results = {
    startedAt: startedAt.toISOString(),
    finishedAt: new Date().toISOString(),
    git: gitInfo(),
    machine: { cpuModel: (os.cpus()[0] || {}).model || null, cores: pin.cores, loadavgAtEnd: os.loadavg() },
    node: process.version,
    wrk: (spawnSync('wrk', ['--version'], { encoding: 'utf8' }).stdout || '').split('\n')[0].trim() || null,
    options: { ...opts, list: undefined, help: undefined },
    opts,
    pin,
    anchor: anchor ? { command: anchor.command, docx: anchor.docx } : null,
    groups,
  };
  printReport(results, log);
  delete results.opts;
  const out = join(RESULTS_DIR, 'latest.json');
  writeFileSync(out, `${JSON.stringify(results, null, 2)}\n`);
  log('');
  log(`Full results: ${out.replace(`${ROOT}/`, '')} (server logs: bench/results/server-<dataset>.log, anchor.log)`);
  const failures = groups.some((g) => g.failed.length || g.inprocess.some((b) => b.error));
  return failures ? 1 : 0;
}

life.installHandlers();
main().then(
  (code) => process.exit(code),
  async (error) => {
    // Interrupted: the signal handler is stopping everything and will exit.
    if (life.shuttingDown) return;
    life.shuttingDown = true;
    process.stderr.write(`bench: ${error && error.message ? error.message : String(error)}\n`);
    await life.cleanUp().catch(() => undefined);
    process.exit(1);
  },
);
