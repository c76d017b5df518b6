#!/usr/bin/env node
'use strict';
// `npm run bench`: HTTP throughput and p99 of each scenario as ratios to a
// no-op route measured in the same run, with the server and wrk pinned to
// separate cores; then the in-process benchmarks. See bench/README.md.

const { spawnSync } = require('node:child_process');
const {
  closeSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
  writeSync,
} = require('node:fs');
const os = require('node:os');
const { join, resolve, basename } = require('node:path');

const cpu = require('./lib/cpu');
const { startServer, EMBEDDED_PG_DIR } = require('./lib/server');
const { median } = require('./lib/stats');
const { table, fmtRps, fmtMs, fmtRatio, fmtPct, fmtUs } = require('./lib/table');
const { wrkAvailable, runWrk } = require('./lib/wrk');

const ROOT = resolve(__dirname, '..');
const RESULTS_DIR = join(__dirname, 'results');
/** One benchmark run at a time per checkout: two would share the bench database and the cores. */
const LOCK_FILE = join(ROOT, '.data', 'bench.lock');
const LOCK_WAIT_MS = 20 * 60_000;
const BASELINE = { id: '_baseline', name: 'baseline', method: 'GET', path: '/health/live', headers: {} };
const KNOWN_TARGET_KEYS = ['rpsRatio', 'p99Ratio', 'p99Ms', 'p95Ms', 'rps'];
/** Other processes' share of a pinned core above which a measurement is marked noisy. */
const NOISY_PERCENT = 15;
const isNoisy = (r) =>
  (r.serverCoreOtherPercent ?? 0) > NOISY_PERCENT || (r.wrkCoreOtherPercent ?? 0) > NOISY_PERCENT;

const DEFAULTS = {
  rounds: 3,
  duration: 10,
  warmup: 3,
  // Saturates the server (same req/s as 32) without measuring mostly queueing.
  connections: 8,
  maxWrkCpu: 70,
  timeout: 10,
};

const USAGE = `Usage: npm run bench -- [options]

  --only NAME[,NAME]   run only these scenarios / in-process benchmarks (repeatable)
  --rounds N           measured rounds, each baseline + every scenario (default ${DEFAULTS.rounds})
  --duration S         seconds per measurement (default ${DEFAULTS.duration})
  --warmup S           warm-up seconds per route before round 1 (default ${DEFAULTS.warmup}; 0 skips)
  --connections N      wrk connections (default ${DEFAULTS.connections})
  --max-wrk-cpu P      a run where wrk used more than P % of its core is INVALID (default ${DEFAULTS.maxWrkCpu})
  --list               list the scenarios and in-process benchmarks, then exit
  --help               this text`;

// ---------------------------------------------------------------------------
// Arguments

function parseArgs(argv) {
  const opts = { ...DEFAULTS, only: [], list: false };
  const number = (flag, raw, { min, integer }) => {
    const n = Number(String(raw).replace(/s$/, ''));
    if (raw === undefined || !Number.isFinite(n) || n < min || (integer && !Number.isInteger(n))) {
      fail(`${flag} needs a ${integer ? 'whole ' : ''}number of at least ${min} (got ${raw === undefined ? 'nothing' : `"${raw}"`})\n\n${USAGE}`);
    }
    return n;
  };
  for (let i = 0; i < argv.length; i++) {
    let arg = argv[i];
    let value;
    const eq = arg.indexOf('=');
    if (arg.startsWith('--') && eq > 0) {
      value = arg.slice(eq + 1);
      arg = arg.slice(0, eq);
    }
    const next = () => (value !== undefined ? value : argv[++i]);
    switch (arg) {
      case '--only': {
        const v = next();
        if (!v) fail(`--only needs a name\n\n${USAGE}`);
        opts.only.push(...v.split(',').map((s) => s.trim()).filter(Boolean));
        break;
      }
      case '--rounds':
        opts.rounds = number(arg, next(), { min: 1, integer: true });
        break;
      case '--duration':
        opts.duration = number(arg, next(), { min: 1, integer: true });
        break;
      case '--warmup':
        opts.warmup = number(arg, next(), { min: 0, integer: true });
        break;
      case '--connections':
        opts.connections = number(arg, next(), { min: 1, integer: true });
        break;
      case '--max-wrk-cpu':
        opts.maxWrkCpu = number(arg, next(), { min: 1 });
        break;
      case '--list':
        opts.list = true;
        break;
      case '--help':
      case '-h':
        process.stdout.write(`${USAGE}\n`);
        process.exit(0);
        break;
      default:
        fail(`Unknown option: ${argv[i]}\n\n${USAGE}`);
    }
  }
  return opts;
}

// ---------------------------------------------------------------------------
// Output helpers

function log(message) {
  process.stdout.write(`${message}\n`);
}
function warn(message) {
  process.stderr.write(`WARNING: ${message}\n`);
}
function fail(message, code = 1) {
  process.stderr.write(`bench: ${message}\n`);
  process.exit(code);
}
const describe = (s) => `${s.method} ${s.path}`;
const short = (text, max = 40) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

// ---------------------------------------------------------------------------
// Loading scenarios and in-process benchmarks

