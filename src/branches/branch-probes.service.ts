import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { AuditService, type Actor, type AuditEntry } from '../audit/audit.service';
import { TooManyRequestsError } from '../common/errors/domain-error';
import { isLimitReached, Throttles, type Throttle } from '../common/rate-limit/throttles';
import type { BranchesConfig } from '../config';

const MESSAGE =
  'You have asked about too many branches that are already registered today. Please try again tomorrow, or write to the campaign if you need help.';

/** What a probe spent, so it can be given back when the answer turned out to reveal nothing. */
export interface ProbeTicket {
  refund(): Promise<void>;
}

/**
 * Limits and records the answers that tell whether a branch exists: a
 * registration refused as a duplicate (409) and a takeover request. A
 * registered but unlisted branch is nobody's business, so an account may learn
 * that only a few times a day (three times that from one client address), and
 * every hit is audited with who asked.
 *
 * The budget is spent before the lookup, atomically, so a burst cannot
 * overrun it and the 429 never depends on whether the branch exists; a
 * registration that turns out new gets its point back.
 */
@Injectable()
export class BranchProbesService {
  private readonly byAccount: Throttle;
  private readonly byAddress: Throttle;

  constructor(
    config: ConfigService,
    throttles: Throttles,
    private readonly audit: AuditService,
  ) {
    const branches = config.getOrThrow<BranchesConfig>('branches');
    this.byAccount = throttles.create({ keyPrefix: 'branch_probe_account', points: branches.probesPerAccount, duration: branches.probeWindowSeconds });
    this.byAddress = throttles.create({ keyPrefix: 'branch_probe_address', points: branches.probesPerAddress, duration: branches.probeWindowSeconds });
  }

  /** Spends one probe of the account and of its address, or throws a 429 with Retry-After. */
  async spend(actor: Actor): Promise<ProbeTicket> {
    const account = actor.id ?? 'anonymous';
    const address = actor.ip ?? 'unknown';
    try {
      await this.byAccount.consume(account);
    } catch (error) {
      throw this.limitError(error);
    }
    try {
      await this.byAddress.consume(address);
    } catch (error) {
      await this.byAccount.reward(account).catch(() => undefined);
      throw this.limitError(error);
    }
    return {
      refund: async () => {
        await Promise.all([this.byAccount.reward(account), this.byAddress.reward(address)]).catch(() => undefined);
      },
    };
  }

  /** An audit row for a probe, written on its own: the request it belongs to is refused and rolls back. */
  record(actor: Actor, entry: AuditEntry): Promise<void> {
    return this.audit.record(undefined, actor, entry);
  }

  private limitError(error: unknown): unknown {
    if (!isLimitReached(error)) return error;
    return new TooManyRequestsError(MESSAGE, Math.max(1, Math.ceil(error.msBeforeNext / 1000)));
  }
}
