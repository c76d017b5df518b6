import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { NestExpressApplication } from '@nestjs/platform-express';
import { existsSync } from 'node:fs';
import { AppModule } from './app.module';
import { configureApp } from './app.setup';
import { PortalExpressAdapter } from './common/http/express-adapter';
import { loggableError } from './common/errors/loggable-error';
import { assertConfiguration, ConfigError } from './config';
import { loadAppConfig } from './config/app.config';
import { loadDatabaseConfig } from './config/database.config';
import { openDatabaseServer } from './database/database-server';

/** One JSON line, in the same shape as the app's own logs, before the logger exists. */
function bootLog(level: 'info' | 'error', msg: string): void {
  const line = JSON.stringify({ level: level === 'info' ? 30 : 50, time: Date.now(), context: 'Bootstrap', msg });
  (level === 'info' ? process.stdout : process.stderr).write(`${line}\n`);
}

async function bootstrap(): Promise<void> {
  if (existsSync('.env')) process.loadEnvFile('.env');
  try {
    assertConfiguration();
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(78); // EX_CONFIG
    }
    throw error;
  }
  const appConfig = loadAppConfig();
  const dbConfig = loadDatabaseConfig();
  const db = await openDatabaseServer(dbConfig, (m) => bootLog('info', m));

  let app: NestExpressApplication;
  try {
    app = await NestFactory.create<NestExpressApplication>(
      AppModule.forRoot({ database: { url: db.url, poolSize: dbConfig.poolSize, limits: dbConfig.limits } }),
      new PortalExpressAdapter(),
      { bufferLogs: true, bodyParser: false },
    );
    configureApp(app);
  } catch (error) {
    await db.stop();
    throw error;
  }

  // pg-boss does not await the completion (or failure) it records for a job it
  // has just run: a database hiccup at that moment must not end the process.
  // Logged; the job is left active and retried after its expiry.
  const processLogger = new Logger('Process');
  process.on('unhandledRejection', (reason: unknown) => {
    processLogger.error({ msg: 'Unhandled promise rejection', error: loggableError(reason) });
  });

  // Nest closes the app on SIGINT/SIGTERM (enableShutdownHooks); the embedded
  // server stops after it, once no connection is left.
  let stopping = false;
  const shutdown = (signal: string): void => {
    // A second Ctrl-C means "now": exit at once (the exit hook still stops the embedded server).
    if (stopping) process.exit(130);
    stopping = true;
    bootLog('info', `${signal} received: shutting down`);
    app
      .close()
      .then(() => db.stop())
      .then(
        () => process.exit(0),
        (error: unknown) => {
          bootLog('error', `Shutdown failed: ${String(error)}`);
          process.exit(1);
        },
      );
  };
  process.on('SIGINT', () => shutdown('SIGINT'));
  process.on('SIGTERM', () => shutdown('SIGTERM'));

  await app.listen(appConfig.port);
  bootLog('info', `Affiliation Portal listening on ${appConfig.publicUrl} (port ${appConfig.port})`);
}

bootstrap().catch((error: unknown) => {
  bootLog('error', error instanceof Error ? error.message : String(error));
  process.exit(1);
});