/** The *.js files of a folder, sorted; files starting with "_" are shared helpers, not benchmarks. */
function benchFiles(dir) {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => f.endsWith('.js') && !f.startsWith('_'))
    .sort()
    .map((f) => join(dir, f));
}

function loadScenarios() {
  const scenarios = [];
  for (const file of benchFiles(join(__dirname, 'scenarios'))) {
    const s = require(file);
    const where = `bench/scenarios/${basename(file)}`;
    if (!s || typeof s.name !== 'string' || !s.name.trim()) fail(`${where} must export a \`name\``);
    if (s.name === BASELINE.name) fail(`${where}: the name "baseline" is reserved for ${describe(BASELINE)}`);
    if (typeof s.path !== 'string' || !s.path.startsWith('/')) fail(`${where} must export a \`path\` starting with /`);
    if (s.setup !== undefined && typeof s.setup !== 'function') fail(`${where}: \`setup\` must be a function`);
    if (s.headers !== undefined && (typeof s.headers !== 'object' || s.headers === null)) {
      fail(`${where}: \`headers\` must be an object of header names to values`);
    }
    if (s.target !== undefined) {
      const unknown = Object.keys(s.target).filter((k) => !KNOWN_TARGET_KEYS.includes(k));
      if (unknown.length) fail(`${where}: unknown target key(s) ${unknown.join(', ')}; use ${KNOWN_TARGET_KEYS.join(', ')}`);
    }
    if (scenarios.some((o) => o.name === s.name)) fail(`${where}: another scenario is already named "${s.name}"`);
    scenarios.push({
      file: where,
      id: basename(file, '.js'),
      name: s.name,
      method: (s.method || 'GET').toUpperCase(),
      path: s.path,
      headers: { ...(s.headers || {}) },
      body: s.body,
      setup: s.setup,
      target: s.target,
    });
  }
  return scenarios;
}

function loadInProcess() {
  return benchFiles(join(__dirname, 'inprocess')).map((file) => {
    const mod = require(file);
    const where = `bench/inprocess/${basename(file)}`;
    if (!mod || typeof mod.run !== 'function') fail(`${where} must export \`async run({ log })\``);
    return { file: where, id: basename(file, '.js'), name: mod.name || basename(file, '.js'), run: mod.run };
  });
}

/** Turns `body` into a string and gives JSON a content type. */
function prepareRequest(s, extraHeaders) {
  const headers = { ...s.headers, ...extraHeaders };
  let body = s.body;
  if (body !== undefined && typeof body !== 'string') {
    body = JSON.stringify(body);
    if (!Object.keys(headers).some((h) => h.toLowerCase() === 'content-type')) headers['Content-Type'] = 'application/json';
  }
  // id names wrk's temporary files: the file name, which is safe in a path.
  return { id: s.id, method: s.method, path: s.path, headers, body };
}

/** `setup()` may return headers, or `{ headers }`. */
function headersFromSetup(result, where) {
  if (result === undefined || result === null) return {};
  if (typeof result !== 'object') throw new Error(`${where}: setup() must return headers (an object) or nothing`);
  if (result.headers && typeof result.headers === 'object') return result.headers;
  return result;
}

// ---------------------------------------------------------------------------
// One run at a time

let lockHeld = false;

function isAlive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return error.code === 'EPERM';
  }
}

function lockOwner() {
  try {
    return Number.parseInt(readFileSync(LOCK_FILE, 'utf8'), 10) || null;
  } catch {
    return null;
  }
}

/**
 * Another run's server would stop ours (the app stops a PostgreSQL it finds
 * holding its data folder), and both would share the two cores: wait for it.
 */
async function acquireLock() {
  mkdirSync(join(ROOT, '.data'), { recursive: true });
  const deadline = Date.now() + LOCK_WAIT_MS;
  let told = false;
  while (true) {
    try {
      const fd = openSync(LOCK_FILE, 'wx');
      writeSync(fd, `${process.pid}\n`);
      closeSync(fd);
      lockHeld = true;
      return;
    } catch (error) {
      if (error.code !== 'EEXIST') throw error;
    }
    const owner = lockOwner();
    if (owner !== null && !isAlive(owner)) {
      rmSync(LOCK_FILE, { force: true }); // left by a run that was killed
      continue;
    }
    if (!told) {
      log(`Another benchmark run (pid ${owner ?? '?'}) is going on in this checkout; waiting for it to finish (${LOCK_FILE.replace(`${ROOT}/`, '')})…`);
      told = true;
    }
    if (Date.now() > deadline) throw new Error(`the other benchmark run (pid ${owner}) still holds ${LOCK_FILE} after ${LOCK_WAIT_MS / 60_000} min`);
    await sleep(1000);
  }
}

function releaseLock() {
  if (lockHeld && lockOwner() === process.pid) rmSync(LOCK_FILE, { force: true });
  lockHeld = false;
}

// ---------------------------------------------------------------------------
// Process bookkeeping: nothing we start outlives us.

const children = new Set();
let server = null;
let tmpDir = null;
let shuttingDown = false;

function track(child) {
  children.add(child);
  return () => children.delete(child);
}

