import type { Pool } from 'pg';
import { RateLimiterPostgres, RateLimiterRes } from 'rate-limiter-flexible';
import type { DataSource } from 'typeorm';
import type { PostgresDriver } from 'typeorm/driver/postgres/PostgresDriver';

/**
 * A counter in the `rate_limits` table (created by a migration), on the app's
 * own pool: it holds across instances and restarts and expires by itself.
 * Each use gets its own key prefix.
 */
export function postgresLimiter(dataSource: DataSource, options: { keyPrefix: string; points: number; duration: number }): RateLimiterPostgres {
  return new RateLimiterPostgres({
    storeClient: (dataSource.driver as PostgresDriver).master as Pool,
    storeType: 'pool',
    tableName: 'rate_limits',
    tableCreated: true,
    clearExpiredByTimeout: false,
    ...options,
  });
}

/** rate-limiter-flexible rejects with a RateLimiterRes when the budget is spent, and with an Error when the store fails. */
export function isLimitReached(error: unknown): error is RateLimiterRes {
  return error instanceof RateLimiterRes;
}
