import { INestApplication } from '@nestjs/common';
import { ConfigModule } from '@nestjs/config';
import { Test } from '@nestjs/testing';
import { ClockModule } from '../../src/common/clock.module';
import { configLoaders } from '../../src/config';
import { DatabaseModule } from '../../src/database/database.module';
import { DocumentsModule } from '../../src/documents/documents.module';
import { FeesCoreModule } from '../../src/fees/fees-core.module';
import type { TestDatabase } from './database';
import { overrideEnv, type EnvOverrides } from './test-env';

/**
 * The documents feature on a real, migrated database, with what it needs from
 * the app around it: configuration (the campaign's address), the clock, and
 * the fee bands (for the generic motion).
 */
export async function startDocumentsModule(db: TestDatabase, env: EnvOverrides = {}): Promise<INestApplication> {
  const restore = overrideEnv({ NODE_ENV: 'test', ...env });
  try {
    const moduleRef = await Test.createTestingModule({
      imports: [
        ConfigModule.forRoot({ isGlobal: true, ignoreEnvFile: true, load: configLoaders }),
        DatabaseModule.forRoot({ url: db.url, poolSize: 3, migrationsRun: false }),
        ClockModule,
        FeesCoreModule,
        DocumentsModule,
      ],
    }).compile();
    const app = moduleRef.createNestApplication({ logger: false });
    await app.init();
    return app;
  } finally {
    restore();
  }
}
