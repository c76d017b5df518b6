import type { NestApplicationOptions } from '@nestjs/common';
import { ExpressAdapter } from '@nestjs/platform-express';
import type { Express } from 'express';
import * as http from 'node:http';
import * as https from 'node:https';

/** What Node's HTTP server takes to build each request and response. */
export interface MessageClasses {
  IncomingMessage: typeof http.IncomingMessage;
  ServerResponse: typeof http.ServerResponse;
}

/**
 * Request and response classes whose prototypes are the app's own
 * (`app.request`, `app.response`), so each request is born as the object
 * Express wants instead of being changed into it.
 *
 * Express gives every request and response its app's prototype with
 * `Object.setPrototypeOf`. V8 then moves the object to a new hidden class,
 * which costs time and, worse, keeps it and what it holds alive through the
 * next young-generation collection: measured on a bare Express 5 app, about a
 * third of everything a request allocates was promoted to the old generation,
 * to be found again by a full mark-compact of the whole heap every second or
 * so (and the portal's heap is several times Nest's own). Node's server can
 * build its messages from classes it is given; when they already carry the
 * app's prototypes, Express's `setPrototypeOf` finds the prototype it wants in
 * place and changes nothing (a prototype set to itself is a no-op).
 */
export function messageClasses(app: Express): MessageClasses {
  const appRequest = (app as unknown as { request: http.IncomingMessage }).request;
  const appResponse = (app as unknown as { response: http.ServerResponse }).response;
  // Plain constructor functions, as Node's own are: a class's `prototype` cannot be replaced.
  function AppRequest(this: http.IncomingMessage, socket: unknown): void {
    http.IncomingMessage.call(this, socket as never);
  }
  AppRequest.prototype = appRequest;
  function AppResponse(this: http.ServerResponse, req: unknown, options: unknown): void {
    (http.ServerResponse as unknown as (this: unknown, ...args: unknown[]) => void).call(this, req, options);
  }
  AppResponse.prototype = appResponse;
  return {
    IncomingMessage: AppRequest as unknown as typeof http.IncomingMessage,
    ServerResponse: AppResponse as unknown as typeof http.ServerResponse,
  };
}

/**
 * Nest's Express adapter, with an HTTP server that builds requests and
 * responses from `messageClasses` (above). Everything else is Nest's.
 */
export class PortalExpressAdapter extends ExpressAdapter {
  override initHttpServer(options: NestApplicationOptions): void {
    // Nest would track connections on the server it creates, which is replaced below.
    if (options?.forceCloseConnections) throw new Error('PortalExpressAdapter does not support forceCloseConnections');
    // Nest's own set-up (its 503-on-closing middleware, when asked for); its server is replaced at once, unused.
    super.initHttpServer(options);
    const app = this.getInstance<Express>();
    const classes = messageClasses(app);
    this.setHttpServer(
      options?.httpsOptions ? https.createServer({ ...options.httpsOptions, ...classes }, app) : http.createServer(classes, app),
    );
  }
}
