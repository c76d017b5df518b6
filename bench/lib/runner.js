'use strict';
// Runs one dataset group: its own portal server (and the shared anchor), the
// scenarios' setup, a warm-up, the rounds — baselines and scenarios side by
// side — then the group's in-process benchmarks and the portal's memory.

const { spawnSync } = require('node:child_process');
const { statSync } = require('node:fs');
const { join } = require('node:path');
const { startAnchor, captureDocx } = require('./anchor');
const { BASELINES, describe, prepareRequest, headersFromSetup } = require('./catalogue');
const { measure, probe } = require('./measure');
const { memoryMb } = require('./proc');
const { startServer } = require('./server');
const { summariseRoute, inprocessVerdict } = require('./summary');
const { fmtMs, fmtPct, fmtRps } = require('./table');

function pinSelf(coreList) {
  return spawnSync('taskset', ['-a', '-cp', coreList, String(process.pid)], { stdio: 'ignore' }).status === 0;
}

const errorText = (error) => (error && error.message ? error.message : String(error));

/** The anchor, started once (after the first portal, whose generic motion it sends) and shared by every group. */
async function ensureAnchor(run, portal) {
  if (run.anchor) return run.anchor;
  const docx = await captureDocx(portal.baseUrl, run.life.tmpDir());
  run.log(`Anchor's docx: ${docx.bytes} bytes of the portal's generic model motion, with its ${Object.keys(docx.headers).join(', ')}.`);
  run.anchor = await startAnchor({
    root: run.root,
    core: run.pin.serverCore,
    logFile: join(run.resultsDir, 'anchor.log'),
    docxSpecFile: docx.specFile,
    track: run.life.track,
    log: run.log,
  });
  run.anchor.docx = { bytes: docx.bytes, headers: docx.headers };
  run.life.addServer(run.anchor);
  return run.anchor;
}

/** Seeds and signs in for each scenario, then sends each route one request to see what it answers. */
async function prepareRoutes(run, group, portal, anchor) {
  const serverOf = (r) => (r.server !== 'anchor' ? portal : r.via === 'adapter' ? { ...anchor, baseUrl: anchor.adapterBaseUrl } : anchor);
  const needDocx = group.scenarios.some((s) => s.anchor === 'docx');
  const baselines = [
    { key: 'nestNoop', kind: 'baseline', ...BASELINES.nestNoop },
    { key: 'ownNoop', kind: 'baseline', ...BASELINES.ownNoop },
    { key: 'nestAdapterNoop', kind: 'baseline', ...BASELINES.nestAdapterNoop },
    ...(needDocx ? [{ key: 'nestDocx', kind: 'baseline', ...BASELINES.nestDocx }] : []),
  ];
  for (const b of baselines) {
    b.request = prepareRequest(b);
    b.probe = await probe(serverOf(b).baseUrl, b.request);
    if (b.probe.status !== 200) throw new Error(`the baseline ${b.name} (${describe(b)}) answered ${b.probe.status ?? b.probe.error}, not 200: no ratio can be computed`);
  }
  const setupCtx = { baseUrl: portal.baseUrl, databaseUrl: portal.databaseUrl, log: (m) => run.log(`  ${m}`) };
  const scenarios = [];
  const failed = [];
  for (const s of group.scenarios) {
    const route = { ...s, key: s.id, kind: 'scenario' };
    try {
      route.request = prepareRequest(s, s.setup ? headersFromSetup(await s.setup(setupCtx), s.file) : {});
    } catch (error) {
      run.warn(`${s.name}: setup failed: ${error && error.stack ? error.stack.split('\n').slice(0, 4).join('\n    ') : errorText(error)}`);
      failed.push({ ...route, error: `setup failed: ${errorText(error)}` });
      continue;
    }
    route.probe = await probe(portal.baseUrl, route.request);
    if (route.probe.status === null || route.probe.status >= 400) {
      run.warn(`${s.name}: a single ${describe(s)} answered ${route.probe.status ?? route.probe.error}; it will be measured but FLAGGED — a fast error page is not a result.`);
    }
    scenarios.push(route);
  }
  return { baselines, scenarios, failed, serverOf };
}

function progressLine(round, label, width, m) {
  const errs = m.non2xx + m.socketErrorCount;
  return (
    `  ${round} ${label.padEnd(width)} ${fmtRps(m.rps).padStart(8)} req/s  p99 ${fmtMs(m.p99Ms).padStart(7)} ms` +
    `  wrk ${fmtPct(m.wrkCpuPercent).padStart(4)}  server ${fmtPct(m.serverCpuPercent).padStart(4)}` +
    `${errs ? `  ERRORS ${errs}` : ''}${m.valid ? '' : '  INVALID'}`
  );
}

/** Round N: the two no-ops first (which of them leads alternates), the docx anchor, then the scenarios, rotating. */
function roundOrder(baselines, scenarios, round) {
  const nest = baselines.find((b) => b.key === 'nestNoop');
  const own = baselines.find((b) => b.key === 'ownNoop');
  const rest = baselines.filter((b) => b !== nest && b !== own);
  const rotated = scenarios.map((_, i) => scenarios[(i + round - 1) % scenarios.length]);
  return [...(round % 2 ? [nest, own] : [own, nest]), ...rest, ...rotated];
}

