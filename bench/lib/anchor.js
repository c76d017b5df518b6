'use strict';
// The bare-Nest anchor (bench/anchor/server.js): started pinned to the portal's
// core, serving the generic model motion's bytes taken from the portal itself.

const { writeFileSync } = require('node:fs');
const { join } = require('node:path');
const { freePort, pinnedNode, readTail, sleep, spawnLogged, waitForStatus } = require('./proc');

/** What the anchor's docx route copies from the portal's download: the bytes and these headers. */
const DOCX_PATH = '/documents/model-motion.docx';
const COPIED_HEADERS = ['content-type', 'content-disposition', 'cache-control', 'etag', 'x-content-type-options'];

/**
 * Downloads the generic model motion from the running portal and writes its
 * bytes and headers for the anchor: the same bytes the portal's scenario sends.
 */
async function captureDocx(portalBaseUrl, tmpDir) {
  const res = await fetch(portalBaseUrl + DOCX_PATH, { signal: AbortSignal.timeout(15_000) });
  const body = Buffer.from(await res.arrayBuffer());
  if (res.status !== 200 || body.length === 0) throw new Error(`GET ${DOCX_PATH} on the portal answered ${res.status} (${body.length} bytes): the anchor has no bytes to send`);
  const headers = {};
  for (const name of COPIED_HEADERS) {
    const value = res.headers.get(name);
    if (value !== null) headers[name] = value;
  }
  const bodyFile = join(tmpDir, 'model-motion.docx');
  writeFileSync(bodyFile, body);
  const specFile = join(tmpDir, 'anchor-docx.json');
  writeFileSync(specFile, JSON.stringify({ bodyFile, headers }));
  return { specFile, bytes: body.length, headers };
}

async function startAnchor({ root, core, logFile, docxSpecFile, track, log }) {
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  // The same app on the portal's HTTP adapter, in the same process (one idles while the other is measured).
  let adapterPort = await freePort();
  while (adapterPort === port) adapterPort = await freePort();
  const adapterBaseUrl = `http://127.0.0.1:${adapterPort}`;
  const entry = join(root, 'bench/anchor/server.js');
  const { cmd, args, command } = pinnedNode(core, [entry], 'bench/anchor/server.js');
  log(`Starting the anchor (bare NestJS, same node_modules): ${command} on ${baseUrl}`);
  const env = { ...process.env, NODE_ENV: 'production', PORT: String(port), ADAPTER_PORT: String(adapterPort), ANCHOR_DOCX: docxSpecFile || '' };
  const { child, exited, exitedPromise } = spawnLogged({ cmd, args, cwd: root, env, logFile, track });
  let stopping;
  const anchor = {
    kind: 'anchor',
    pid: child.pid,
    baseUrl,
    adapterBaseUrl,
    embedded: false,
    command,
    stop: () =>
      (stopping ??= (async () => {
        if (exited()) return;
        child.kill('SIGTERM');
        if (!(await Promise.race([exitedPromise, sleep(10_000).then(() => null)]))) child.kill('SIGKILL');
      })()),
  };
  try {
    await waitForStatus({
      url: `${adapterBaseUrl}/health/live`,
      exited,
      timeoutMs: 60_000,
      everyMs: 100,
      onExit: (how) => new Error(`The anchor exited before it was ready (${how}):\n${readTail(logFile).trim()}`),
      onTimeout: async () => new Error(`The anchor did not answer within 60 s:\n${readTail(logFile).trim()}`),
    });
  } catch (error) {
    await anchor.stop();
    throw error;
  }
  log(`Anchor ready (pid ${child.pid}).`);
  return anchor;
}

module.exports = { startAnchor, captureDocx, DOCX_PATH };