async function cleanUp() {
  for (const child of children) {
    if (server && child.pid === server.pid) continue;
    try {
      child.kill('SIGTERM');
    } catch {
      // already gone
    }
  }
  if (server) {
    const s = server;
    server = null;
    log('Stopping the server (SIGTERM)…');
    await s.stop();
  }
  if (tmpDir) {
    rmSync(tmpDir, { recursive: true, force: true });
    tmpDir = null;
  }
  releaseLock();
}

function onSignal(signal) {
  if (shuttingDown) {
    process.stderr.write(`\n${signal} again: killing what is left.\n`);
    for (const child of children) {
      try {
        child.kill('SIGKILL');
      } catch {
        // already gone
      }
    }
    process.exit(signal === 'SIGINT' ? 130 : 143);
  }
  shuttingDown = true;
  process.stderr.write(`\n${signal}: stopping wrk and the server; the run is abandoned.\n`);
  cleanUp().finally(() => process.exit(signal === 'SIGINT' ? 130 : 143));
}

// A closed pipe (`npm run bench | head`) must not crash the run halfway.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error) => {
    if (error.code !== 'EPIPE') throw error;
  });
}

process.on('SIGINT', () => onSignal('SIGINT'));
process.on('SIGTERM', () => onSignal('SIGTERM'));
process.on('SIGHUP', () => onSignal('SIGHUP'));
process.on('exit', () => {
  releaseLock();
  // Last resort if we exit by another path: never leave the server or wrk running.
  for (const child of children) {
    try {
      child.kill('SIGTERM');
    } catch {
      // already gone
    }
  }
});

// ---------------------------------------------------------------------------
// Measuring

/** Sends one request outside wrk, to see what the route really answers. */
async function probe(baseUrl, req) {
  try {
    const res = await fetch(baseUrl + req.path, {
      method: req.method,
      headers: req.headers,
      body: req.body,
      redirect: 'manual',
      signal: AbortSignal.timeout(15_000),
    });
    const text = await res.text();
    return { status: res.status, bytes: Buffer.byteLength(text) };
  } catch (error) {
    return { status: null, error: String(error) };
  }
}

/** One wrk run plus the CPU picture around it. */
async function measure(req, ctx, durationS) {
  const coresBefore = cpu.coreTicks();
  const serverBefore = cpu.treeTicks(ctx.server.pid);
  const started = process.hrtime.bigint();
  const r = await runWrk({
    url: ctx.server.baseUrl + req.path,
    request: req,
    connections: ctx.opts.connections,
    durationS,
    timeoutS: ctx.opts.timeout,
    core: ctx.pin.wrkCore,
    tmpDir,
    track,
  });
  const wallS = Number(process.hrtime.bigint() - started) / 1e9;
  const coresAfter = cpu.coreTicks();
  const serverAfter = cpu.treeTicks(ctx.server.pid);
  const hz = cpu.clockTicksPerSecond();
  const nodeTicks = (serverAfter.get(ctx.server.pid) || 0) - (serverBefore.get(ctx.server.pid) || 0);
  const treeTicks = cpu.treeTicksDelta(serverBefore, serverAfter);
  const serverCpuPercent = (100 * nodeTicks) / hz / wallS;
  const serverTreeCpuPercent = (100 * treeTicks) / hz / wallS;
  // Server CPU time per request (with the embedded database, which shares its core): unlike
  // req/s, it barely moves when other processes steal time from the server's core.
  const costTicks = ctx.server.embedded ? treeTicks : nodeTicks;
  const cpuUsPerRequest = r.requests ? (1e6 * costTicks) / hz / r.requests : null;
  let serverCoreOtherPercent = null;
  let wrkCoreOtherPercent = null;
  if (ctx.pin.pinned) {
    const srvBusy = cpu.coreBusyPercent(coresBefore, coresAfter, ctx.pin.serverCore);
    const wrkBusy = cpu.coreBusyPercent(coresBefore, coresAfter, ctx.pin.wrkCore);
    // Busy time on each core that is neither the server (and its database) nor wrk.
    if (srvBusy !== null && ctx.server.embedded) serverCoreOtherPercent = Math.max(0, srvBusy - serverTreeCpuPercent);
    if (srvBusy !== null && !ctx.server.embedded) serverCoreOtherPercent = Math.max(0, srvBusy - serverCpuPercent);
    if (wrkBusy !== null) wrkCoreOtherPercent = Math.max(0, wrkBusy - r.wrkCpu.percent);
  }
  const wrkCpuPercent = r.wrkCpu.percent;
  const valid = wrkCpuPercent <= ctx.opts.maxWrkCpu;
  return {
    rps: r.rps,
    p50Ms: r.p50Ms,
    p90Ms: r.p90Ms,
    p95Ms: r.p95Ms,
    p99Ms: r.p99Ms,
    requests: r.requests,
    non2xx: r.non2xx,
    socketErrors: r.socketErrors,
    socketErrorCount: r.socketErrorCount,
    wrkCpuPercent,
    wrkCpuSource: r.wrkCpu.source,
    serverCpuPercent,
    serverTreeCpuPercent,
    cpuUsPerRequest,
    serverCoreOtherPercent,
    wrkCoreOtherPercent,
    valid,
    invalidReason: valid ? null : `wrk used ${wrkCpuPercent.toFixed(0)}% of its core (limit ${ctx.opts.maxWrkCpu}%)`,
    wrkOutput: r.raw,
  };
}

