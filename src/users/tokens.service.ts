import { Injectable } from '@nestjs/common';
import { Clock } from '../common/clock';
import { createHash, randomBytes } from 'node:crypto';
import { EntityManager, IsNull } from 'typeorm';
import { TokenPurpose, UserToken } from './user-token.entity';

export const hashToken = (raw: string): string => createHash('sha256').update(raw).digest('hex');

export const TOKEN_LIFETIME_MS: Record<TokenPurpose, number> = {
  verify_email: 24 * 3600_000,
  change_email: 24 * 3600_000,
  reset_password: 3600_000,
  admin_invite: 72 * 3600_000,
  admin_setup: 24 * 3600_000,
};

/** Single-use tokens for emailed links: 256 random bits out, a SHA-256 in. */
@Injectable()
export class TokensService {
  constructor(private readonly clock: Clock) {}

  async issue(
    manager: EntityManager,
    purpose: TokenPurpose,
    userId: string | null,
    data: Record<string, string> = {},
  ): Promise<string> {
    const raw = randomBytes(32).toString('base64url');
    const repo = manager.getRepository(UserToken);
    // A new link replaces any earlier unused one for the same purpose.
    const now = this.clock.now();
    if (userId) await repo.update({ userId, purpose, usedAt: IsNull() }, { usedAt: now });
    await repo.insert({ purpose, userId, data, tokenHash: hashToken(raw), expiresAt: new Date(now.getTime() + TOKEN_LIFETIME_MS[purpose]) });
    return raw;
  }

  /**
   * Marks the token used and returns it, or undefined when it is unknown,
   * used or expired. The conditional update makes a double submit harmless.
   */
  async consume(manager: EntityManager, purpose: TokenPurpose, raw: string): Promise<UserToken | undefined> {
    const rows: UserToken[] = await manager.query(
      `UPDATE user_tokens SET used_at = $3
        WHERE token_hash = $1 AND purpose = $2 AND used_at IS NULL AND expires_at > $3
        RETURNING id, user_id AS "userId", purpose, data`,
      [hashToken(raw), purpose, this.clock.now()],
    );
    // Node-postgres returns [rows, count] for UPDATE ... RETURNING through TypeORM.
    const list = Array.isArray(rows[0]) ? (rows[0] as unknown as UserToken[]) : rows;
    return list[0];
  }

  /** Looks a token up without using it (to show the right form). */
  async peek(manager: EntityManager, purpose: TokenPurpose, raw: string): Promise<UserToken | null> {
    return manager
      .getRepository(UserToken)
      .createQueryBuilder('t')
      .where('t.token_hash = :hash AND t.purpose = :purpose AND t.used_at IS NULL AND t.expires_at > :now', {
        hash: hashToken(raw),
        purpose,
        now: this.clock.now(),
      })
      .getOne();
  }
}
