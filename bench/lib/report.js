'use strict';
// The printed report: per-round detail per dataset group, one summary table
// with both baselines' ratios and each target's verdict, the in-process
// benchmarks and the portals' memory.

const { describe } = require('./catalogue');
const { isNoisy, NOISY_PERCENT } = require('./measure');
const { targetText, verdictText, inprocessTargetText } = require('./summary');
const { table, fmtRps, fmtMs, fmtRatio, fmtPct, fmtUs } = require('./table');

/** Issue 16: the portal's resident memory after the whole bench. */
const RSS_TARGET_MB = 250;

const short = (text, max = 34) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);
const fmtBytes = (x) => (x === null || x === undefined ? null : x.toFixed(0));

function header(results, log) {
  const { opts, pin } = results;
  log('');
  log('='.repeat(100));
  log(`HTTP results: ${opts.rounds} round(s) x ${opts.duration} s, ${opts.connections} connections, wrk -t1` +
    (pin.pinned ? `; the portal and the anchor on core ${pin.serverCore}, wrk on core ${pin.wrkCore}` : '; UNPINNED'));
  log('Two baselines, measured in every round of every dataset group, side by side with the scenarios:');
  log('  ÷ own no-op       req/s as a ratio to the portal\'s own GET /health/live (no I/O, the whole middleware stack)');
  log('  ÷ Nest no-op      req/s as a ratio to a bare NestJS app\'s no-op (bench/anchor: the framework alone)');
  log('  ÷ Nest same bytes (documents) req/s as a ratio to bare Nest sending the same .docx bytes from memory');
  log('Each is the median of per-round ratios over valid rounds. 1.0 = as fast as that baseline; higher is better.');
  log(`A run where wrk used > ${opts.maxWrkCpu}% of its core is INVALID (excluded). "other" = busy time on that core used by`);
  log('neither the server (with its database) nor wrk. "CPU us/req" = server CPU per request; "log B/req" = request log written.');
}

function detail(group, log) {
  for (const s of group.routes) {
    log('');
    const probe = s.probe ? `  (single request: ${s.probe.status === null ? s.probe.error : `${s.probe.status}, ${s.probe.bytes} bytes`})` : '';
    log(`[${group.dataset}] ${s.kind === 'baseline' ? 'Baseline' : 'Scenario'} ${s.name}: ${s.server === 'anchor' ? 'anchor ' : ''}${describe(s)}${probe}`);
    const rows = s.rounds.map((r) => [
      r.round,
      fmtRps(r.rps),
      fmtMs(r.p99Ms),
      fmtRatio(r.ownRatio),
      fmtRatio(r.nestRatio),
      fmtRatio(r.docxRatio),
      fmtPct(r.wrkCpuPercent),
      fmtPct(r.serverCpuPercent),
      fmtUs(r.cpuUsPerRequest),
      fmtBytes(r.logBytesPerRequest),
      r.serverCoreOtherPercent === null ? null : `${fmtPct(r.serverCoreOtherPercent)}/${fmtPct(r.wrkCoreOtherPercent)}`,
      r.non2xx + r.socketErrorCount,
      r.valid ? (isNoisy(r) ? 'valid (noisy)' : 'valid') : `INVALID: ${r.invalidReason}`,
    ]);
    const m = s.median;
    rows.push(['median', fmtRps(m.rps), fmtMs(m.p99Ms), fmtRatio(m.ownRatio), fmtRatio(m.nestRatio), fmtRatio(m.docxRatio), null, null,
      fmtUs(m.cpuUsPerRequest), fmtBytes(m.logBytesPerRequest), null, null, `${s.validRounds}/${s.rounds.length} valid`]);
    log(table(['round', 'req/s', 'p99 ms', '÷ own', '÷ Nest', '÷ bytes', 'wrk CPU', 'srv CPU', 'CPU us/req', 'log B/req', 'other srv/wrk', 'errors', 'status'], rows, 'lrrrrrrrrrrrl'));
    for (const f of s.flagged) log(`  FLAGGED: ${f}`);
  }
}

