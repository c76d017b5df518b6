import { NestFactory } from '@nestjs/core';
import { NestExpressApplication } from '@nestjs/platform-express';
import type { AddressInfo } from 'node:net';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { AppModule } from '../../src/app.module';
import { configureApp } from '../../src/app.setup';
import { PortalExpressAdapter } from '../../src/common/http/express-adapter';
import { loadDatabaseConfig } from '../../src/config/database.config';
import { createTestDatabase, TestDatabase } from './database';
import { overrideEnv, type EnvOverrides } from './test-env';

export interface TestApp {
  app: NestExpressApplication;
  db: TestDatabase;
  dataSource: DataSource;
  /** Base URL when started with `listen: true` (browser tests). */
  baseUrl: string;
  http(): ReturnType<typeof request>;
  close(): Promise<void>;
}

export interface TestAppOptions {
  /** Listen on a free port on 127.0.0.1 (for a browser); otherwise supertest drives it in-process. */
  listen?: boolean;
  /** Settings for this app (`undefined` unsets one, for its default); process.env is as before once it closes. */
  env?: EnvOverrides;
  /** A database of the test's own (e.g. on a server it stops); by default a clone of the template on the shared server. */
  database?: TestDatabase;
}

/**
 * The real app on its own cloned database: the same module graph and HTTP
 * setup as production, nothing mocked.
 */
export async function createTestApp(options: TestAppOptions = {}): Promise<TestApp> {
  const restoreEnv = overrideEnv({ NODE_ENV: 'test', ...options.env });
  try {
    const db = options.database ?? (await createTestDatabase());
    const app = await NestFactory.create<NestExpressApplication>(
      AppModule.forRoot({ database: { url: db.url, poolSize: 5, limits: loadDatabaseConfig().limits, migrationsRun: false } }),
      new PortalExpressAdapter(),
      { bodyParser: false, logger: false, abortOnError: false },
    );
    configureApp(app);
    let baseUrl = '';
    if (options.listen) {
      await app.listen(0, '127.0.0.1');
      const { port } = app.getHttpServer().address() as AddressInfo;
      baseUrl = `http://127.0.0.1:${port}`;
    } else {
      await app.init();
    }
    return {
      app,
      db,
      dataSource: app.get(DataSource),
      baseUrl,
      http: () => request(app.getHttpServer()),
      close: async () => {
        try {
          await app.close();
          await db.drop();
        } finally {
          restoreEnv();
        }
      },
    };
  } catch (error) {
    restoreEnv();
    throw error;
  }
}
