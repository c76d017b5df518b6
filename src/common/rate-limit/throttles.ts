import { Global, Injectable, Module } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { createHmac, hkdfSync } from 'node:crypto';
import type { Pool } from 'pg';
import { RateLimiterPostgres, RateLimiterRes } from 'rate-limiter-flexible';
import { DataSource, type EntityManager } from 'typeorm';
import type { PostgresDriver } from 'typeorm/driver/postgres/PostgresDriver';
import type { SecurityConfig } from '../../config';

/** A counter in the `rate_limits` table whose keys are stored only as keyed hashes. */
export class Throttle {
  constructor(
    private readonly limiter: RateLimiterPostgres,
    private readonly hash: (key: string) => string,
  ) {}

  get points(): number {
    return this.limiter.points;
  }

  consume(key: string, points = 1): Promise<RateLimiterRes> {
    return this.limiter.consume(this.hash(key), points);
  }

  get(key: string): Promise<RateLimiterRes | null> {
    return this.limiter.get(this.hash(key));
  }

  penalty(key: string, points = 1): Promise<RateLimiterRes> {
    return this.limiter.penalty(this.hash(key), points);
  }

  reward(key: string, points = 1): Promise<RateLimiterRes> {
    return this.limiter.reward(this.hash(key), points);
  }

  delete(key: string): Promise<boolean> {
    return this.limiter.delete(this.hash(key));
  }
}

/**
 * Every counter the portal keeps (sign-in failures, probes, quiet periods),
 * in PostgreSQL so they hold across instances and restarts, and expire by
 * themselves. A key such as an email or an IP address is stored only as an
 * HMAC under a key derived from SESSION_SECRET: the table never lists who
 * tried what, and a person's rows can still be found (and erased) by
 * whoever knows their address.
 */
@Injectable()
export class Throttles {
  private readonly secret: Buffer;
  private readonly pool: Pool;
  private readonly prefixes = new Set<string>();

  constructor(config: ConfigService, dataSource: DataSource) {
    const { sessionSecret } = config.getOrThrow<SecurityConfig>('security');
    this.secret = Buffer.from(hkdfSync('sha256', sessionSecret, 'affiliation-portal', 'throttle keys', 32));
    this.pool = (dataSource.driver as PostgresDriver).master as Pool;
  }

  /** A counter of `points` per `duration` seconds; each use names its own prefix. */
  create(options: { keyPrefix: string; points: number; duration: number }): Throttle {
    this.prefixes.add(options.keyPrefix);
    const limiter = new RateLimiterPostgres({
      storeClient: this.pool,
      storeType: 'pool',
      tableName: 'rate_limits',
      tableCreated: true,
      clearExpiredByTimeout: false,
      ...options,
    });
    return new Throttle(limiter, (key) => this.hash(key));
  }

  /** Deletes every counter kept about any of `keys` (an email, a user id…), in the caller's transaction. */
  async forget(manager: EntityManager, keys: readonly string[]): Promise<number> {
    const stored = [...this.prefixes].flatMap((prefix) => keys.map((k) => `${prefix}:${this.hash(k)}`));
    if (stored.length === 0) return 0;
    const [, deleted] = (await manager.query('DELETE FROM rate_limits WHERE key = ANY($1)', [stored])) as [unknown, number];
    return deleted;
  }

  private hash(key: string): string {
    return createHmac('sha256', this.secret).update(key).digest('base64url');
  }
}

/** rate-limiter-flexible rejects with a RateLimiterRes when the budget is spent, and with an Error when the store fails. */
export function isLimitReached(error: unknown): error is RateLimiterRes {
  return error instanceof RateLimiterRes;
}

@Global()
@Module({ providers: [Throttles], exports: [Throttles] })
export class ThrottlesModule {}
