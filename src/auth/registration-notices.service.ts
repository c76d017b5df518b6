import { Injectable } from '@nestjs/common';
import { isLimitReached, Throttles, type Throttle } from '../common/rate-limit/throttles';

/** Long enough that a burst (or a script) sends one email; short enough that a person who tries again later hears back. */
export const ALREADY_REGISTERED_QUIET_SECONDS = 15 * 60;

/**
 * Decides whether a registration for an address that already has an account
 * may send the "you already have an account" email: the first attempt in a
 * quiet period does, the rest do not. The count is one atomic upsert in
 * PostgreSQL, so parallel requests on any instance agree on the first one.
 * The key is stored as a keyed hash (Throttles), so the table never lists who tried to register.
 */
@Injectable()
export class RegistrationNoticesService {
  private readonly notices: Throttle;

  constructor(throttles: Throttles) {
    this.notices = throttles.create({ keyPrefix: 'registered_notice', points: 1, duration: ALREADY_REGISTERED_QUIET_SECONDS });
  }

  async firstInQuietPeriod(email: string): Promise<boolean> {
    try {
      await this.notices.consume(email);
      return true;
    } catch (error) {
      if (isLimitReached(error)) return false;
      throw error;
    }
  }
}