let labelWidth = 12;

function progressLine(round, label, m) {
  const errs = m.non2xx + m.socketErrorCount;
  return (
    `  round ${round} ${label.padEnd(labelWidth)} ${fmtRps(m.rps).padStart(8)} req/s  p99 ${fmtMs(m.p99Ms).padStart(7)} ms` +
    `  wrk ${fmtPct(m.wrkCpuPercent).padStart(4)}  server ${fmtPct(m.serverCpuPercent).padStart(4)}` +
    `${errs ? `  ERRORS ${errs}` : ''}${m.valid ? '' : '  INVALID'}`
  );
}

// ---------------------------------------------------------------------------
// Summaries

function summarise(scenario, baselineRounds, rounds, opts) {
  const perRound = rounds.map((m, i) => {
    const b = baselineRounds[i];
    const bothValid = m.valid && b.valid;
    const reason = !m.valid ? m.invalidReason : !b.valid ? `baseline of this round invalid: ${b.invalidReason}` : null;
    return {
      round: i + 1,
      ...m,
      baselineRps: b.rps,
      baselineP99Ms: b.p99Ms,
      rpsRatio: m.rps / b.rps,
      p99Ratio: m.p99Ms / b.p99Ms,
      cpuCostRatio: m.cpuUsPerRequest && b.cpuUsPerRequest ? m.cpuUsPerRequest / b.cpuUsPerRequest : null,
      valid: bothValid,
      invalidReason: reason,
    };
  });
  const valid = perRound.filter((r) => r.valid);
  const non2xx = perRound.reduce((a, r) => a + r.non2xx, 0);
  const socketErrors = perRound.reduce((a, r) => a + r.socketErrorCount, 0);
  const requests = perRound.reduce((a, r) => a + (r.requests || 0), 0);
  const summary = {
    name: scenario.name,
    file: scenario.file,
    method: scenario.method,
    path: scenario.path,
    probe: scenario.probe,
    rounds: perRound.map(({ wrkOutput, ...rest }) => rest),
    wrkOutputs: perRound.map((r) => r.wrkOutput),
    validRounds: valid.length,
    invalidRounds: perRound.length - valid.length,
    median: {
      rps: median(valid.map((r) => r.rps)),
      p95Ms: median(valid.map((r) => r.p95Ms).filter((v) => v !== null)),
      p99Ms: median(valid.map((r) => r.p99Ms)),
      rpsRatio: median(valid.map((r) => r.rpsRatio)),
      p99Ratio: median(valid.map((r) => r.p99Ratio)),
      cpuUsPerRequest: median(valid.map((r) => r.cpuUsPerRequest)),
      cpuCostRatio: median(valid.map((r) => r.cpuCostRatio)),
    },
    requests,
    non2xx,
    socketErrors,
    flagged: [],
  };
  if (non2xx > 0) {
    summary.flagged.push(
      `${non2xx} of ${requests} responses were not 2xx/3xx: the figures measure errors, not the scenario`,
    );
  }
  if (socketErrors > 0) {
    summary.flagged.push(`${socketErrors} socket errors (connect/read/write/timeout)`);
  }
  if (scenario.probe && (scenario.probe.status === null || scenario.probe.status >= 400)) {
    summary.flagged.push(
      `a single ${describe(scenario)} answered ${scenario.probe.status === null ? scenario.probe.error : scenario.probe.status}`,
    );
  }
  if (valid.length === 0) summary.flagged.push('no valid round: no medians');
  if (scenario.target) summary.target = checkTarget(scenario.target, summary);
  return summary;
}

function checkTarget(target, s) {
  const checks = [];
  const m = s.median;
  const add = (key, want, got, ok, text) => checks.push({ key, want, got, met: got === null ? false : ok, text });
  if (target.rpsRatio !== undefined) add('rpsRatio', target.rpsRatio, m.rpsRatio, m.rpsRatio >= target.rpsRatio, `req/s ratio >= ${target.rpsRatio}`);
  if (target.rps !== undefined) add('rps', target.rps, m.rps, m.rps >= target.rps, `req/s >= ${target.rps}`);
  if (target.p95Ms !== undefined) add('p95Ms', target.p95Ms, m.p95Ms, m.p95Ms <= target.p95Ms, `p95 <= ${target.p95Ms} ms`);
  if (target.p99Ms !== undefined) add('p99Ms', target.p99Ms, m.p99Ms, m.p99Ms <= target.p99Ms, `p99 <= ${target.p99Ms} ms`);
  if (target.p99Ratio !== undefined) add('p99Ratio', target.p99Ratio, m.p99Ratio, m.p99Ratio <= target.p99Ratio, `p99 ratio <= ${target.p99Ratio}`);
  // Errors make any figure meaningless: a target is never met by a run with errors.
  const clean = s.non2xx === 0 && s.socketErrors === 0 && s.validRounds > 0;
  return { checks, met: clean && checks.every((c) => c.met), clean };
}

