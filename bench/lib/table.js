'use strict';
// Plain-text tables and number formats for the report.

/**
 * @param {string[]} headers
 * @param {Array<Array<string|number|null>>} rows
 * @param {string} [align] one letter per column: 'l' or 'r' (default: first left, rest right)
 */
function table(headers, rows, align) {
  const cells = [headers, ...rows].map((r) => r.map((c) => (c === null || c === undefined ? '-' : String(c))));
  const widths = headers.map((_, i) => Math.max(...cells.map((r) => (r[i] || '').length)));
  const al = align || headers.map((_, i) => (i === 0 ? 'l' : 'r')).join('');
  const line = (r) =>
    r
      .map((c, i) => (al[i] === 'l' ? c.padEnd(widths[i]) : c.padStart(widths[i])))
      .join('  ')
      .trimEnd();
  const rule = widths.map((w) => '-'.repeat(w)).join('  ');
  return [line(cells[0]), rule, ...cells.slice(1).map(line)].join('\n');
}

const fmtRps = (x) => (x === null || x === undefined ? null : x >= 100 ? x.toFixed(0) : x.toFixed(1));
const fmtMs = (x) => (x === null || x === undefined ? null : x >= 100 ? x.toFixed(0) : x >= 10 ? x.toFixed(1) : x.toFixed(2));
const fmtRatio = (x) => (x === null || x === undefined ? null : x.toFixed(3));
const fmtUs = (x) => (x === null || x === undefined ? null : x.toFixed(0));
const fmtPct = (x) => (x === null || x === undefined ? null : `${x.toFixed(0)}%`);

module.exports = { table, fmtRps, fmtMs, fmtRatio, fmtPct, fmtUs };
