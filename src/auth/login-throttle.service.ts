import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import type { RateLimiterRes } from 'rate-limiter-flexible';
import type { SecurityConfig } from '../config';
import { TooManyRequestsError } from '../common/errors/domain-error';
import { Throttles, type Throttle } from '../common/rate-limit/throttles';

const MESSAGE = 'Too many failed sign-in attempts. Please wait a little and try again, or reset your password.';

/**
 * Slows password guessing per account and per client address. Counters live in
 * PostgreSQL, so they hold across instances and restarts; they expire on their
 * own, so the owner is never locked out for good.
 */
@Injectable()
export class LoginThrottleService {
  private readonly byAccount: Throttle;
  private readonly byAddress: Throttle;

  constructor(config: ConfigService, throttles: Throttles) {
    const security = config.getOrThrow<SecurityConfig>('security');
    this.byAccount = throttles.create({
      keyPrefix: 'login_account',
      points: security.loginMaxFailures,
      duration: security.loginFailureWindowSeconds,
    });
    // An address may hold several people (an office, a union building): allow more.
    this.byAddress = throttles.create({
      keyPrefix: 'login_address',
      points: security.loginMaxFailures * 3,
      duration: security.loginFailureWindowSeconds,
    });
  }

  /** Refuses before any password work when either counter is used up. */
  async assertAllowed(email: string, ip: string): Promise<void> {
    const [account, address] = await Promise.all([this.byAccount.get(email), this.byAddress.get(ip)]);
    const blocked = [
      account && account.consumedPoints >= this.byAccount.points ? account : undefined,
      address && address.consumedPoints >= this.byAddress.points ? address : undefined,
    ].filter((r): r is RateLimiterRes => !!r);
    if (blocked.length) {
      const wait = Math.max(...blocked.map((r) => Math.ceil(r.msBeforeNext / 1000)), 1);
      throw new TooManyRequestsError(MESSAGE, wait);
    }
  }

  async recordFailure(email: string, ip: string): Promise<void> {
    await Promise.all([
      this.byAccount.penalty(email, 1).catch(() => undefined),
      this.byAddress.penalty(ip, 1).catch(() => undefined),
    ]);
  }

  async recordSuccess(email: string): Promise<void> {
    await this.byAccount.delete(email);
  }
}