function summaryTable(groups, log) {
  log('');
  log('Summary (medians over valid rounds; targets from issue 16 where it sets them)');
  const rows = [];
  for (const g of groups) {
    for (const s of g.routes) {
      rows.push([
        g.dataset,
        s.server === 'anchor' ? `(${s.name})` : s.name,
        short(describe(s)),
        fmtRps(s.median.rps),
        fmtMs(s.median.p95Ms),
        fmtMs(s.median.p99Ms),
        fmtRatio(s.median.ownRatio),
        fmtRatio(s.median.nestRatio),
        fmtRatio(s.median.docxRatio),
        fmtRatio(s.median.adapterRatio),
        fmtUs(s.median.cpuUsPerRequest),
        fmtBytes(s.median.logBytesPerRequest),
        `${s.validRounds}/${s.rounds.length}`,
        s.non2xx + s.socketErrors,
        targetText(s.target) || null,
        [s.flagged.length ? 'FLAGGED' : '', verdictText(s.target)].filter(Boolean).join(', ') || null,
      ]);
    }
    for (const f of g.failed) rows.push([g.dataset, f.name, short(describe(f)), null, null, null, null, null, null, null, null, null, null, null, null, `ERROR: ${f.error}`]);
  }
  log(
    table(
      ['dataset', 'route', 'request', 'req/s', 'p95 ms', 'p99 ms', '÷ own no-op', '÷ Nest no-op', '÷ Nest bytes', '÷ Nest+adapter', 'CPU us/req', 'log B/req', 'valid', 'errors', 'target', 'verdict'],
      rows,
      'lllrrrrrrrrrrrll',
    ),
  );
  log('(bracketed routes are the anchor\'s; "÷ Nest bytes" only for routes declaring anchor: \'docx\'; "÷ Nest+adapter": against bare Nest on the portal\'s HTTP adapter, for information)');
}

function inprocessTable(groups, log) {
  const all = groups.flatMap((g) => g.inprocess);
  if (!all.length) return;
  log('');
  log('In-process benchmarks');
  const rows = [];
  for (const b of all) {
    if (b.error) {
      rows.push([b.dataset, b.name, 'ERROR', null, null, null, b.error]);
      continue;
    }
    for (const row of b.rows) {
      rows.push([
        b.dataset,
        `${b.name}: ${row.name}`,
        `${typeof row.value === 'number' ? Number(row.value.toPrecision(6)) : row.value} ${row.unit || ''}`.trim(),
        typeof row.ratio === 'number' ? fmtRatio(row.ratio) : row.ratio,
        inprocessTargetText(row.target),
        row.met === null || row.met === undefined ? null : row.met ? 'met' : 'NOT met',
        row.note || '',
      ]);
    }
  }
  log(table(['dataset', 'benchmark', 'value', 'ratio', 'target', 'verdict', 'note'], rows, 'llrrlll'));
}

/** The portals' memory at the end of their group, against the issue's 250 MB; returns whether all met it. */
function memoryTable(groups, log) {
  log('');
  log(`Memory at the end of each group (VmRSS from /proc; target: portal RSS <= ${RSS_TARGET_MB} MB after the bench)`);
  const rows = [];
  let allMet = true;
  for (const g of groups) {
    const p = g.memory.portal;
    const met = p ? p.rssMb <= RSS_TARGET_MB : false;
    allMet = allMet && met;
    rows.push([g.dataset, 'portal', p ? p.rssMb.toFixed(0) : null, p ? p.peakRssMb.toFixed(0) : null, `<= ${RSS_TARGET_MB}`, met ? 'met' : 'NOT met']);
  }
  const last = groups[groups.length - 1];
  const a = last && last.memory.anchor;
  if (a) rows.push(['(all)', 'anchor', a.rssMb.toFixed(0), a.peakRssMb.toFixed(0), null, null]);
  log(table(['dataset', 'process', 'RSS MB', 'peak MB', 'target', 'verdict'], rows, 'llrrll'));
  return allMet;
}

function notesFor(results) {
  const notes = [];
  const rounds = results.groups.flatMap((g) => g.routes.flatMap((s) => s.rounds));
  const noisy = rounds.filter(isNoisy);
  if (noisy.length) {
    notes.push(`${noisy.length} of ${rounds.length} measurement(s) marked "noisy": other processes used > ${NOISY_PERCENT}% of a pinned core meanwhile.` +
      ' Absolute figures suffer most; the ratios, measured side by side, hold up better. Rerun on a quiet machine for figures to keep.');
  }
  if (!results.pin.pinned) notes.push(`UNPINNED run (${results.pin.warning}): the servers and wrk competed for CPU.`);
  const invalid = rounds.filter((r) => !r.valid);
  if (invalid.length) notes.push(`${invalid.length} measurement(s) INVALID (wrk over ${results.opts.maxWrkCpu}% of its core, or a baseline of their round was): excluded from the medians.`);
  return notes;
}

function printReport(results, log) {
  header(results, log);
  for (const g of results.groups) detail(g, log);
  summaryTable(results.groups, log);
  inprocessTable(results.groups, log);
  results.memoryMet = memoryTable(results.groups, log);
  results.notes = notesFor(results);
  if (results.notes.length) log('');
  for (const n of results.notes) log(`Note: ${n}`);
}

module.exports = { printReport, RSS_TARGET_MB };
