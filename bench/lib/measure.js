'use strict';
// One measurement: a wrk run against one route of one server, with the CPU
// picture around it (the server's CPU per request, how busy each pinned core
// was with other processes) and how much request log it wrote.

const { statSync, truncateSync } = require('node:fs');
const cpu = require('./cpu');
const { runWrk } = require('./wrk');

/** Other processes' share of a pinned core above which a measurement is marked noisy. */
const NOISY_PERCENT = 15;
/** The request log is cut back to its start-up lines when it grows past this. */
const LOG_LIMIT_BYTES = 256 * 1024 * 1024;

const isNoisy = (r) => (r.serverCoreOtherPercent ?? 0) > NOISY_PERCENT || (r.wrkCoreOtherPercent ?? 0) > NOISY_PERCENT;

/** Sends one request outside wrk, to see what the route really answers. */
async function probe(baseUrl, req) {
  try {
    const res = await fetch(baseUrl + req.path, {
      method: req.method,
      headers: req.headers,
      body: req.body,
      redirect: 'manual',
      signal: AbortSignal.timeout(15_000),
    });
    const body = Buffer.from(await res.arrayBuffer());
    return { status: res.status, bytes: body.length, contentType: res.headers.get('content-type') };
  } catch (error) {
    return { status: null, error: String(error) };
  }
}

function fileSize(file) {
  try {
    return statSync(file).size;
  } catch {
    return null;
  }
}

/**
 * @param {object} server  { pid, baseUrl, embedded, logFile? }
 * @param {object} req     a prepared request (catalogue.prepareRequest)
 * @param {object} ctx     { opts, pin, tmpDir, track }
 */
async function measure(server, req, ctx, durationS) {
  const logBefore = server.logFile ? fileSize(server.logFile) : null;
  const coresBefore = cpu.coreTicks();
  const serverBefore = cpu.treeTicks(server.pid);
  const started = process.hrtime.bigint();
  const r = await runWrk({
    url: server.baseUrl + req.path,
    request: req,
    connections: ctx.opts.connections,
    durationS,
    timeoutS: ctx.opts.timeout,
    core: ctx.pin.wrkCore,
    tmpDir: ctx.tmpDir,
    track: ctx.track,
  });
  const wallS = Number(process.hrtime.bigint() - started) / 1e9;
  const coresAfter = cpu.coreTicks();
  const serverAfter = cpu.treeTicks(server.pid);
  const hz = cpu.clockTicksPerSecond();
  const nodeTicks = (serverAfter.get(server.pid) || 0) - (serverBefore.get(server.pid) || 0);
  const treeTicks = cpu.treeTicksDelta(serverBefore, serverAfter);
  const serverCpuPercent = (100 * nodeTicks) / hz / wallS;
  const serverTreeCpuPercent = (100 * treeTicks) / hz / wallS;
  // Server CPU time per request (with the embedded database, which shares its core): unlike
  // req/s, it barely moves when other processes steal time from the server's core.
  const costTicks = server.embedded ? treeTicks : nodeTicks;
  const cpuUsPerRequest = r.requests ? (1e6 * costTicks) / hz / r.requests : null;
  let serverCoreOtherPercent = null;
  let wrkCoreOtherPercent = null;
  if (ctx.pin.pinned) {
    const srvBusy = cpu.coreBusyPercent(coresBefore, coresAfter, ctx.pin.serverCore);
    const wrkBusy = cpu.coreBusyPercent(coresBefore, coresAfter, ctx.pin.wrkCore);
    // Busy time on each core that is neither the server (and its database) nor wrk.
    if (srvBusy !== null) serverCoreOtherPercent = Math.max(0, srvBusy - (server.embedded ? serverTreeCpuPercent : serverCpuPercent));
    if (wrkBusy !== null) wrkCoreOtherPercent = Math.max(0, wrkBusy - r.wrkCpu.percent);
  }
  let logBytesPerRequest = null;
  if (logBefore !== null) {
    const logAfter = fileSize(server.logFile);
    if (logAfter !== null && r.requests) logBytesPerRequest = Math.max(0, logAfter - logBefore) / r.requests;
    if (logAfter > LOG_LIMIT_BYTES && server.logStartBytes !== undefined) truncateSync(server.logFile, server.logStartBytes);
  }
  const wrkCpuPercent = r.wrkCpu.percent;
  const valid = wrkCpuPercent <= ctx.opts.maxWrkCpu;
  return {
    rps: r.rps,
    p50Ms: r.p50Ms,
    p90Ms: r.p90Ms,
    p95Ms: r.p95Ms,
    p99Ms: r.p99Ms,
    requests: r.requests,
    non2xx: r.non2xx,
    socketErrors: r.socketErrors,
    socketErrorCount: r.socketErrorCount,
    wrkCpuPercent,
    wrkCpuSource: r.wrkCpu.source,
    serverCpuPercent,
    serverTreeCpuPercent,
    cpuUsPerRequest,
    logBytesPerRequest,
    serverCoreOtherPercent,
    wrkCoreOtherPercent,
    valid,
    invalidReason: valid ? null : `wrk used ${wrkCpuPercent.toFixed(0)}% of its core (limit ${ctx.opts.maxWrkCpu}%)`,
    wrkOutput: r.raw,
  };
}

module.exports = { probe, measure, isNoisy, NOISY_PERCENT };
