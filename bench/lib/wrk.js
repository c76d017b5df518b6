'use strict';
// Runs wrk once and measures it: throughput and p99 from its --latency report,
// errors, and how much of its own core the load generator used.

const { spawn, spawnSync } = require('node:child_process');
const { existsSync, readFileSync, writeFileSync } = require('node:fs');
const { join } = require('node:path');
const { clockTicksPerSecond, processTicks } = require('./cpu');

const TIME_BIN = '/usr/bin/time';

/** True when `wrk` can be executed. */
function wrkAvailable() {
  const probe = spawnSync('wrk', ['--version'], { stdio: 'ignore' });
  return !(probe.error && probe.error.code === 'ENOENT');
}

/** True when GNU time is there to report the child's CPU time exactly. */
function gnuTimeAvailable() {
  if (!existsSync(TIME_BIN)) return false;
  const probe = spawnSync(TIME_BIN, ['-f', '%e', 'true'], { stdio: 'ignore' });
  return probe.status === 0;
}

const TIME_UNITS_MS = { us: 0.001, ms: 1, s: 1000, m: 60_000, h: 3_600_000 };

/** "36.27ms" → 36.27 (milliseconds). */
function parseDurationMs(text) {
  const m = /^([\d.]+)(us|ms|s|m|h)$/.exec(text.trim());
  if (!m) throw new Error(`wrk printed a latency this harness cannot read: "${text}"`);
  return Number(m[1]) * TIME_UNITS_MS[m[2]];
}

/** Reads what matters from wrk's `--latency` report. */
function parseWrkOutput(out) {
  const rps = /^Requests\/sec:\s+([\d.]+)/m.exec(out);
  const p99 = /^\s*99%\s+(\S+)\s*$/m.exec(out);
  if (!rps || !p99) {
    throw new Error(`wrk's report has no ${rps ? '99% latency line' : 'Requests/sec line'}:\n${out}`);
  }
  const pct = (label) => {
    const m = new RegExp(`^\\s*${label}%\\s+(\\S+)\\s*$`, 'm').exec(out);
    return m ? parseDurationMs(m[1]) : null;
  };
  const total = /^\s*(\d+) requests in ([\d.]+\w+)/m.exec(out);
  const sock = /Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)/.exec(out);
  const non2xx = /Non-2xx or 3xx responses:\s+(\d+)/.exec(out);
  const socketErrors = sock
    ? { connect: +sock[1], read: +sock[2], write: +sock[3], timeout: +sock[4] }
    : { connect: 0, read: 0, write: 0, timeout: 0 };
  return {
    rps: Number(rps[1]),
    p50Ms: pct('50'),
    p90Ms: pct('90'),
    p99Ms: parseDurationMs(p99[1]),
    p95Ms: (() => {
      const m = /^p95_us (\d+)\s*$/m.exec(out);
      return m ? Number(m[1]) / 1000 : null;
    })(),
    requests: total ? Number(total[1]) : null,
    non2xx: non2xx ? Number(non2xx[1]) : 0,
    socketErrors,
    socketErrorCount: socketErrors.connect + socketErrors.read + socketErrors.write + socketErrors.timeout,
  };
}

/** Every byte as a Lua decimal escape: safe for any method or body. */
function luaString(text) {
  return `"${[...Buffer.from(String(text), 'utf8')].map((b) => `\\${b}`).join('')}"`;
}

/**
 * wrk sends GET without a body by default; anything else goes through a tiny
 * Lua script. Headers travel as -H flags. Returns the extra wrk arguments.
 */
function requestArgs(request, tmpDir) {
  const args = [];
  for (const [name, value] of Object.entries(request.headers || {})) {
    args.push('-H', `${name}: ${value}`);
  }
  const method = (request.method || 'GET').toUpperCase();
  const lines = [];
  if (method !== 'GET' || request.body !== undefined) {
    lines.push(`wrk.method = ${luaString(method)}`);
    if (request.body !== undefined) lines.push(`wrk.body = ${luaString(request.body)}`);
  }
  // --latency prints 50/75/90/99 only; p95 comes from wrk's own histogram.
  lines.push('done = function(summary, latency, requests)', '  io.write(string.format("p95_us %d\\n", latency:percentile(95)))', 'end');
  const script = join(tmpDir, `${request.id}.lua`);
  writeFileSync(script, `${lines.join('\n')}\n`);
  args.push('-s', script);
  return args;
}

/**
 * One wrk run: `taskset -c CORE [time -o FILE] wrk -t1 -cN -dS --latency URL`.
 * taskset and time exec/fork wrk directly, so the CPU time measured is wrk's own.
 * Without GNU time, wrk's /proc/<pid>/stat is sampled every 100 ms instead
 * (the last < 100 ms are missed: a slight under-estimate).
 */
function runWrk({ url, request, connections, durationS, timeoutS, core, tmpDir, track }) {
  const useTime = gnuTimeAvailable();
  const timeFile = join(tmpDir, `${request.id}.time`);
  const wrkArgs = [
    '-t1',
    `-c${connections}`,
    `-d${durationS}s`,
    `--timeout`,
    `${timeoutS}s`,
    '--latency',
    ...requestArgs(request, tmpDir),
    url,
  ];
  let cmd = 'wrk';
  let args = wrkArgs;
  if (useTime) {
    args = ['-f', '%e %U %S', '-o', timeFile, cmd, ...args];
    cmd = TIME_BIN;
  }
  if (core !== null && core !== undefined) {
    args = ['-c', String(core), cmd, ...args];
    cmd = 'taskset';
  }

  return new Promise((resolve, reject) => {
    const started = process.hrtime.bigint();
    // Its own process group: GNU time does not pass SIGTERM on to wrk, so a
    // stop must reach the whole group, never leaving wrk running on its own.
    const child = spawn(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    const untrack = track({
      pid: child.pid,
      kill: (signal) => {
        try {
          process.kill(-child.pid, signal);
        } catch {
          // already gone
        }
      },
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (err += d));

    // Fallback sampler; with GNU time the exact figure comes from its file.
    let lastTicks = 0;
    const sampler = useTime
      ? null
      : setInterval(() => {
          const t = processTicks(child.pid);
          if (t !== null) lastTicks = t;
        }, 100);

    child.on('error', (error) => {
      if (sampler) clearInterval(sampler);
      untrack();
      reject(error);
    });
    child.on('close', (code, signal) => {
      if (sampler) clearInterval(sampler);
      untrack();
      const wallS = Number(process.hrtime.bigint() - started) / 1e9;
      if (code !== 0) {
        reject(new Error(`wrk ${signal ? `was stopped by ${signal}` : `exited with status ${code}`}: ${err.trim() || out.trim()}`));
        return;
      }
      let cpu;
      if (useTime) {
        const [elapsed, user, sys] = readFileSync(timeFile, 'utf8').trim().split('\n').pop().split(/\s+/).map(Number);
        cpu = { source: 'time', wallS: elapsed, cpuS: user + sys };
      } else {
        cpu = { source: 'proc-sampled', wallS, cpuS: lastTicks / clockTicksPerSecond() };
      }
      cpu.percent = cpu.wallS > 0 ? (100 * cpu.cpuS) / cpu.wallS : 0;
      try {
        resolve({ ...parseWrkOutput(out), wrkCpu: cpu, raw: out });
      } catch (error) {
        reject(error);
      }
    });
  });
}

module.exports = { wrkAvailable, runWrk, parseWrkOutput, parseDurationMs };
