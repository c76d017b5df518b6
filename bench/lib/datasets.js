'use strict';
// The databases scenarios run against. Each dataset gets its own embedded
// PostgreSQL cluster (its own data folder) and its own portal server, so what
// one seeds never shows in another's figures: the 20,000-affiliate list does
// not slow the 2,000-affiliate scenarios, nor do the admin scenarios' 10,000
// branches (thousands of them listed) join the public list. Groups run one
// after another, so all use the same port. A scenario or in-process benchmark
// names its dataset with `dataset: '<name>'`; without one it runs in the first.

const DATASETS = [
  { name: '2k', description: '2,000 public affiliates (the public scenarios seed them)' },
  { name: 'admin', description: '10,000 branches with their affiliations and books (the admin scenarios seed them)' },
  { name: '20k', description: '20,000 public affiliates (growth: the 20k scenarios seed them)' },
];
const DEFAULT_DATASET = DATASETS[0].name;

/** Base of the clusters' data folders (BENCH_PG_DIR) and their port (BENCH_PG_PORT), apart from a developer's own. */
function clusterBase(env = process.env) {
  const port = Number(env.BENCH_PG_PORT || 54350);
  if (!Number.isInteger(port) || port < 1024 || port > 65535) throw new Error(`BENCH_PG_PORT must be a TCP port above 1023 (got "${env.BENCH_PG_PORT}")`);
  return { dir: (env.BENCH_PG_DIR || '.data/bench-postgres').replace(/\/+$/, ''), port };
}

/** Where a dataset's cluster lives: `<BENCH_PG_DIR>-<dataset>`, e.g. .data/bench-postgres-20k. */
function clusterFor(dataset, env = process.env) {
  const base = clusterBase(env);
  return { dir: `${base.dir}-${dataset}`, port: base.port };
}

function datasetNamed(name) {
  return DATASETS.find((d) => d.name === name);
}

module.exports = { DATASETS, DEFAULT_DATASET, clusterFor, datasetNamed };
