import { registerAs } from '@nestjs/config';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Matches, Max, Min } from 'class-validator';
import { resolve } from 'node:path';
import { validateEnv } from './env';

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
}

export interface DatabaseConfig {
  /** Unset means: start the embedded server and use it. */
  url?: string;
  embeddedDir: string;
  embeddedPort: number;
  poolSize: number;
}

export function loadDatabaseConfig(env: NodeJS.ProcessEnv = process.env): DatabaseConfig {
  const v = validateEnv(DatabaseEnv, env);
  return {
    url: v.DATABASE_URL,
    embeddedDir: resolve(v.EMBEDDED_PG_DIR),
    embeddedPort: v.EMBEDDED_PG_PORT,
    poolSize: v.DATABASE_POOL_SIZE,
  };
}

export const databaseConfig = registerAs('database', () => loadDatabaseConfig());