async function runInProcess(run, group, portal) {
  const results = [];
  if (!group.inprocess.length) return results;
  const pinned = run.pin.pinned && pinSelf(String(run.pin.wrkCore));
  run.log(`In-process benchmarks${pinned ? ` (harness on core ${run.pin.wrkCore})` : ''}…`);
  for (const b of group.inprocess) {
    try {
      const rows = await b.run({
        log: (m) => run.log(`  [${b.name}] ${m}`),
        baseUrl: portal.baseUrl,
        databaseUrl: portal.databaseUrl,
        dataset: group.dataset,
        root: run.root,
        pin: run.pin,
        portal: { pid: portal.pid, pause: portal.pause, resume: portal.resume },
        track: run.life.track,
        resultsDir: run.resultsDir,
      });
      if (!Array.isArray(rows)) throw new Error('run() must return an array of { name, value, unit, ratio?, target? }');
      for (const row of rows) {
        if (!row || typeof row.name !== 'string' || row.value === undefined) throw new Error(`run() returned a row without name and value: ${JSON.stringify(row)}`);
      }
      results.push({ name: b.name, file: b.file, dataset: group.dataset, rows: rows.map((r) => ({ ...r, met: inprocessVerdict(r) })) });
    } catch (error) {
      run.warn(`${b.name}: ${error && error.stack ? error.stack.split('\n').slice(0, 6).join('\n    ') : errorText(error)}`);
      results.push({ name: b.name, file: b.file, dataset: group.dataset, error: errorText(error) });
    }
  }
  if (pinned) pinSelf(run.pin.cores.join(','));
  return results;
}

/**
 * @param {object} run    { root, opts, pin, life, log, warn, resultsDir, anchor? }
 * @param {object} group  { dataset, description, scenarios, inprocess }
 */
async function runGroup(run, group) {
  const { opts, life, log } = run;
  log('');
  log(`== Dataset ${group.dataset}: ${group.description}`);
  const portal = await startServer({
    root: run.root,
    dataset: group.dataset,
    core: run.pin.serverCore,
    logFile: join(run.resultsDir, `server-${group.dataset}.log`),
    track: life.track,
    log,
    onSpawn: (s) => life.addServer(s),
  });
  portal.logStartBytes = statSync(portal.logFile).size;
  const anchor = await ensureAnchor(run, portal);
  const { baselines, scenarios, failed, serverOf } = await prepareRoutes(run, group, portal, anchor);

  // The baselines are there to compare scenarios with: a group of in-process benchmarks alone skips the rounds.
  const routes = group.scenarios.length ? [...baselines, ...scenarios] : [];
  for (const r of baselines) r.rounds = [];
  const ctx = { opts, pin: run.pin, tmpDir: life.tmpDir(), track: life.track };
  const width = Math.max(0, ...routes.map((r) => r.name.length));
  if (routes.length) log(`Plan: warm-up ${opts.warmup} s x ${routes.length} route(s), then ${opts.rounds} round(s) of ${routes.length} x ${opts.duration} s:` +
    ` about ${Math.ceil((routes.length * (opts.warmup + opts.rounds * opts.duration)) / 60)} min.`);
  if (opts.warmup > 0 && routes.length) {
    log('Warm-up (not measured)…');
    for (const r of routes) log(progressLine('warm-up', r.name, width, await measure(serverOf(r), r.request, ctx, opts.warmup)));
  }
  for (const r of routes) r.rounds = [];
  for (let round = 1; routes.length && round <= opts.rounds; round++) {
    log(`Round ${round}/${opts.rounds}`);
    for (const r of roundOrder(baselines, scenarios, round)) {
      const m = await measure(serverOf(r), r.request, ctx, opts.duration);
      r.rounds.push(m);
      log(progressLine(`round ${round}`, r.name, width, m));
    }
  }

  const inprocess = await runInProcess(run, group, portal);
  const memory = { portal: memoryMb(portal.pid), anchor: memoryMb(anchor.pid) };
  log(`Portal memory at the end of the ${group.dataset} group: RSS ${memory.portal ? memory.portal.rssMb.toFixed(0) : '?'} MB (peak ${memory.portal ? memory.portal.peakRssMb.toFixed(0) : '?'} MB).`);
  log('Stopping the portal…');
  await life.stopServer(portal);

  const refs = {
    own: baselines.find((b) => b.key === 'ownNoop').rounds,
    nest: baselines.find((b) => b.key === 'nestNoop').rounds,
    adapter: baselines.find((b) => b.key === 'nestAdapterNoop').rounds,
    docx: (baselines.find((b) => b.key === 'nestDocx') || {}).rounds || null,
  };
  return {
    dataset: group.dataset,
    description: group.description,
    portal: { command: portal.command, env: portal.env, database: portal.embedded ? `embedded PostgreSQL in ${portal.clusterDir}` : 'DATABASE_URL (external)' },
    memory,
    routes: routes.map((r) => summariseRoute(r, refs)),
    failed: failed.map((f) => ({ name: f.name, file: f.file, method: f.method, path: f.path, error: f.error })),
    inprocess,
  };
}

module.exports = { runGroup };
