import { registerAs } from '@nestjs/config';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Matches, Max, Min } from 'class-validator';
import { resolve } from 'node:path';
import { validateEnv } from './env';

const limit = (name: string): string => `${name} must be a whole number of milliseconds from 100 to 600000`;

class DatabaseEnv {
  @IsOptional()
  @Matches(/^postgres(ql)?:\/\/\S+$/, {
    message: 'DATABASE_URL must be a postgres:// connection URL, or unset to use the embedded PostgreSQL',
  })
  DATABASE_URL?: string;

  @IsString()
  EMBEDDED_PG_DIR = '.data/postgres';

  @Type(() => Number)
  @IsInt({ message: 'EMBEDDED_PG_PORT must be a free TCP port number' })
  @Min(1024, { message: 'EMBEDDED_PG_PORT must be a free TCP port number above 1023' })
  @Max(65535, { message: 'EMBEDDED_PG_PORT must be a free TCP port number' })
  EMBEDDED_PG_PORT = 54320;

  @Type(() => Number)
  @IsInt({ message: 'DATABASE_POOL_SIZE must be a whole number from 1 to 100' })
  @Min(1, { message: 'DATABASE_POOL_SIZE must be a whole number from 1 to 100' })
  @Max(100, { message: 'DATABASE_POOL_SIZE must be a whole number from 1 to 100' })
  DATABASE_POOL_SIZE = 10;

  @Type(() => Number)
  @IsInt({ message: limit('DATABASE_STATEMENT_TIMEOUT_MS') })
  @Min(100, { message: limit('DATABASE_STATEMENT_TIMEOUT_MS') })
  @Max(600_000, { message: limit('DATABASE_STATEMENT_TIMEOUT_MS') })
  DATABASE_STATEMENT_TIMEOUT_MS = 5_000;

  @Type(() => Number)
  @IsInt({ message: limit('DATABASE_LOCK_TIMEOUT_MS') })
  @Min(100, { message: limit('DATABASE_LOCK_TIMEOUT_MS') })
  @Max(600_000, { message: limit('DATABASE_LOCK_TIMEOUT_MS') })
  DATABASE_LOCK_TIMEOUT_MS = 3_000;

  @Type(() => Number)
  @IsInt({ message: limit('DATABASE_IDLE_IN_TRANSACTION_TIMEOUT_MS') })
  @Min(100, { message: limit('DATABASE_IDLE_IN_TRANSACTION_TIMEOUT_MS') })
  @Max(600_000, { message: limit('DATABASE_IDLE_IN_TRANSACTION_TIMEOUT_MS') })
  DATABASE_IDLE_IN_TRANSACTION_TIMEOUT_MS = 10_000;

  @Type(() => Number)
  @IsInt({ message: limit('DATABASE_POOL_WAIT_MS') })
  @Min(100, { message: limit('DATABASE_POOL_WAIT_MS') })
  @Max(600_000, { message: limit('DATABASE_POOL_WAIT_MS') })
  DATABASE_POOL_WAIT_MS = 3_000;
}

/**
 * How long one request may keep the database busy or wait for it, per
 * connection of the app's pools. A statement, a lock wait, an open transaction
 * left idle or a wait for a free connection that runs over its limit fails
 * with an error the exception filter answers as 503, so one slow table or a
 * held lock cannot stall every request. Defaults: the slowest route measured
 * (the admin queue over 10,000 branches) takes ~0.2 s at p99, so 5 s per
 * statement leaves 25× headroom while a stuck request gives up long before a
 * person or a proxy would; a lock wait gives up sooner (3 s) because it holds
 * a pooled connection doing nothing; an idle open transaction (10 s) can only
 * be a bug or a crashed handler holding locks; and 3 s for a free connection
 * answers 503 while the pool is exhausted instead of queueing without end.
 * Migrations and the CLIs run without these limits.
 */
export interface DatabaseLimits {
  statementTimeoutMs: number;
  lockTimeoutMs: number;
  idleInTransactionTimeoutMs: number;
  poolWaitMs: number;
}

export interface DatabaseConfig {
  /** Unset means: start the embedded server and use it. */
  url?: string;
  embeddedDir: string;
  embeddedPort: number;
  poolSize: number;
  limits: DatabaseLimits;
}

export function loadDatabaseConfig(env: NodeJS.ProcessEnv = process.env): DatabaseConfig {
  const v = validateEnv(DatabaseEnv, env);
  return {
    url: v.DATABASE_URL,
    embeddedDir: resolve(v.EMBEDDED_PG_DIR),
    embeddedPort: v.EMBEDDED_PG_PORT,
    poolSize: v.DATABASE_POOL_SIZE,
    limits: {
      statementTimeoutMs: v.DATABASE_STATEMENT_TIMEOUT_MS,
      lockTimeoutMs: v.DATABASE_LOCK_TIMEOUT_MS,
      idleInTransactionTimeoutMs: v.DATABASE_IDLE_IN_TRANSACTION_TIMEOUT_MS,
      poolWaitMs: v.DATABASE_POOL_WAIT_MS,
    },
  };
}

export const databaseConfig = registerAs('database', () => loadDatabaseConfig());
