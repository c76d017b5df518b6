'use strict';
// Child process of the snapshot-rebuild benchmark (bench/inprocess/snapshot-rebuild.js).
// Boots the built app as main.ts does, against DATABASE_URL (the 20k dataset),
// then, several times: changes one listed branch in the database (as an admin
// or a secretary would), and measures — from the outside of PublicListService,
// which it does not change — how long the rebuild takes and how far the event
// loop is held up meanwhile (perf_hooks.monitorEventLoopDelay, 1 ms resolution),
// then the same for the first requests of the public pages after it.
// Writes its figures as JSON to REBUILD_RESULT_FILE.

require('reflect-metadata');
const { writeFileSync } = require('node:fs');
const { join } = require('node:path');
const { monitorEventLoopDelay, performance } = require('node:perf_hooks');
const { Client } = require('pg');

const DIST = join(__dirname, '..', '..', 'dist', 'src');
const ITERATIONS = Number(process.env.REBUILD_ITERATIONS || 7);
const BRANCH_NAME = 'Bench Public 00001';
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** Runs `fn` while a fresh event-loop-delay histogram records; returns its result, the wall time and the worst delay. */
async function watched(fn) {
  // libuv caches the loop's time at the start of each turn and the histogram samples with a timer:
  // start on a fresh turn, and end only after a few more turns, or a block at the very end of the
  // window (the rebuild's synchronous part, just before the new list is seen) would be missed.
  await sleep(2);
  const h = monitorEventLoopDelay({ resolution: 1 });
  h.enable();
  const started = performance.now();
  try {
    const value = await fn(started);
    const ms = performance.now() - started;
    await sleep(10);
    return { value, ms, h };
  } finally {
    h.disable();
  }
}
const maxDelay = (h) => (h.count > 0 ? h.max / 1e6 : 0);

async function timedGet(url, headers) {
  const started = performance.now();
  const res = await fetch(url, { headers });
  // fetch decodes gzip: the decoded size, and the size sent when the response says it.
  const bytes = (await res.arrayBuffer()).byteLength;
  if (res.status !== 200) throw new Error(`GET ${url} answered ${res.status}`);
  const sent = Number(res.headers.get('content-length')) || null;
  return { ms: performance.now() - started, bytes, sent };
}

async function main() {
  const { NestFactory } = require('@nestjs/core');
  const { AppModule } = require(join(DIST, 'app.module.js'));
  const { configureApp } = require(join(DIST, 'app.setup.js'));
  const { loadDatabaseConfig } = require(join(DIST, 'config', 'database.config.js'));
  const { PublicListService } = require(join(DIST, 'public-list', 'public-list.service.js'));
  const { PublicListRepository } = require(join(DIST, 'public-list', 'public-list.repository.js'));

  const db = loadDatabaseConfig();
  if (!db.url) throw new Error('DATABASE_URL must be set (the 20k dataset)');
  const app = await NestFactory.create(AppModule.forRoot({ database: { url: db.url, poolSize: db.poolSize, limits: db.limits } }), {
    bufferLogs: true,
    bodyParser: false,
  });
  configureApp(app);
  const port = Number(process.env.PORT);
  await app.listen(port, '127.0.0.1');
  const base = `http://127.0.0.1:${port}`;
  const service = app.get(PublicListService);

  // Times every read of the whole list (the repository is the service's, a singleton): the rebuild starts there.
  const repository = app.get(PublicListRepository);
  const reads = [];
  const instrumented = typeof repository.findListedBranches === 'function';
  if (instrumented) {
    const original = repository.findListedBranches.bind(repository);
    repository.findListedBranches = async (...args) => {
      const read = { start: performance.now(), end: null };
      reads.push(read);
      try {
        return await original(...args);
      } finally {
        read.end = performance.now();
      }
    };
  }

  for (let i = 0; i < 100 && !service.listening; i++) await sleep(100);
  if (!service.listening) throw new Error('the public list never started LISTENing');
  const pages = [
    { name: 'page', url: `${base}/affiliates`, headers: { 'Accept-Encoding': 'gzip' } },
    { name: 'json', url: `${base}/api/public/affiliates`, headers: { Accept: 'application/json' } },
  ];
  // Warm: the first list, the first renders, the code paths.
  await service.current();
  for (const p of pages) await timedGet(p.url, p.headers);

  const client = new Client({ connectionString: db.url });
  await client.connect();
  const iterations = [];
  try {
    const { rows } = await client.query('SELECT id FROM branches WHERE name = $1', [BRANCH_NAME]);
    if (!rows.length) throw new Error(`no branch named "${BRANCH_NAME}": seed the 20k dataset first`);
    const branchId = rows[0].id;
    for (let i = 0; i < ITERATIONS + 1; i++) {
      await sleep(300); // quiet before each change
      const before = await service.current();
      const readsBefore = reads.length;
      // Off the list, then back on: each change is a new version of the list.
      const listed = i % 2 === 1;
      const rebuild = await watched(async (started) => {
        await client.query('UPDATE branches SET list_publicly = $2 WHERE id = $1', [branchId, listed]);
        const committedAt = performance.now();
        const deadline = started + 10_000;
        // Left to the service's own NOTIFY → debounce → rebuild: current() is not called until the
        // read is done, since a call while the list is stale would start the rebuild itself.
        while (instrumented && !(reads.length > readsBefore && reads[readsBefore].end !== null)) {
          if (performance.now() > deadline) throw new Error('the list was not read again within 10 s of the change');
          await sleep(1);
        }
        while ((await service.current()) === before) {
          if (performance.now() > deadline) throw new Error('the list was not rebuilt within 10 s of the change');
          await sleep(1);
        }
        return { committedAt, installedAt: performance.now() };
      });
      const read = reads[readsBefore];
      const render = await watched(async () => {
        const out = {};
        for (const p of pages) out[p.name] = await timedGet(p.url, p.headers);
        return out;
      });
      const snapshot = await service.current();
      // The first change warms the rebuild path; it is not counted.
      if (i === 0) continue;
      iterations.push({
        listed: snapshot.entries.length,
        changeToInstalledMs: rebuild.value.installedAt - rebuild.value.committedAt,
        rebuildMs: read ? rebuild.value.installedAt - read.start : null,
        queryMs: read && read.end !== null ? read.end - read.start : null,
        reads: reads.length - readsBefore,
        rebuildMaxDelayMs: maxDelay(rebuild.h),
        firstPageMs: render.value.page.ms,
        firstPageBytes: render.value.page.bytes,
        firstPageSent: render.value.page.sent,
        firstJsonMs: render.value.json.ms,
        renderMaxDelayMs: maxDelay(render.h),
      });
    }
  } finally {
    await client.query('UPDATE branches SET list_publicly = true WHERE name = $1', [BRANCH_NAME]).catch(() => undefined);
    await client.end();
  }
  writeFileSync(process.env.REBUILD_RESULT_FILE, JSON.stringify({ iterations, instrumented }));
  await app.close();
}

main().then(
  () => process.exit(0),
  (error) => {
    process.stderr.write(`snapshot-rebuild child: ${error && error.stack ? error.stack : String(error)}\n`);
    process.exit(1);
  },
);
