import { Body, Controller, Get, Module, Post, Req, type INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { ExpressAdapter } from '@nestjs/platform-express';
import type { Request } from 'express';
import { IncomingMessage, ServerResponse } from 'node:http';
import request from 'supertest';
import { PortalExpressAdapter } from './express-adapter';

@Controller('probe')
class ProbeController {
  @Get(':name')
  get(@Req() req: Request): Record<string, unknown> {
    return {
      path: req.path,
      param: req.params.name,
      query: req.query.q,
      header: req.get('x-probe'),
      isIncomingMessage: req instanceof IncomingMessage,
      isServerResponse: req.res instanceof ServerResponse,
      appPrototype: Object.getPrototypeOf(req) === (req.app as unknown as { request: object }).request,
    };
  }

  @Post()
  post(@Body() body: unknown): unknown {
    return { received: body };
  }
}

@Module({ controllers: [ProbeController] })
class ProbeModule {}

/** Runs `fn` counting the calls of Object.setPrototypeOf that change a request's or response's prototype. */
async function countPrototypeChanges(fn: () => Promise<unknown>): Promise<number> {
  const original = Object.setPrototypeOf;
  let changes = 0;
  const spy = jest.spyOn(Object, 'setPrototypeOf').mockImplementation((target: object, proto: object | null) => {
    const message = target instanceof IncomingMessage || target instanceof ServerResponse;
    if (message && Object.getPrototypeOf(target) !== proto) changes += 1;
    return original(target, proto);
  });
  try {
    await fn();
  } finally {
    spy.mockRestore();
  }
  return changes;
}

describe('PortalExpressAdapter', () => {
  let app: INestApplication | undefined;
  afterEach(async () => {
    await app?.close();
    app = undefined;
  });

  async function start(adapter: ExpressAdapter): Promise<INestApplication> {
    app = await NestFactory.create(ProbeModule, adapter, { logger: false });
    await app.init();
    return app;
  }

  it('builds requests and responses with the app’s prototypes, so Express never changes one', async () => {
    const server = (await start(new PortalExpressAdapter())).getHttpServer();
    let body: Record<string, unknown> = {};
    const changes = await countPrototypeChanges(async () => {
      for (let i = 0; i < 3; i += 1) {
        const res = await request(server).get('/probe/first?q=x').set('X-Probe', 'yes').expect(200);
        body = res.body as Record<string, unknown>;
      }
    });
    expect(changes).toBe(0);
    // Still Node's messages, and Express's request methods all there.
    expect(body).toEqual({
      path: '/probe/first',
      param: 'first',
      query: 'x',
      header: 'yes',
      isIncomingMessage: true,
      isServerResponse: true,
      appPrototype: true,
    });
  });

  it('still reads request bodies (the request is a working stream)', async () => {
    const server = (await start(new PortalExpressAdapter())).getHttpServer();
    const res = await request(server).post('/probe').send({ a: [1, 2], b: 'ü' }).expect(201);
    expect(res.body).toEqual({ received: { a: [1, 2], b: 'ü' } });
  });

  it('is what Nest’s own adapter does not do: it changes both prototypes on every request', async () => {
    const server = (await start(new ExpressAdapter())).getHttpServer();
    const changes = await countPrototypeChanges(async () => {
      for (let i = 0; i < 3; i += 1) await request(server).get('/probe/first').expect(200);
    });
    expect(changes).toBe(6);
  });

  it('refuses forceCloseConnections, which would track connections on a server it replaces', async () => {
    await expect(
      NestFactory.create(ProbeModule, new PortalExpressAdapter(), { logger: false, forceCloseConnections: true, abortOnError: false }),
    ).rejects.toThrow(/forceCloseConnections/);
  });
});
