'use strict';
// CPU facts from /proc: which cores we may use, how busy each core was, and
// how much CPU a process (or a process and its descendants) used.

const { spawnSync } = require('node:child_process');
const { readFileSync, readdirSync } = require('node:fs');
const os = require('node:os');

let ticksPerSecond;
function clockTicksPerSecond() {
  if (ticksPerSecond === undefined) {
    const r = spawnSync('getconf', ['CLK_TCK'], { encoding: 'utf8' });
    const n = Number.parseInt((r.stdout || '').trim(), 10);
    ticksPerSecond = Number.isInteger(n) && n > 0 ? n : 100;
  }
  return ticksPerSecond;
}

/** "0-1,4" → [0, 1, 4] */
function parseCpuList(list) {
  const cores = [];
  for (const part of list.trim().split(',')) {
    if (!part) continue;
    const [a, b] = part.split('-').map((x) => Number.parseInt(x, 10));
    for (let c = a; c <= (Number.isInteger(b) ? b : a); c++) cores.push(c);
  }
  return cores;
}

/** The cores this process may run on (cpuset / affinity aware). */
function allowedCores() {
  try {
    const status = readFileSync('/proc/self/status', 'utf8');
    const m = /^Cpus_allowed_list:\s*(.+)$/m.exec(status);
    if (m) return parseCpuList(m[1]);
  } catch {
    // Not Linux: fall through.
  }
  const n = typeof os.availableParallelism === 'function' ? os.availableParallelism() : os.cpus().length;
  return Array.from({ length: n }, (_, i) => i);
}

function tasksetAvailable() {
  const probe = spawnSync('taskset', ['--version'], { stdio: 'ignore' });
  return !(probe.error && probe.error.code === 'ENOENT');
}

/** Fields of /proc/<pid>/stat after the command name (which may contain spaces). */
function statFields(pid) {
  try {
    const text = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return text.slice(text.lastIndexOf(')') + 2).split(' ');
  } catch {
    return null;
  }
}

/** utime + stime of one process, in clock ticks; null when it is gone. */
function processTicks(pid) {
  const f = statFields(pid);
  // After ")": [0]=state [1]=ppid ... [11]=utime [12]=stime
  return f ? Number(f[11]) + Number(f[12]) : null;
}

/** Pids of a process and all its descendants (e.g. node + embedded PostgreSQL). */
function processTree(rootPid) {
  const children = new Map();
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    const f = statFields(name);
    if (!f) continue;
    const ppid = Number(f[1]);
    if (!children.has(ppid)) children.set(ppid, []);
    children.get(ppid).push(Number(name));
  }
  const tree = [];
  const queue = [rootPid];
  while (queue.length) {
    const pid = queue.shift();
    tree.push(pid);
    queue.push(...(children.get(pid) || []));
  }
  return tree;
}

/** Ticks per pid, for later differencing. */
function treeTicks(rootPid) {
  const ticks = new Map();
  for (const pid of processTree(rootPid)) {
    const t = processTicks(pid);
    if (t !== null) ticks.set(pid, t);
  }
  return ticks;
}

/** CPU ticks used between two treeTicks() snapshots (processes that ended in between are missed). */
function treeTicksDelta(before, after) {
  let sum = 0;
  for (const [pid, t] of after) sum += t - (before.get(pid) || 0);
  return sum;
}

/** Busy and total jiffies of each core, from /proc/stat. */
function coreTicks() {
  const cores = new Map();
  try {
    for (const line of readFileSync('/proc/stat', 'utf8').split('\n')) {
      const m = /^cpu(\d+)\s+(.*)$/.exec(line);
      if (!m) continue;
      const v = m[2].trim().split(/\s+/).map(Number);
      // user nice system idle iowait irq softirq steal ...
      const idle = v[3] + (v[4] || 0);
      const total = v.slice(0, 8).reduce((a, b) => a + (b || 0), 0);
      cores.set(Number(m[1]), { busy: total - idle, total });
    }
  } catch {
    // Not Linux.
  }
  return cores;
}

/** Percent busy of one core between two coreTicks() snapshots. */
function coreBusyPercent(before, after, core) {
  const a = before.get(core);
  const b = after.get(core);
  if (!a || !b || b.total === a.total) return null;
  return (100 * (b.busy - a.busy)) / (b.total - a.total);
}

module.exports = {
  clockTicksPerSecond,
  allowedCores,
  tasksetAvailable,
  processTicks,
  treeTicks,
  treeTicksDelta,
  coreTicks,
  coreBusyPercent,
  parseCpuList,
};