function targetText(t) {
  if (!t) return null;
  const parts = t.checks.map((c) => `${c.text}: ${c.met ? 'met' : 'MISSED'}`);
  if (!t.clean) parts.push('not met: the run had errors or no valid round');
  return `${t.met ? 'MET' : 'NOT MET'} (${parts.join('; ')})`;
}

function inprocessTargetVerdict(row) {
  const t = row.target;
  if (typeof row.met === 'boolean') return row.met;
  if (!t || typeof t !== 'object') return null;
  const v = row.value;
  const r = row.ratio;
  const tests = [];
  if (t.max !== undefined) tests.push(v <= t.max);
  if (t.min !== undefined) tests.push(v >= t.min);
  if (t.ratioMax !== undefined) tests.push(typeof r === 'number' && r <= t.ratioMax);
  if (t.ratioMin !== undefined) tests.push(typeof r === 'number' && r >= t.ratioMin);
  return tests.length ? tests.every(Boolean) : null;
}

function inprocessTargetText(t) {
  if (t === undefined || t === null) return null;
  if (typeof t !== 'object') return String(t);
  const parts = [];
  if (t.max !== undefined) parts.push(`<= ${t.max}`);
  if (t.min !== undefined) parts.push(`>= ${t.min}`);
  if (t.ratioMax !== undefined) parts.push(`ratio <= ${t.ratioMax}`);
  if (t.ratioMin !== undefined) parts.push(`ratio >= ${t.ratioMin}`);
  return parts.join(', ') || JSON.stringify(t);
}

function printReport(results, opts) {
  const { baseline, scenarios, pin } = results;
  log('');
  log('='.repeat(78));
  log(`HTTP results: ${opts.rounds} round(s) x ${opts.duration} s, ${opts.connections} connections, wrk -t1` +
    (pin.pinned ? `, server on core ${pin.serverCore}, wrk on core ${pin.wrkCore}` : ', UNPINNED'));
  log(`Baseline: ${describe(BASELINE)} (no-op, no I/O). Ratios are medians of per-round ratios to it:`);
  log('req/s ratio 1.0 = as fast as a no-op route; p99 ratio 2.0 = twice the no-op p99.');
  log(`A run where wrk used > ${opts.maxWrkCpu}% of its core is INVALID: printed, excluded from medians.`);
  log('"other" = busy time on that core used by neither the server (with its database) nor wrk.');
  log('"CPU us/req" = server CPU time per request (with the embedded database); "CPU ratio" = its median');
  log('per-round ratio to the baseline (lower is better). It holds up when other processes steal CPU.');

  const blocks = [{ name: 'baseline', method: BASELINE.method, path: BASELINE.path, rounds: baseline.rounds, isBaseline: true }, ...scenarios];
  for (const s of blocks) {
    log('');
    log(`${s.isBaseline ? 'Baseline' : 'Scenario'} ${s.name}: ${describe(s)}` +
      (s.probe ? `  (single request: ${s.probe.status === null ? s.probe.error : `${s.probe.status}, ${s.probe.bytes} bytes`})` : ''));
    const rows = s.rounds.map((r) => [
      r.round,
      fmtRps(r.rps),
      fmtMs(r.p99Ms),
      s.isBaseline ? null : fmtRatio(r.rpsRatio),
      s.isBaseline ? null : fmtRatio(r.p99Ratio),
      fmtPct(r.wrkCpuPercent),
      fmtPct(r.serverCpuPercent),
      fmtUs(r.cpuUsPerRequest),
      r.serverCoreOtherPercent === null ? null : `${fmtPct(r.serverCoreOtherPercent)}/${fmtPct(r.wrkCoreOtherPercent)}`,
      r.non2xx + r.socketErrorCount,
      r.valid ? (isNoisy(r) ? 'valid (noisy)' : 'valid') : `INVALID: ${r.invalidReason}`,
    ]);
    const valid = s.rounds.filter((r) => r.valid);
    rows.push([
      'median',
      fmtRps(median(valid.map((r) => r.rps))),
      fmtMs(median(valid.map((r) => r.p99Ms))),
      s.isBaseline ? null : fmtRatio(median(valid.map((r) => r.rpsRatio))),
      s.isBaseline ? null : fmtRatio(median(valid.map((r) => r.p99Ratio))),
      null,
      null,
      fmtUs(median(valid.map((r) => r.cpuUsPerRequest))),
      null,
      null,
      `${valid.length}/${s.rounds.length} valid`,
    ]);
    log(
      table(
        ['round', 'req/s', 'p99 ms', 'req/s ratio', 'p99 ratio', 'wrk CPU', 'server CPU', 'CPU us/req', 'other srv/wrk', 'errors', 'status'],
        rows,
        'lrrrrrrrrrl',
      ),
    );
    if (!s.isBaseline) {
      for (const f of s.flagged) log(`  FLAGGED: ${f}`);
      if (s.target) log(`  Target ${targetText(s.target)}`);
      if (s.error) log(`  ERROR: ${s.error}`);
    }
  }

  log('');
  log('Summary (medians over valid rounds)');
  const bValid = baseline.rounds.filter((r) => r.valid);
  const summaryRows = [
    [
      'baseline',
      describe(BASELINE),
      fmtRps(median(bValid.map((r) => r.rps))),
      fmtMs(median(bValid.map((r) => r.p95Ms).filter((v) => v !== null))),
      fmtMs(median(bValid.map((r) => r.p99Ms))),
      '1.000',
      '1.000',
      fmtUs(median(bValid.map((r) => r.cpuUsPerRequest))),
      '1.000',
      baseline.rounds.map((r) => fmtPct(r.wrkCpuPercent)).join(' '),
      `${bValid.length}/${baseline.rounds.length}`,
      baseline.rounds.reduce((a, r) => a + r.non2xx + r.socketErrorCount, 0),
      '',
    ],
  ];
  for (const s of scenarios) {
    if (s.error) {
      summaryRows.push([s.name, short(describe(s)), null, null, null, null, null, null, null, null, null, null, `ERROR: ${s.error}`]);
      continue;
    }
    summaryRows.push([
      s.name,
      short(describe(s)),
      fmtRps(s.median.rps),
      fmtMs(s.median.p95Ms),
      fmtMs(s.median.p99Ms),
      fmtRatio(s.median.rpsRatio),
      fmtRatio(s.median.p99Ratio),
      fmtUs(s.median.cpuUsPerRequest),
      fmtRatio(s.median.cpuCostRatio),
      s.rounds.map((r) => fmtPct(r.wrkCpuPercent)).join(' '),
      `${s.validRounds}/${s.rounds.length}`,
      s.non2xx + s.socketErrors,
      [s.flagged.length ? 'FLAGGED' : '', s.target ? `target ${s.target.met ? 'met' : 'NOT met'}` : '']
        .filter(Boolean)
        .join(', '),
    ]);
  }
  log(
    table(
      ['scenario', 'request', 'req/s', 'p95 ms', 'p99 ms', 'req/s ratio', 'p99 ratio', 'CPU us/req', 'CPU ratio', 'wrk CPU per round', 'valid', 'errors', 'notes'],
      summaryRows,
      'llrrrrrrrrrrl',
    ),
  );
}

