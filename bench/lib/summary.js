'use strict';
// From measurements to figures: per-round ratios to the baselines of the same
// round, their medians over valid rounds, errors, and each target's verdict.

const { median } = require('./stats');
const { describe } = require('./catalogue');

/**
 * @param {object} route  a baseline or scenario with `rounds` (measurements, one per round)
 * @param {object} refs   { own, nest, adapter, docx }: the baselines' rounds of the same group (docx may be null)
 */
function summariseRoute(route, refs) {
  const isOwn = route.key === 'ownNoop';
  const isNest = route.key === 'nestNoop';
  const perRound = route.rounds.map((m, i) => {
    const own = route.server === 'portal' && !isOwn ? refs.own[i] : null;
    const nest = isNest ? null : refs.nest[i];
    const docx = route.anchor === 'docx' && refs.docx ? refs.docx[i] : null;
    // The portal's routes also against bare Nest on the portal's own HTTP adapter (informative; no target uses it).
    const adapter = route.server === 'portal' && refs.adapter ? refs.adapter[i] : null;
    const refsUsed = [own, nest, docx].filter(Boolean);
    const badRef = refsUsed.find((r) => !r.valid);
    const nestRatio = nest ? m.rps / nest.rps : null;
    const docxRatio = docx ? m.rps / docx.rps : null;
    return {
      round: i + 1,
      ...m,
      ownRatio: own ? m.rps / own.rps : null,
      nestRatio,
      docxRatio,
      adapterRatio: adapter && adapter.valid ? m.rps / adapter.rps : null,
      anchorRatio: route.anchor === 'docx' ? docxRatio : nestRatio,
      p99Ratio: own ? m.p99Ms / own.p99Ms : null,
      cpuCostRatio: own && m.cpuUsPerRequest && own.cpuUsPerRequest ? m.cpuUsPerRequest / own.cpuUsPerRequest : null,
      valid: m.valid && !badRef,
      invalidReason: !m.valid ? m.invalidReason : badRef ? `a baseline of this round is invalid: ${badRef.invalidReason}` : null,
    };
  });
  const valid = perRound.filter((r) => r.valid);
  const med = (key) => median(valid.map((r) => r[key]));
  const non2xx = perRound.reduce((a, r) => a + r.non2xx, 0);
  const socketErrors = perRound.reduce((a, r) => a + r.socketErrorCount, 0);
  const requests = perRound.reduce((a, r) => a + (r.requests || 0), 0);
  const summary = {
    key: route.key,
    kind: route.kind,
    name: route.name,
    file: route.file,
    server: route.server,
    anchor: route.anchor,
    method: route.method,
    path: route.path,
    probe: route.probe,
    rounds: perRound.map(({ wrkOutput, ...rest }) => rest),
    wrkOutputs: perRound.map((r) => r.wrkOutput),
    validRounds: valid.length,
    median: {
      rps: med('rps'),
      p95Ms: med('p95Ms'),
      p99Ms: med('p99Ms'),
      ownRatio: med('ownRatio'),
      nestRatio: med('nestRatio'),
      docxRatio: med('docxRatio'),
      adapterRatio: med('adapterRatio'),
      anchorRatio: med('anchorRatio'),
      p99Ratio: med('p99Ratio'),
      cpuUsPerRequest: med('cpuUsPerRequest'),
      cpuCostRatio: med('cpuCostRatio'),
      logBytesPerRequest: med('logBytesPerRequest'),
    },
    requests,
    non2xx,
    socketErrors,
    flagged: [],
  };
  if (non2xx > 0) summary.flagged.push(`${non2xx} of ${requests} responses were not 2xx/3xx: the figures measure errors, not the route`);
  if (socketErrors > 0) summary.flagged.push(`${socketErrors} socket errors (connect/read/write/timeout)`);
  if (route.probe && (route.probe.status === null || route.probe.status >= 400)) {
    summary.flagged.push(`a single ${describe(route)} answered ${route.probe.status === null ? route.probe.error : route.probe.status}`);
  }
  if (valid.length === 0) summary.flagged.push('no valid round: no medians');
  if (route.target) summary.target = checkTarget(route.target, summary);
  return summary;
}

/** Each target key against the medians; never met by a run with errors or without a valid round. */
function checkTarget(target, s) {
  const m = s.median;
  const anchorLabel = s.anchor === 'docx' ? '÷ Nest same bytes' : '÷ Nest no-op';
  const checks = [];
  const min = (key, got, want, label) => checks.push({ key, want, got, met: got !== null && got >= want, text: `${label} >= ${want}`, miss: `${label} ${fmt(got)} < ${want}` });
  const max = (key, got, want, label) => checks.push({ key, want, got, met: got !== null && got <= want, text: `${label} <= ${want}`, miss: `${label} ${fmt(got)} > ${want}` });
  if (target.anchorRatio !== undefined) min('anchorRatio', m.anchorRatio, target.anchorRatio, anchorLabel);
  if (target.rpsRatio !== undefined) min('rpsRatio', m.ownRatio, target.rpsRatio, '÷ own no-op');
  if (target.rps !== undefined) min('rps', m.rps, target.rps, 'req/s');
  if (target.p95Ms !== undefined) max('p95Ms', m.p95Ms, target.p95Ms, 'p95 ms');
  if (target.p99Ms !== undefined) max('p99Ms', m.p99Ms, target.p99Ms, 'p99 ms');
  if (target.p99Ratio !== undefined) max('p99Ratio', m.p99Ratio, target.p99Ratio, 'p99 ÷ own no-op');
  const clean = s.non2xx === 0 && s.socketErrors === 0 && s.validRounds > 0;
  return { checks, met: clean && checks.every((c) => c.met), clean };
}

function fmt(x) {
  if (x === null || x === undefined) return 'none';
  return Math.abs(x) >= 10 ? x.toFixed(0) : x.toFixed(2);
}

/** "anchor >= 0.8, p99 ms <= 50" */
function targetText(target) {
  return target ? target.checks.map((c) => c.text).join(', ') : '';
}

/** "met" / "NOT met: ÷ Nest no-op 0.41 < 0.8; p99 ms 62 > 50" / "" */
function verdictText(target) {
  if (!target) return '';
  if (target.met) return 'met';
  const misses = target.checks.filter((c) => !c.met).map((c) => c.miss);
  if (!target.clean) misses.push('errors or no valid round');
  return `NOT met: ${misses.join('; ')}`;
}

/** A row of an in-process benchmark: `met` as given, else from { max, min, ratioMax, ratioMin }; null without a target. */
function inprocessVerdict(row) {
  if (typeof row.met === 'boolean') return row.met;
  const t = row.target;
  if (!t || typeof t !== 'object') return null;
  const v = row.value;
  const r = row.ratio;
  const tests = [];
  if (t.max !== undefined) tests.push(typeof v === 'number' && v <= t.max);
  if (t.min !== undefined) tests.push(typeof v === 'number' && v >= t.min);
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

module.exports = { summariseRoute, checkTarget, targetText, verdictText, inprocessVerdict, inprocessTargetText };
