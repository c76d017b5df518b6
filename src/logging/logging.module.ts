import { Injectable, Module, type OnApplicationShutdown } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { LoggerModule } from 'nestjs-pino';
import pino from 'pino';
import type { Options } from 'pino-http';
import type { AppConfig } from '../config';
import { TokenPathsCollector } from './token-paths.collector';
import { serializeRequest, serializeResponse } from './request-log';

/** Log lines are written to stdout in batches of about this many bytes (a request's line is ~230)... */
export const LOG_BATCH_BYTES = 4096;
/** ...and none waits longer than this for its batch. */
export const LOG_FLUSH_MS = 1000;

/**
 * Where the JSON lines go: stdout, without blocking the event loop (lines that
 * arrive while a write is under way go out together), in batches — one
 * `write(2)` per ~16 request lines instead of one each, which cost a tenth of a
 * busy route's time. A timer writes a partial batch within a second; pino
 * writes what is left when the process exits, and shutdown does here.
 */
@Injectable()
export class LogDestination implements OnApplicationShutdown {
  readonly stream = pino.destination({ dest: 1, sync: false, minLength: LOG_BATCH_BYTES });
  private readonly timer = setInterval(() => this.stream.flush(), LOG_FLUSH_MS).unref();

  onApplicationShutdown(): void {
    clearInterval(this.timer);
    this.stream.flushSync();
  }
}

/**
 * Structured logs: the app's own lines through Nest's logger (nestjs-pino) and
 * one line per request written by `logRequest` (request-log.ts). Only the
 * method, the path without its query, the status and the timing are logged:
 * never bodies, cookies, tokens or query strings (reset and verification links
 * carry tokens there). A path that is itself a credential (`/handover/:token`)
 * has its secret segment redacted (token-paths.ts).
 */
@Module({
  providers: [TokenPathsCollector],
  imports: [
    LoggerModule.forRootAsync({
      providers: [LogDestination],
      inject: [ConfigService, LogDestination],
      useFactory: (config: ConfigService, destination: LogDestination) => {
        const app = config.getOrThrow<AppConfig>('app');
        const options: Options = {
          level: app.logLevel,
          // The serializers read the raw request and response themselves (and
          // read nothing else: no headers), instead of pino's standard ones
          // building a full copy of each first.
          wrapSerializers: false,
          serializers: { req: serializeRequest, res: serializeResponse, err: pino.stdSerializers.err },
          // `req` and `res` are built from scratch by the serializers above (no
          // headers); these keep secrets out of anything else a line is given.
          redact: { paths: ['*.password', '*.token', '*.cookie', '*.authorization'], remove: true },
        };
        return {
          // Its per-request middleware is not mounted: a request gets one line at
          // its end from `logRequest`, and no per-request child logger or
          // async context (lines logged while serving a request name it
          // themselves, as the exception filter's do).
          forRoutes: [],
          pinoHttp:
            app.logFormat === 'pretty'
              ? { ...options, transport: { target: 'pino-pretty', options: { singleLine: true, ignore: 'pid,hostname' } } }
              : [options, destination.stream],
        };
      },
    }),
  ],
})
export class LoggingModule {}