function printInProcess(inprocess) {
  if (inprocess.length === 0) return;
  log('');
  log('In-process benchmarks');
  const rows = [];
  for (const b of inprocess) {
    if (b.error) {
      rows.push([b.name, 'ERROR', null, null, null, b.error]);
      continue;
    }
    for (const row of b.rows) {
      const verdict = inprocessTargetVerdict(row);
      rows.push([
        `${b.name}: ${row.name}`,
        `${typeof row.value === 'number' ? Number(row.value.toPrecision(6)) : row.value} ${row.unit || ''}`.trim(),
        typeof row.ratio === 'number' ? fmtRatio(row.ratio) : row.ratio,
        inprocessTargetText(row.target),
        verdict === null ? null : verdict ? 'met' : 'NOT met',
        row.note || '',
      ]);
    }
  }
  log(table(['benchmark', 'value', 'ratio', 'target', 'result', 'note'], rows, 'lrrlll'));
}

// ---------------------------------------------------------------------------
// Main

function gitInfo() {
  const rev = spawnSync('git', ['rev-parse', 'HEAD'], { cwd: ROOT, encoding: 'utf8' });
  const dirty = spawnSync('git', ['status', '--porcelain', '--untracked-files=no'], { cwd: ROOT, encoding: 'utf8' });
  return {
    commit: rev.status === 0 ? rev.stdout.trim() : null,
    dirty: dirty.status === 0 ? dirty.stdout.trim().length > 0 : null,
  };
}

function decidePinning() {
  const cores = cpu.allowedCores();
  if (!cpu.tasksetAvailable()) {
    warn('`taskset` is missing (Debian package util-linux): running UNPINNED — the server and wrk will compete for cores and the figures are less trustworthy.');
    return { pinned: false, serverCore: null, wrkCore: null, cores, warning: 'taskset missing' };
  }
  if (cores.length < 2) {
    warn(`only ${cores.length} core is available: running UNPINNED — the server and wrk share it and the figures are less trustworthy.`);
    return { pinned: false, serverCore: null, wrkCore: null, cores, warning: 'only one core' };
  }
  if (cores.length > 2) {
    log(`Note: ${cores.length} cores available; the server uses core ${cores[0]} and wrk core ${cores[1]}, the rest stay free.`);
  }
  return { pinned: true, serverCore: cores[0], wrkCore: cores[1], cores, warning: null };
}

function pinSelf(coreList) {
  const r = spawnSync('taskset', ['-a', '-cp', coreList, String(process.pid)], { stdio: 'ignore' });
  return r.status === 0;
}

