import { Injectable } from '@nestjs/common';
import { createHash } from 'node:crypto';
import type { RateLimiterPostgres } from 'rate-limiter-flexible';
import { DataSource } from 'typeorm';
import { isLimitReached, postgresLimiter } from '../common/rate-limit/postgres-limiter';

/** Long enough that a burst (or a script) sends one email; short enough that a person who tries again later hears back. */
export const ALREADY_REGISTERED_QUIET_SECONDS = 15 * 60;

/**
 * Decides whether a registration for an address that already has an account
 * may send the "you already have an account" email: the first attempt in a
 * quiet period does, the rest do not. The count is one atomic upsert in
 * PostgreSQL, so parallel requests on any instance agree on the first one.
 * The key is a hash, so the table never lists who tried to register.
 */
@Injectable()
export class RegistrationNoticesService {
  private readonly notices: RateLimiterPostgres;

  constructor(dataSource: DataSource) {
    this.notices = postgresLimiter(dataSource, { keyPrefix: 'registered_notice', points: 1, duration: ALREADY_REGISTERED_QUIET_SECONDS });
  }

  async firstInQuietPeriod(email: string): Promise<boolean> {
    try {
      await this.notices.consume(createHash('sha256').update(email).digest('base64url'));
      return true;
    } catch (error) {
      if (isLimitReached(error)) return false;
      throw error;
    }
  }
}
