import { Module, RequestMethod } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { LoggerModule } from 'nestjs-pino';
import pino from 'pino';
import type { Options } from 'pino-http';
import type { AppConfig } from '../config';
import { TokenPathsCollector } from './token-paths.collector';
import { redactPath } from './token-paths';

const REQUEST_ID = /^[A-Za-z0-9._-]{8,64}$/;

/** Reuse a well-formed id from a proxy so logs line up across hops; otherwise mint one. */
export function requestId(req: IncomingMessage, res: ServerResponse): string {
  const incoming = req.headers['x-request-id'];
  const id = typeof incoming === 'string' && REQUEST_ID.test(incoming) ? incoming : randomUUID();
  res.setHeader('X-Request-Id', id);
  return id;
}

/**
 * Structured request logs. Only the method, the path without its query, the
 * status and the timing are logged: never bodies, cookies, tokens or query
 * strings (reset and verification links carry tokens there). A path that is
 * itself a credential (`/handover/:token`) has its secret segment redacted
 * (token-paths.ts); every log line of a request carries this one serialised
 * `req`, so no other logger needs to know.
 */
@Module({
  providers: [TokenPathsCollector],
  imports: [
    LoggerModule.forRootAsync({
      inject: [ConfigService],
      useFactory: (config: ConfigService) => {
        const app = config.getOrThrow<AppConfig>('app');
        const options: Options = {
          level: app.logLevel,
          genReqId: requestId,
          serializers: {
            req: (req: { id: string; method: string; url: string }) => ({
              id: req.id,
              method: req.method,
              path: redactPath(req.url),
            }),
            res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
          },
          // `req` and `res` are built from scratch by the serializers above (no
          // headers); these keep secrets out of anything else a line is given.
          redact: { paths: ['*.password', '*.token', '*.cookie', '*.authorization'], remove: true },
        };
        return {
          // The liveness probe is asked every few seconds and never logged: it
          // gets no request logger at all (its X-Request-Id is set at the edge).
          exclude: [{ method: RequestMethod.GET, path: 'health/live' }],
          pinoHttp:
            app.logFormat === 'pretty'
              ? { ...options, transport: { target: 'pino-pretty', options: { singleLine: true, ignore: 'pid,hostname' } } }
              : // Written without blocking the event loop (lines that arrive while a write
                // is under way go out together); pino flushes what is left when the process exits.
                [options, pino.destination({ dest: 1, sync: false })],
        };
      },
    }),
  ],
})
export class LoggingModule {}