async function main() {
  const opts = parseArgs(process.argv.slice(2));
  const startedAt = new Date();

  // The app reads .env; read it too so DATABASE_URL means the same to both.
  const envFile = join(ROOT, '.env');
  if (existsSync(envFile) && typeof process.loadEnvFile === 'function') process.loadEnvFile(envFile);

  let scenarios = loadScenarios();
  let inprocessBenches = loadInProcess();
  if (opts.list) {
    log('HTTP scenarios:');
    for (const s of scenarios) log(`  ${s.id.padEnd(16)} ${describe(s)}   "${s.name}"${s.target ? `, target ${JSON.stringify(s.target)}` : ''}`);
    log('In-process benchmarks:');
    for (const b of inprocessBenches) log(`  ${b.id.padEnd(16)} "${b.name}"`);
    log('(--only takes either the file name, as listed first, or the quoted name)');
    return 0;
  }
  if (opts.only.length) {
    // A benchmark answers to its name or to its file's name without .js.
    const picked = (b) => opts.only.includes(b.name) || opts.only.includes(b.id);
    const all = [...scenarios, ...inprocessBenches];
    const unknown = opts.only.filter((n) => !all.some((b) => b.name === n || b.id === n));
    if (unknown.length) {
      fail(`--only: no scenario or in-process benchmark named ${unknown.join(', ')}. Known: ${all.map((b) => b.id).join(', ') || '(none)'}`);
    }
    scenarios = scenarios.filter(picked);
    inprocessBenches = inprocessBenches.filter(picked);
  }

  if (!wrkAvailable()) {
    fail('`wrk` is not installed. Install it with:\n\n    apt-get install wrk\n\n(autocannon is no substitute here: it saturates near 5k req/s on this machine and under-reports).');
  }
  if (opts.rounds < 3) warn(`--rounds ${opts.rounds}: fewer than 3 rounds gives a fragile median; use it for quick checks only.`);

  const pin = decidePinning();
  await acquireLock();
  tmpDir = mkdtempSync(join(os.tmpdir(), 'bench-'));
  mkdirSync(RESULTS_DIR, { recursive: true });

  const exitCode = { value: 0 };
  const notes = [];
  const started = await startServer({
    root: ROOT,
    core: pin.serverCore,
    logFile: join(RESULTS_DIR, 'server.log'),
    track,
    log,
    onSpawn: (handle) => {
      server = handle;
    },
  });
  const ctx = { opts, pin, server: started };

  // The baseline must be what it claims: a 200 from the no-op route.
  const baselineReq = prepareRequest(BASELINE, {});
  const baseProbe = await probe(started.baseUrl, baselineReq);
  if (baseProbe.status !== 200) {
    throw new Error(`the baseline ${describe(BASELINE)} answered ${baseProbe.status ?? baseProbe.error}, not 200: no ratio can be computed`);
  }

  // Setup (seeding), then one request each to see what the route really answers.
  const setupCtx = { baseUrl: started.baseUrl, databaseUrl: started.databaseUrl, log: (m) => log(`  ${m}`) };
  const runnable = [];
  const failed = [];
  for (const s of scenarios) {
    try {
      const extra = s.setup ? headersFromSetup(await s.setup(setupCtx), s.file) : {};
      s.request = prepareRequest(s, extra);
    } catch (error) {
      const message = `setup failed: ${error && error.message ? error.message : String(error)}`;
      warn(`${s.name}: ${error && error.stack ? `setup failed: ${error.stack.split('\n').slice(0, 4).join('\n    ')}` : message}`);
      failed.push({ ...s, error: message });
      exitCode.value = 1;
      continue;
    }
    s.probe = await probe(started.baseUrl, s.request);
    if (s.probe.status === null || s.probe.status >= 400) {
      warn(`${s.name}: a single ${describe(s)} answered ${s.probe.status ?? s.probe.error}; it will be measured but FLAGGED — a fast error page is not a result.`);
    }
    runnable.push(s);
  }

  const targets = [{ name: 'baseline', request: baselineReq }, ...runnable.map((s) => ({ name: s.name, request: s.request }))];
  const perRoundS = targets.length * opts.duration;
  labelWidth = Math.max(...targets.map((t) => t.name.length));
  log(
    `Plan: warm-up ${opts.warmup} s x ${targets.length} route(s), then ${opts.rounds} round(s) of ${targets.map((t) => t.name).join(' + ')}` +
      ` at ${opts.duration} s each: about ${Math.ceil((targets.length * opts.warmup + opts.rounds * perRoundS) / 60)} min.`,
  );

  if (opts.warmup > 0) {
    log('Warm-up (not measured)…');
    for (const t of targets) {
      const m = await measure(t.request, ctx, opts.warmup);
      log(`  warm-up ${t.name.padEnd(labelWidth)} ${fmtRps(m.rps).padStart(8)} req/s  p99 ${fmtMs(m.p99Ms).padStart(7)} ms  wrk ${fmtPct(m.wrkCpuPercent)}`);
    }
  }

  // Rounds: the baseline first, then every scenario, the scenarios' order
  // rotating each round so none always runs right after the baseline.
  const baselineRounds = [];
  const scenarioRounds = new Map(runnable.map((s) => [s.name, []]));
  for (let round = 1; round <= opts.rounds; round++) {
    log(`Round ${round}/${opts.rounds}`);
    const b = await measure(baselineReq, ctx, opts.duration);
    baselineRounds.push(b);
    log(progressLine(round, 'baseline', b));
    const order = runnable.map((_, i) => runnable[(i + round - 1) % runnable.length]);
    for (const s of order) {
      const m = await measure(s.request, ctx, opts.duration);
      scenarioRounds.get(s.name).push(m);
      log(progressLine(round, s.name, m));
    }
  }

  // In-process benchmarks: the harness moves onto wrk's (now idle) core; the
  // server stays up and idle so a benchmark may use its database.
  const inprocess = [];
  if (inprocessBenches.length) {
    const pinned = pin.pinned && pinSelf(String(pin.wrkCore));
    log(`In-process benchmarks${pinned ? ` (harness pinned to core ${pin.wrkCore})` : ''}…`);
    for (const b of inprocessBenches) {
      try {
        const rows = await b.run({
          log: (m) => log(`  [${b.name}] ${m}`),
          baseUrl: started.baseUrl,
          databaseUrl: started.databaseUrl,
        });
        if (!Array.isArray(rows)) throw new Error('run() must return an array of { name, value, unit, ratio?, target? }');
        for (const row of rows) {
          if (!row || typeof row.name !== 'string' || row.value === undefined) {
            throw new Error(`run() returned a row without name and value: ${JSON.stringify(row)}`);
          }
        }
        inprocess.push({ name: b.name, file: b.file, rows: rows.map((r) => ({ ...r, met: inprocessTargetVerdict(r) })) });
      } catch (error) {
        inprocess.push({ name: b.name, file: b.file, error: error && error.message ? error.message : String(error) });
        exitCode.value = 1;
      }
    }
    if (pinned) pinSelf(pin.cores.join(','));
  }

  await cleanUp();

  // Summaries and report.
  const baselineSummary = {
    name: 'baseline',
    method: BASELINE.method,
    path: BASELINE.path,
    rounds: baselineRounds.map((m, i) => {
      const { wrkOutput, ...rest } = m;
      return { round: i + 1, ...rest };
    }),
    wrkOutputs: baselineRounds.map((m) => m.wrkOutput),
  };
  baselineSummary.median = {
    rps: median(baselineSummary.rounds.filter((r) => r.valid).map((r) => r.rps)),
    p99Ms: median(baselineSummary.rounds.filter((r) => r.valid).map((r) => r.p99Ms)),
  };
  const scenarioSummaries = runnable.map((s) => summarise(s, baselineRounds, scenarioRounds.get(s.name), opts));
  for (const f of failed) {
    scenarioSummaries.push({ name: f.name, file: f.file, method: f.method, path: f.path, error: f.error, rounds: [], flagged: [] });
  }

  const noisy = [...baselineSummary.rounds, ...scenarioSummaries.flatMap((s) => s.rounds)].filter(isNoisy);
  if (noisy.length) {
    notes.push(
      `${noisy.length} measurement(s) marked "noisy": other processes used > ${NOISY_PERCENT}% of a pinned core meanwhile. Absolute figures suffer most; the ratios, measured side by side, hold up better. Rerun on a quiet machine for figures to keep.`,
    );
  }
  if (!pin.pinned) notes.push(`UNPINNED run (${pin.warning}): the server and wrk competed for CPU.`);
  const invalid = [...baselineSummary.rounds, ...scenarioSummaries.flatMap((s) => s.rounds)].filter((r) => !r.valid);
  if (invalid.length) notes.push(`${invalid.length} measurement(s) INVALID (wrk over ${opts.maxWrkCpu}% of its core): excluded from the medians.`);

  const results = {
    startedAt: startedAt.toISOString(),
    finishedAt: new Date().toISOString(),
    git: gitInfo(),
    machine: {
      cpuModel: (os.cpus()[0] || {}).model || null,
      cores: pin.cores,
      loadavgAtEnd: os.loadavg(),
    },
    node: process.version,
    wrk: (spawnSync('wrk', ['--version'], { encoding: 'utf8' }).stdout || '').split('\n')[0].trim() || null,
    options: { ...opts, list: undefined },
    pin,
    server: {
      command: `${pin.pinned ? `taskset -c ${pin.serverCore} ` : ''}node dist/src/main.js`,
      env: { NODE_ENV: 'production', LOG_LEVEL: 'warn' },
      // An external DATABASE_URL may hold a real password: never written out.
      database: started.embedded ? `embedded PostgreSQL in ${EMBEDDED_PG_DIR} (${started.databaseUrl})` : 'DATABASE_URL (external)',
    },
    baseline: baselineSummary,
    scenarios: scenarioSummaries,
    inprocess,
    notes,
  };

  printReport(results, opts);
  printInProcess(inprocess);
  if (notes.length) {
    log('');
    for (const n of notes) log(`Note: ${n}`);
  }
  const out = join(RESULTS_DIR, 'latest.json');
  writeFileSync(out, `${JSON.stringify(results, null, 2)}\n`);
  log('');
  log(`Full results: ${out.replace(`${ROOT}/`, '')} (server log: bench/results/server.log)`);
  return exitCode.value;
}

main().then(
  (code) => process.exit(code),
  async (error) => {
    // Interrupted: the signal handler is stopping everything and will exit.
    if (shuttingDown) return;
    shuttingDown = true;
    process.stderr.write(`bench: ${error && error.message ? error.message : String(error)}\n`);
    await cleanUp().catch(() => undefined);
    process.exit(1);
  },
);
