'use strict';
// Command-line options of `npm run bench`.

const DEFAULTS = {
  rounds: 3,
  duration: 10,
  warmup: 3,
  // As issue 16's table: the server saturates from about 4 connections; 16 adds some queueing, as a spike would.
  connections: 16,
  maxWrkCpu: 70,
  timeout: 10,
};

const USAGE = `Usage: npm run bench -- [options]

  --only NAME[,NAME]   run only these scenarios / in-process benchmarks (repeatable)
  --rounds N           measured rounds, each the baselines + every scenario (default ${DEFAULTS.rounds})
  --duration S         seconds per measurement (default ${DEFAULTS.duration})
  --warmup S           warm-up seconds per route before round 1 (default ${DEFAULTS.warmup}; 0 skips)
  --connections N      wrk connections (default ${DEFAULTS.connections})
  --max-wrk-cpu P      a run where wrk used more than P % of its core is INVALID (default ${DEFAULTS.maxWrkCpu})
  --list               list the datasets, scenarios and in-process benchmarks, then exit
  --help               this text

Environment: BENCH_PG_PORT (default 54350) and BENCH_PG_DIR (default .data/bench-postgres; each
dataset's cluster is <dir>-<dataset>) keep the embedded PostgreSQL apart from other runs;
DATABASE_URL runs every dataset against that one database instead.`;

class UsageError extends Error {}

function parseArgs(argv) {
  const opts = { ...DEFAULTS, only: [], list: false, help: false };
  const number = (flag, raw, { min, integer }) => {
    const n = Number(String(raw).replace(/s$/, ''));
    if (raw === undefined || !Number.isFinite(n) || n < min || (integer && !Number.isInteger(n))) {
      throw new UsageError(`${flag} needs a ${integer ? 'whole ' : ''}number of at least ${min} (got ${raw === undefined ? 'nothing' : `"${raw}"`})`);
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
        if (!v) throw new UsageError('--only needs a name');
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
        opts.help = true;
        break;
      default:
        throw new UsageError(`Unknown option: ${argv[i]}`);
    }
  }
  return opts;
}

module.exports = { parseArgs, USAGE, DEFAULTS, UsageError };
