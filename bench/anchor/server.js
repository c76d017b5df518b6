#!/usr/bin/env node
'use strict';
// The bench's anchor: a bare NestJS 12 app, built from the portal's own
// node_modules with Nest's defaults (Express, its body parsers, no logger),
// and two routes:
//   GET /health/live                  {"status":"ok"}, like the portal's no-op
//   GET /documents/model-motion.docx  the generic model motion's bytes from memory,
//                                      with the headers the portal's download sends
// It is what the framework alone costs: `npm run bench` reports every portal
// route as a ratio to it. Plain CommonJS with Reflect.decorate, no build step.
//
// Environment: PORT (required); ANCHOR_DOCX, a JSON file written by the harness
// with { bodyFile, headers } taken from the portal's own download (optional:
// without it the docx route answers 404); ADAPTER_PORT (optional): the same app
// a second time on that port, built on the portal's HTTP adapter
// (dist/src/common/http/express-adapter.js, PortalExpressAdapter) instead of
// Nest's, to show what the adapter alone gives bare Nest. Prints "Anchor
// listening" when ready.

require('reflect-metadata');
const { readFileSync } = require('node:fs');
const { Controller, Get, Module, Req, Res } = require('@nestjs/common');
const { NestFactory } = require('@nestjs/core');

const decorate = (decorators, target, key) =>
  Reflect.decorate(decorators, target.prototype, key, Object.getOwnPropertyDescriptor(target.prototype, key));

function loadDocx() {
  if (!process.env.ANCHOR_DOCX) return null;
  const spec = JSON.parse(readFileSync(process.env.ANCHOR_DOCX, 'utf8'));
  return { body: readFileSync(spec.bodyFile), headers: spec.headers };
}

class HealthController {
  live() {
    return { status: 'ok' };
  }
}
decorate([Get('live')], HealthController, 'live');
Reflect.decorate([Controller('health')], HealthController);

/** Sends the bytes as the portal's generic download does: its headers, a 304 for a fresh ETag, Content-Length, end(). */
class DocumentsController {
  constructor() {
    this.docx = loadDocx();
  }

  modelMotion(req, res) {
    if (!this.docx) {
      res.status(404).end();
      return;
    }
    for (const [name, value] of Object.entries(this.docx.headers)) res.setHeader(name, value);
    if (req.fresh) {
      res.status(304).end();
      return;
    }
    res.setHeader('Content-Length', this.docx.body.length);
    res.end(req.method === 'HEAD' ? undefined : this.docx.body);
  }
}
// Parameter decorators are plain calls, as TypeScript's __param emits them.
Req()(DocumentsController.prototype, 'modelMotion', 0);
Res()(DocumentsController.prototype, 'modelMotion', 1);
decorate([Get('model-motion.docx')], DocumentsController, 'modelMotion');
Reflect.decorate([Controller('documents')], DocumentsController);

class AnchorModule {}
Reflect.decorate([Module({ controllers: [HealthController, DocumentsController] })], AnchorModule);

async function main() {
  const port = Number(process.env.PORT);
  if (!Number.isInteger(port) || port <= 0) throw new Error('PORT must be set');
  const app = await NestFactory.create(AnchorModule, { logger: false });
  app.enableShutdownHooks();
  await app.listen(port, '127.0.0.1');
  if (process.env.ADAPTER_PORT) {
    const { PortalExpressAdapter } = require('../../dist/src/common/http/express-adapter');
    const adapted = await NestFactory.create(AnchorModule, new PortalExpressAdapter(), { logger: false });
    await adapted.listen(Number(process.env.ADAPTER_PORT), '127.0.0.1');
    process.stdout.write(`Anchor with the portal's adapter listening on http://127.0.0.1:${process.env.ADAPTER_PORT}\n`);
  }
  process.stdout.write(`Anchor listening on http://127.0.0.1:${port}\n`);
}

main().catch((error) => {
  process.stderr.write(`anchor: ${error && error.stack ? error.stack : String(error)}\n`);
  process.exit(1);
});
