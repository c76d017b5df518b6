'use strict';
// What there is to measure: the built-in baselines, the HTTP scenarios in
// bench/scenarios and the in-process benchmarks in bench/inprocess, grouped by
// the dataset each runs against.

const { existsSync, readdirSync } = require('node:fs');
const { basename, join } = require('node:path');
const { DATASETS, DEFAULT_DATASET, datasetNamed } = require('./datasets');
const { DOCX_PATH } = require('./anchor');

const BENCH_DIR = join(__dirname, '..');
const TARGET_KEYS = ['rpsRatio', 'anchorRatio', 'p99Ratio', 'p99Ms', 'p95Ms', 'rps'];
const ANCHORS = ['noop', 'docx'];

/**
 * Measured in every round of every dataset group. `server` says which process
 * answers. The portal's own no-op is the "own no-op" every scenario is compared
 * with, and is itself compared with the anchor's no-op (issue 16: >= 0.8x, p99 < 50 ms).
 */
const BASELINES = {
  nestNoop: { id: '_nest-noop', name: 'bare Nest no-op', server: 'anchor', method: 'GET', path: '/health/live', headers: {} },
  // The same bare app on the portal's HTTP adapter (common/http/express-adapter.ts): what that change alone gives
  // the framework, so the portal's no-op can also be read against a framework that has it.
  nestAdapterNoop: { id: '_nest-adapter-noop', name: 'bare Nest no-op, portal adapter', server: 'anchor', via: 'adapter', method: 'GET', path: '/health/live', headers: {} },
  nestDocx: { id: '_nest-docx', name: 'bare Nest same bytes', server: 'anchor', method: 'GET', path: DOCX_PATH, headers: {}, anchor: 'noop' },
  ownNoop: {
    id: '_own-noop',
    name: 'portal no-op',
    server: 'portal',
    method: 'GET',
    path: '/health/live',
    headers: {},
    anchor: 'noop',
    target: { anchorRatio: 0.8, p99Ms: 50 },
  },
};
const RESERVED = new Set(Object.values(BASELINES).map((b) => b.name));

const describe = (s) => `${s.method} ${s.path}`;

/** The *.js files of a folder, sorted; files starting with "_" are shared helpers, not benchmarks. */
function benchFiles(dir) {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => f.endsWith('.js') && !f.startsWith('_'))
    .sort()
    .map((f) => join(dir, f));
}

function checkDataset(where, dataset) {
  if (dataset === undefined) return DEFAULT_DATASET;
  if (!datasetNamed(dataset)) throw new Error(`${where}: unknown dataset "${dataset}"; known: ${DATASETS.map((d) => d.name).join(', ')} (bench/lib/datasets.js)`);
  return dataset;
}

function loadScenarios() {
  const scenarios = [];
  for (const file of benchFiles(join(BENCH_DIR, 'scenarios'))) {
    const s = require(file);
    const where = `bench/scenarios/${basename(file)}`;
    const bad = (what) => {
      throw new Error(`${where}: ${what}`);
    };
    if (!s || typeof s.name !== 'string' || !s.name.trim()) bad('must export a `name`');
    if (RESERVED.has(s.name)) bad(`the name "${s.name}" is reserved for a baseline`);
    if (typeof s.path !== 'string' || !s.path.startsWith('/')) bad('must export a `path` starting with /');
    if (s.setup !== undefined && typeof s.setup !== 'function') bad('`setup` must be a function');
    if (s.headers !== undefined && (typeof s.headers !== 'object' || s.headers === null)) bad('`headers` must be an object of header names to values');
    if (s.anchor !== undefined && !ANCHORS.includes(s.anchor)) bad(`\`anchor\` must be one of ${ANCHORS.join(', ')}`);
    if (s.target !== undefined) {
      const unknown = Object.keys(s.target).filter((k) => !TARGET_KEYS.includes(k));
      if (unknown.length) bad(`unknown target key(s) ${unknown.join(', ')}; use ${TARGET_KEYS.join(', ')}`);
    }
    if (scenarios.some((o) => o.name === s.name)) bad(`another scenario is already named "${s.name}"`);
    scenarios.push({
      file: where,
      id: basename(file, '.js'),
      name: s.name,
      server: 'portal',
      dataset: checkDataset(where, s.dataset),
      anchor: s.anchor || 'noop',
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
  return benchFiles(join(BENCH_DIR, 'inprocess')).map((file) => {
    const mod = require(file);
    const where = `bench/inprocess/${basename(file)}`;
    if (!mod || typeof mod.run !== 'function') throw new Error(`${where} must export \`async run(ctx)\``);
    return { file: where, id: basename(file, '.js'), name: mod.name || basename(file, '.js'), dataset: checkDataset(where, mod.dataset), run: mod.run };
  });
}

/** Keeps what `--only` names (a file name without .js, or the name); throws on a name nothing has. */
function select(scenarios, inprocess, only) {
  if (!only.length) return { scenarios, inprocess };
  const picked = (b) => only.includes(b.name) || only.includes(b.id);
  const all = [...scenarios, ...inprocess];
  const unknown = only.filter((n) => !all.some((b) => b.name === n || b.id === n));
  if (unknown.length) throw new Error(`--only: no scenario or in-process benchmark named ${unknown.join(', ')}. Known: ${all.map((b) => b.id).join(', ') || '(none)'}`);
  return { scenarios: scenarios.filter(picked), inprocess: inprocess.filter(picked) };
}

/** One group per dataset that has something to run, in the datasets' order. */
function groupByDataset(scenarios, inprocess) {
  return DATASETS.map((d) => ({
    dataset: d.name,
    description: d.description,
    scenarios: scenarios.filter((s) => s.dataset === d.name),
    inprocess: inprocess.filter((b) => b.dataset === d.name),
  })).filter((g) => g.scenarios.length || g.inprocess.length);
}

/** Turns `body` into a string and gives JSON a content type. */
function prepareRequest(s, extraHeaders = {}) {
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

module.exports = {
  BASELINES,
  TARGET_KEYS,
  describe,
  loadScenarios,
  loadInProcess,
  select,
  groupByDataset,
  prepareRequest,
  headersFromSetup,
};
